# C3 MRO: diamonds, deeper hierarchies, and the TypeError for inconsistent orders.
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print([k.__name__ for k in Z.__mro__])
print([k.__name__ for k in K3.mro()])

class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass
try:
    class Bad(XY, YX): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Dup(X, X): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Order(object, X): pass
except TypeError as e:
    print("TypeError:", e)
class Left(X): pass
class Right(X):
    def who(self): return "Right"
class Both(Left, Right): pass
print(Both().who(), [k.__name__ for k in Both.__mro__])
