# subclasses of str: construction, own __new__, attributes, methods returning plain str, hashing, StrEnum
class S(str):
    def shout(self):
        return self.upper() + '!'
s = S('hi')
s.extra = 1
print(s, repr(s), s.shout(), s.extra, len(s), s == 'hi', hash(s) == hash('hi'), type(s + 'x').__name__, isinstance(s, str), {s: 1}['hi'])
print(s.__dict__, str(s), type(str(s)).__name__, f'{s}', s[0], type(s[0]).__name__, s.split('i'), type(s.upper()).__name__)
class U(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
print(U('abc'), type(U('abc')).__name__, U('x') + U('y'))
class R(str):
    def __repr__(self):
        return 'R<' + str.__repr__(self) + '>'
    def __str__(self):
        return 'R:' + self
print([R('a')], str(R('b')), '%s' % R('c'), 'x' in R('xyz'), sorted([S('b'), S('a')]))
import enum
class Color(enum.StrEnum):
    RED = 'red'
    GREEN = enum.auto()
print(Color.RED, repr(Color.GREEN), Color.RED == 'red', Color('green'), list(Color), Color.RED.upper(), f'{Color.GREEN}')
