# Binary trees (after the benchmarks game): allocate and free many small
# instances. A stretch tree, a long-lived tree, then many short-lived trees
# of increasing depth; prints node checks so results can be compared.

class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right


def make_tree(depth):
    if depth == 0:
        return Node(None, None)
    depth -= 1
    return Node(make_tree(depth), make_tree(depth))


def check(node):
    if node.left is None:
        return 1
    return 1 + check(node.left) + check(node.right)


def make_tuple_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tuple_tree(depth), make_tuple_tree(depth))


def check_tuple(node):
    left = node[0]
    if left is None:
        return 1
    return 1 + check_tuple(left) + check_tuple(node[1])


def main(max_depth):
    min_depth = 4
    stretch = max_depth + 1
    print('stretch tree of depth', stretch, 'check:', check(make_tree(stretch)))
    long_lived = make_tree(max_depth)
    depth = min_depth
    while depth <= max_depth:
        iterations = 2 ** (max_depth - depth + min_depth)
        total = 0
        i = 0
        while i < iterations:
            total += check(make_tree(depth))
            i += 1
        print(iterations, 'trees of depth', depth, 'check:', total)
        depth += 2
    print('long lived tree of depth', max_depth, 'check:', check(long_lived))
    total = 0
    for i in range(64):
        total += check_tuple(make_tuple_tree(10))
    print('64 tuple trees of depth 10 check:', total)


main(14)
