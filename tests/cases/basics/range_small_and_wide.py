# range() of small ints takes a fast path; its lengths, items, iterators
# and errors must match the general one's, up to the edges of i64.
for a in [(5,), (0,), (-3,), (2, 9), (9, 2), (2, 9, 3), (9, 2, -3), (-5, -1),
          (0, 10, -1), (True,), (1, 10, True), (0, 2**63 - 1, 2**62),
          (2**63 - 1, -2**63, -2**62), (-2**63, -2**63 + 5), (2**63 - 3, 2**63 - 1)]:
    r = range(*a)
    it = iter(r)
    first = [next(it, None) for _ in range(3)]
    print(a, len(r), first, r[-1] if len(r) else None, r.stop, type(r.start).__name__)
for a in [(-2**63, 2**63 - 1), (2**63 - 1, -2**63, -1), (0, 2**64)]:
    r = range(*a)
    try:
        print(len(r))
    except OverflowError as e:
        print("OverflowError", e)
    it = iter(r)
    print(a, next(it), next(it), r[-1], type(it).__name__)
for bad in [(1, 2, 0), (1.5,), (), (1, 2, 3, 4)]:
    try:
        range(*bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sum(range(10**6, 10**6 + 5)), list(range(2**63 - 2, 2**63 + 1)))
