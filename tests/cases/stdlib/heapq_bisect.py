# heapq: the heap list after each push/pop/replace/pushpop/heapify (CPython's sift order), nlargest/nsmallest with key, merge; bisect with lo/hi/key; errors
import heapq, bisect

h = []
for v in [5, 3, 8, 1, 9, 2, 7, 3, 6]:
    heapq.heappush(h, v)
    print(h)
print([heapq.heappop(h) for _ in range(3)], h)
print(heapq.heapreplace(h, 4), h, heapq.heappushpop(h, 0), heapq.heappushpop(h, 10), h)
data = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 5, 1]
heapq.heapify(data); print(data)
words = ['pear', 'fig', 'banana', 'kiwi', 'apple', 'date']
heapq.heapify(words); print(words)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')]
heapq.heapify(pairs); print(pairs, heapq.heappop(pairs), pairs)
print(heapq.nlargest(3, [5, 1, 9, 3, 9, 7]), heapq.nsmallest(2, [5, 1, 9, 3]), heapq.nsmallest(0, [1]), heapq.nlargest(10, [2, 1]))
print(heapq.nlargest(2, words, key=len), heapq.nsmallest(3, words, key=len), heapq.nsmallest(1, iter([4, 2, 3])))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 3, 9])), list(heapq.merge()), list(heapq.merge([], [1])))
print(list(heapq.merge(['dog', 'horse'], ['cat', 'fish', 'kangaroo'], key=len)))
print(list(heapq.merge([7, 4, 1], [8, 5, 2], reverse=True)), list(heapq.merge([(1, 'a'), (2, 'a')], [(1, 'b')], key=lambda t: t[0])))
print(type(heapq.merge([1])).__name__)
for f, args in [(heapq.heappop, ([],)), (heapq.heappush, (1, 2)), (heapq.heapify, ((),)), (heapq.heapreplace, ([], 1)), (heapq.heappushpop, ((), 1)), (heapq.heappop, ((),)), (heapq.heappush, ([],)), (heapq.heapify, ())]:
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2, 2, 2, 3, 5]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 2), bisect.bisect_left(a, 4), bisect.bisect(a, 9), bisect.bisect_left(a, 0))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 5, hi=4), bisect.bisect(a, 1, lo=3))
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
b = []
for v in [3, 1, 2, 3, 0]:
    bisect.insort(b, v)
print(b)
bisect.insort_left(b, 2.0); bisect.insort_right(b, 2.5); print(b)
bisect.insort(recs, ('d', 4), key=lambda r: r[1]); bisect.insort_left(recs, ('e', 1), key=lambda r: r[1]); print(recs)
x = [1, 1]
bisect.insort_left(x, 1.0); bisect.insort_right(x, True); print(x, [type(v).__name__ for v in x])
for args in [([1], 1, -1), ([1], 1, 0, 5), (1, 1), ([1], 1, 'a')]:
    try:
        print(bisect.bisect_left(*args))
    except Exception as e:
        print(type(e).__name__, e)
