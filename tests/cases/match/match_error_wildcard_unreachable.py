# A wildcard before other cases is a syntax error.
x = 1
match x:
    case _:
        pass
    case 1:
        pass
