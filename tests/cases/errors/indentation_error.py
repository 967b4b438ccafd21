# An unexpected indent is an IndentationError (a SyntaxError subclass).
x = 1
    y = 2
print(x)
