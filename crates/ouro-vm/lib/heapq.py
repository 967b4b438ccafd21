"""Heap queue algorithm (a.k.a. priority queue).

ouro's `heapq` module. Heaps are lists for which a[k] <= a[2*k+1] and
a[k] <= a[2*k+2] for all k. The sift routines move items in the same order
as CPython 3.11's `_heapq`, so intermediate heap lists are identical.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check_list(heap, what):
    if not isinstance(heap, list):
        raise TypeError(f'{what} must be list, not {type(heap).__name__}')


def _sift_toward_root(heap, startpos, pos, less):
    # Move heap[pos] up while it is smaller than its parent (CPython's
    # _siftdown: the name counts from the leaves).
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if less(newitem, parent):
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _sift_to_leaf(heap, pos, less):
    # Bubble the smaller child up until heap[pos] is a leaf, then move the
    # displaced item back toward the root (CPython's _siftup).
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not less(heap[childpos], heap[rightpos]):
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _sift_toward_root(heap, startpos, pos, less)


def _lt(a, b):
    return a < b


def _gt(a, b):
    return b < a


def heappush(*args):
    """Push item onto heap, maintaining the heap invariant."""
    if len(args) != 2:
        raise TypeError(f'heappush expected 2 arguments, got {len(args)}')
    heap, item = args
    _check_list(heap, 'heappush() argument 1')
    heap.append(item)
    _sift_toward_root(heap, 0, len(heap) - 1, _lt)


def heappop(heap, /):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
    _check_list(heap, 'heappop() argument')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sift_to_leaf(heap, 0, _lt)
        return smallest
    return last


def heapreplace(*args):
    """Pop and return the current smallest value, and add the new item.

    This is more efficient than heappop() followed by heappush(), and can be
    more appropriate when using a fixed-size heap.  Note that the value
    returned may be larger than item!"""
    if len(args) != 2:
        raise TypeError(f'heapreplace expected 2 arguments, got {len(args)}')
    heap, item = args
    _check_list(heap, 'heapreplace() argument 1')
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _sift_to_leaf(heap, 0, _lt)
    return smallest


def heappushpop(*args):
    """Push item on the heap, then pop and return the smallest item from the heap.

    The combined action runs more efficiently than heappush() followed by
    a separate call to heappop()."""
    if len(args) != 2:
        raise TypeError(f'heappushpop expected 2 arguments, got {len(args)}')
    heap, item = args
    _check_list(heap, 'heappushpop() argument 1')
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_to_leaf(heap, 0, _lt)
    return item


def heapify(*args):
    """Transform list into a heap, in-place, in O(len(heap)) time."""
    if len(args) != 1:
        raise TypeError('_heapq.heapify() takes exactly one argument'
                        f' ({len(args)} given)')
    heap = args[0]
    _check_list(heap, 'heapify() argument')
    for i in reversed(range(len(heap) // 2)):
        _sift_to_leaf(heap, i, _lt)


def _heapify_max(heap):
    """Maxheap version of a heappop."""
    _check_list(heap, '_heapify_max() argument')
    for i in reversed(range(len(heap) // 2)):
        _sift_to_leaf(heap, i, _gt)


def _heappop_max(heap):
    """Maxheap version of a heappop."""
    _check_list(heap, '_heappop_max() argument')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        largest = heap[0]
        heap[0] = last
        _sift_to_leaf(heap, 0, _gt)
        return largest
    return last


def _heapreplace_max(heap, item):
    """Maxheap version of a heappop followed by a heappush."""
    _check_list(heap, '_heapreplace_max() argument 1')
    if not heap:
        raise IndexError('index out of range')
    largest = heap[0]
    heap[0] = item
    _sift_to_leaf(heap, 0, _gt)
    return largest


def merge(*iterables, key=None, reverse=False):
    '''Merge multiple sorted inputs into a single sorted output.

    Similar to sorted(itertools.chain(*iterables)) but returns a generator,
    does not pull the data into memory all at once, and assumes that each of
    the input streams is already sorted (smallest to largest).

    >>> list(merge([1,3,5,7], [0,2,4,8], [5,10,15,20], [], [25]))
    [0, 1, 2, 3, 4, 5, 5, 7, 8, 10, 15, 20, 25]

    If *key* is not None, applies a key function to each element to determine
    its sort order.

    >>> list(merge(['dog', 'horse'], ['cat', 'fish', 'kangaroo'], key=len))
    ['dog', 'cat', 'fish', 'horse', 'kangaroo']

    '''
    # Each entry is [sort value, input number, item, iterator]; the input
    # number breaks ties so that equal items come out in input order.
    less = _gt if reverse else _lt

    def entry_less(a, b):
        # As lists compare: equal sort values fall back to the input number.
        if a[0] == b[0]:
            return a[1] < b[1]
        return less(a[0], b[0])

    heap = []
    for order, it in enumerate(map(iter, iterables)):
        try:
            item = next(it)
        except StopIteration:
            continue
        heap.append([item if key is None else key(item), order, item, it])
    for i in reversed(range(len(heap) // 2)):
        _sift_to_leaf(heap, i, entry_less)
    while len(heap) > 1:
        top = heap[0]
        yield top[2]
        try:
            item = next(top[3])
        except StopIteration:
            last = heap.pop()
            heap[0] = last
            _sift_to_leaf(heap, 0, entry_less)
            continue
        top[0] = item if key is None else key(item)
        top[2] = item
        _sift_to_leaf(heap, 0, entry_less)
    if heap:
        top = heap[0]
        yield top[2]
        yield from top[3]


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]
    """
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]
    """
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
