# __mro_entries__ is looked up on the base object itself (a function's attribute counts) and called with the bases only
def base_factory():
    pass
def entries(bases):
    print("entries got", len(bases), "bases")
    return (dict,)
base_factory.__mro_entries__ = entries
class A(base_factory):
    pass
print(A.__mro__, A.__orig_bases__ == (base_factory,))
class Holder:
    def __mro_entries__(self, bases):
        return (list,)
h = Holder()
class B(h, object):
    pass
print(B.__mro__, B.__orig_bases__[0] is h)
