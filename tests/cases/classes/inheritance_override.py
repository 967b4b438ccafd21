# Single inheritance: subclasses override methods and inherit the rest.
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return '...'
    def describe(self):
        return self.name + ' says ' + self.speak()
class Dog(Animal):
    def speak(self):
        return 'woof'
class Puppy(Dog):
    def speak(self):
        return 'yip'
for a in [Animal('generic'), Dog('rex'), Puppy('bit')]:
    print(a.describe())
p = Puppy('tiny')
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(Dog('d'), Puppy))
print(type(p) is Dog)
