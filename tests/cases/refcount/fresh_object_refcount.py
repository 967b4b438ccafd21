# getrefcount of an object bound to one name is 2 (the name plus the call's argument).
import sys
o = object()
print(sys.getrefcount(o))
l = []
print(sys.getrefcount(l))
d = {}
print(sys.getrefcount(d))
class C:
    pass
c = C()
print(sys.getrefcount(c))
print(sys.getrefcount(object()))
print(sys.getrefcount([]))
