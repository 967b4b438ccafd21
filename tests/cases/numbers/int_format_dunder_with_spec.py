# int.__format__, float.__format__ and str.__format__ called directly (and via super() in subclasses) apply the spec
print(int.__format__(2, 'd'), int.__format__(255, '#x'), int.__format__(7, ''), float.__format__(1.5, '.3f'))
print(str.__format__('ab', '>4'), int.__format__(True, 'd'), (5).__format__('03'), 2.5.__format__('e'))


class Flag(int):
    def __format__(self, spec):
        return 'F<' + super().__format__(spec) + '>'

    def __str__(self):
        return 'flag'


print(format(Flag(3), '04d'), f'{Flag(3):x}', format(Flag(3), ''))
try:
    object.__format__(object(), 'd')
except TypeError as e:
    print(e)
