# The compiler's SyntaxWarnings, as CPython 3.11 gives them: `is` with a
# literal, an assertion on a non-empty tuple, calling a literal or a
# display. They go through the warnings machinery (to stderr, or to a
# filter), and a filter that makes them errors makes a SyntaxError.
import warnings

x = 5
if x is 5:
    print("is five")
print(x is not "a", 1 is x, x is None, x is ..., x is True)
print(x is -1, x is (1, 2), x is (), x is [], x is (x,))


def f():
    return x is 1.5


print(f())
try:
    assert (x, "message")
    assert ()
except AssertionError:
    print("never")
try:
    ("a" "b")()
except TypeError as e:
    print(e)
try:
    [1, 2]()
except TypeError as e:
    print(e)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    compile("y = 1\nif y is 'x': pass\n", "<snippet>", "exec")
    compile("None()", "<snippet>", "eval")
print([(w.category.__name__, w.lineno, str(w.message)) for w in caught])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        compile("z = 1\nz is 2\n", "<snippet>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)

# The subscript warnings (check_subscripter, check_index).
def subscripts():
    a = [1, 2]
    for expr in ("1[0]", "None[0]", "...[0]", "True[0]", "(-1)[0]", "{1}[0]", "(x for x in a)[0]", "(lambda: 1)[0]",
                 "'abc'['x']", "'abc'[1.5]", "'abc'[0]", "'abc'[True]", "'abc'[1:2]", "[1, 2]['a']", "(a, 1)['a']", "(1, 2)[(1,)]",
                 "b'ab'[None]", "f'{a}'['x']", "[x for x in a][{}]", "a['x']", "[1][a]", "'s'[[1]]", "(1, 2)[lambda: 0]"):
        try:
            import warnings
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                compile(expr, "<e>", "eval")
            print(expr, [str(x.message) for x in w])
        except SyntaxError as e:
            print(expr, "SyntaxError", e)
subscripts()

# A finally body is compiled twice (its normal and its exceptional exit),
# so its warning comes twice, as in CPython.
try:
    pass
finally:
    x is 3
