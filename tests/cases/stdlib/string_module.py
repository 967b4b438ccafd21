# string: the constants, capwords, Template substitute/safe_substitute/get_identifiers/is_valid and errors, Formatter parse/format/errors and overrides
import string

for name in ['whitespace', 'ascii_lowercase', 'ascii_uppercase', 'ascii_letters', 'digits', 'hexdigits', 'octdigits', 'punctuation', 'printable']:
    print(name, repr(getattr(string, name)))
print(string.capwords('  hello   wORLD  again '), string.capwords('a-b-c', '-'), repr(string.capwords('')))

T = string.Template
t = T('$who likes ${what}; $$5 for $who_else.')
print(t.substitute(who='tim', what='kung pao', who_else='x'), t.template)
print(t.substitute({'who': 'a', 'what': 'b', 'who_else': 'c'}, what='override'))
print(t.safe_substitute(who='only'), t.get_identifiers(), t.is_valid())
try:
    t.substitute(who='x')
except KeyError as e:
    print('KeyError', e)
for s in ['$ x', 'ab\ncd$', '${a', 'x\n\ny $!', '$', '${1}']:
    try:
        T(s).substitute(a=1)
    except ValueError as e:
        print(e)
    print(repr(T(s).safe_substitute(a=1)), T(s).is_valid(), T(s).get_identifiers())
print(T('$a$b${a}').get_identifiers(), T('$x_1y and $9').safe_substitute(x_1y=[1]))
class Percent(T):
    delimiter = '%'
print(Percent('%name is %% %{name}!').substitute(name='P'))

f = string.Formatter()
print(f.format('{0}-{1}-{0}', 'a', 'b'), f.format('{} {}', 1, 2), f.format('{x!r:>6}|{y[1]}|{z.real}', x='s', y=[0, 9], z=3))
print(f.format('{:{w}.{p}f}', 3.14159, w=8, p=2), f.vformat('{a}{b}', (), {'a': 1, 'b': 2}))
print(list(f.parse('a{0!r:>{w}}b{{c}}{x.y[0]}')), list(f.parse('')), list(f.parse('}}')))
for s in ['{', '}', '{0!}', '{0!x}', '{0!rr}', '{0.}', '{0[}', '{0[1]x}', '{}{0}', '{0}{}', '{a{b}', '{:{:{}}}', '{5}', '{q}']:
    try:
        print(f.format(s, 1, 2, 3, a=1))
    except (ValueError, TypeError, IndexError, KeyError) as e:
        print(type(e).__name__, e)

class Upper(string.Formatter):
    def get_value(self, key, args, kwargs):
        if isinstance(key, str):
            return kwargs.get(key, '<' + key + '>')
        return super().get_value(key, args, kwargs)
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()
    def check_unused_args(self, used, args, kwargs):
        print('used', sorted(map(str, used)))
print(Upper().format('{name} {missing} {0}', 'zero', name='ab'))
print(f.convert_field(1, 'a'), f.convert_field('é', 'a'), f.get_field('0[1]', [[4, 5]], {}))
