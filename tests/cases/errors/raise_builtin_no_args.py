# Raising an exception class without arguments prints just the type name.
print('raising')
raise RuntimeError
