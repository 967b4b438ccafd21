# __str__ is used by print/str, __repr__ by repr and inside containers.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return 'Money(' + str(self.cents) + ')'
    def __str__(self):
        return '$' + str(self.cents // 100) + '.' + str(self.cents % 100)
m = Money(1234)
print(m)
print(str(m), repr(m))
print([m, Money(5)])
print((m,), {'price': m})
