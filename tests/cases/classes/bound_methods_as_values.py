# A method looked up on an instance is bound: calling it later still passes self.
class Greeter:
    def __init__(self, word):
        self.word = word
    def greet(self, who):
        return self.word + ' ' + who
g = Greeter('hello')
h = Greeter('hi')
f = g.greet
print(f('world'))
methods = [g.greet, h.greet]
for m in methods:
    print(m('there'))
print(Greeter.greet(h, 'direct'))
g.word = 'changed'
print(f('again'))
