# Triple-quoted strings keep newlines and can contain unescaped quotes.
s = """first line
second 'line' with "quotes"
third"""
print(s)
print(len(s.split('\n')))
t = '''single
triple'''
print(repr(t))
u = """\
no leading newline"""
print(u)
