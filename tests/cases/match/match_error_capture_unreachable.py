# A capture pattern before other cases is a syntax error.
x = 1
match x:
    case y:
        pass
    case 1:
        pass
