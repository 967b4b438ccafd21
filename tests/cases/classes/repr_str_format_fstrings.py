# How f-strings, format(), str() and repr() pick __repr__, __str__ and __format__ (with !r, !s, !a and specs).
class Temp:
    def __init__(self, deg): self.deg = deg
    def __repr__(self): return "Temp(%r)" % self.deg
    def __str__(self): return "%s degrees" % self.deg
    def __format__(self, spec):
        if spec == "":
            return "fmt-empty"
        if spec.endswith("F"):
            return format(self.deg * 9 / 5 + 32, spec[:-1]) + "F"
        return format(self.deg, spec) + "C"
t = Temp(21.5)
print(f"{t}|{t!r}|{t!s}|{t:.0f}|{t:>8.1F}")
print(str(t), repr(t), format(t), format(t, "06.2f"))
print([t], (t,), {"k": t})
w = 5
print(f"{t!r:>12}|{t!s:*^16}|{'x'!r}|{w:{w}}|")

class OnlyRepr:
    def __repr__(self): return "<OnlyRepr é>"
o = OnlyRepr()
print(f"{o}", str(o), f"{o!a}", ascii(o))
try:
    f"{o:>5}"
except TypeError as e:
    print("TypeError:", e)
class OnlyStr:
    def __str__(self): return "just str"
print(f"{OnlyStr()}", f"{OnlyStr():}", format(OnlyStr(), ""))
print(f"{3.14159:.2f} {42:#x} {'ab':>4} {7:+05d} {1234567:,}")
x = 3
print(f"{x=}", f"{x*2 = }", f"{t=!s}")
