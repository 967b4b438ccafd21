# Two starred names in one sequence pattern are a syntax error.
match [1, 2]:
    case [*a, *b]:
        pass
