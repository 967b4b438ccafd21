# re: groups nested 495 deep compile, deeper ones raise RecursionError as CPython's recursive parser does (no Rust stack overflow)
import re
for n in (100, 495, 496, 1000, 5000):
    for pat in ('(?:' * n + 'a' + ')' * n, '(' * n + 'a' + ')' * n, '(?=' * n + 'a' + ')' * n):
        try:
            print(n, re.match(pat, 'a').span())
        except RecursionError as e:
            print(n, 'RecursionError', e)
