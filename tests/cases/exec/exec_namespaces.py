# exec/eval namespace rules: separate globals and locals, functions see globals only, builtins injected, mappings as locals
g = {'base': 100}
l = {}
exec('v = base + 1\ndef get():\n    return base\nw = get()', g, l)
print(sorted(l), l['v'], l['w'], 'v' in g, sorted(k for k in g if k != '__builtins__'))
exec('def h():\n    return v\n', g, l)
try:
    l['h']()
except NameError as e:
    print('NameError', e)
class Loud(dict):
    def __getitem__(self, k):
        print('lookup', k)
        return dict.__getitem__(self, k)
print(eval('p + 1', {}, Loud(p=1)))
gl = {'__builtins__': {'len': lambda x: 'mine'}}
print(eval('len([1, 2])', gl))
ns = {}
exec('', ns)
print(list(ns))
print(eval('__name__'), eval('__name__', {}) if False else 'skip')
def outer():
    a = 1
    exec('b = a + 1')
    return sorted(k for k in locals())
print(outer())
for bad in [lambda: exec('x', []), lambda: eval('x', {}, 5), lambda: exec(), lambda: eval('1', None, None, 4), lambda: exec(compile('x', 'f', 'exec'), 1)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
print(eval('1', None, None), eval('2', None), exec('k = 1', None))
src = 'def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\n'
env = {}
exec(src, env)
print(env['fact'](10), env['fact'].__module__ if '__name__' in env else env['fact'].__globals__ is env)
exec('import sys\nprint(type(sys).__name__)', {})
exec('x = 1; y = 2; print(x + y)', {})
