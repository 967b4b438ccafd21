# A mapping pattern may not check a literal key twice.
match {}:
    case {'a': 1, 'a': 2}:
        pass
