# isinstance with built-in types, including bool being an int and tuples of types.
print(isinstance(1, int), isinstance(1.0, int), isinstance(1.0, float))
print(isinstance(True, int), isinstance(True, bool), isinstance(1, bool))
print(isinstance('s', str), isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(isinstance(None, object), isinstance(1, object))
print(isinstance(1, (str, float)), isinstance(1, (str, int)))
print(isinstance(2 ** 80, int))
