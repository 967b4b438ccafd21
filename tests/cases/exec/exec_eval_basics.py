# exec, eval and compile: namespaces, code objects, class bodies, errors, and a traceback through exec
x = 10
print(eval('x + 1'), eval('  x * 2\n'), eval('y', {'y': 3}), eval('a + b', {'a': 1}, {'b': 2}))
exec('z = x + 5')
print(z)
g = {}
exec('def f(n):\n    return n * 2\nr = f(21)', g)
print(g['r'], sorted(k for k in g if k != '__builtins__'), '__builtins__' in g)
ns = {}
exec('import math\nq = [i*i for i in range(3)]', ns)
print(ns['q'])
c = compile('1 + 2', '<test>', 'eval')
print(eval(c), type(c).__name__, c.co_filename, c.co_name)
c2 = compile('print("hi from exec")', 'file.py', 'exec')
exec(c2)
def f():
    a = 5
    return eval('a + 1')
print(f())
try:
    eval('1 +')
except SyntaxError as e:
    print('SyntaxError', e.msg, e.filename, e.lineno)
try:
    exec('raise ValueError("boom")')
except ValueError as e:
    print('ValueError', e)
try:
    eval(5)
except TypeError as e:
    print(e)
try:
    compile('x', 'f', 'bad')
except ValueError as e:
    print(e)
print(eval(b'2 ** 10'), exec('pass'))
class C:
    exec('k = 42')
print(C.k)
print(eval('[j for j in range(3)]', {}), eval('(lambda: x)()', {'x': 7}))
exec("for i in range(2): print('loop', i)")
exec('1/0')
