# inf and nan from float(): reprs, comparisons and arithmetic.
inf = float('inf')
nan = float('nan')
print(inf, -inf, nan, float('-inf'), float('Infinity'), float('-NaN'))
print(inf > 1e308, -inf < -1e308, inf == inf, inf + 1 == inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, nan is nan)
print(inf - inf, inf * 0, inf * -1, 1 / inf, -1 / inf)
print(1e308 * 10, -1e308 * 10)
print(repr(inf), str(nan), type(inf))
l = [nan]
print(nan in l, l.count(nan))
