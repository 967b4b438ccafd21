# code.replace() returns a copy of a code object with some co_* fields changed
def gen():
    yield 1


co = gen.__code__
marked = co.replace(co_flags=co.co_flags | 0x100)
print(marked is co, marked.co_flags - co.co_flags, marked.co_name)
renamed = co.replace(co_name='renamed')
print(renamed.co_name, co.co_name, renamed.co_argcount)
