# tracemalloc: the biggest allocations are attributed to the right line, file and call stack.
import tracemalloc
class Node:
    def __init__(self, v):
        self.v = v
def make(n):
    return [Node(i) for i in range(n)]
tracemalloc.start(4)
keep = make(3000)
other = [Node(i) for i in range(500)]
snapshot = tracemalloc.take_snapshot()
stats = snapshot.statistics('lineno')
top = stats[0]
print(top.traceback[0].lineno, top.count >= 3000)
by_file = snapshot.statistics('filename')
print(by_file[0].traceback[0].lineno, by_file[0].traceback[0].filename == __file__)
def text(n):
    return 'abc' * n
big = text(50000)
tb = tracemalloc.get_object_traceback(big)
print(len(tb), [f.lineno for f in tb])
print(tb.format()[-1].strip())
print(tb.format(most_recent_first=True)[0].strip())
stats_tb = snapshot.statistics('traceback')
print(len(stats_tb[0].traceback) >= 2)
cumulative = snapshot.statistics('lineno', cumulative=True)
lines = {}
for s in cumulative:
    if s.count >= 500:
        lines[s.traceback[0].lineno] = True
print(7 in lines, 9 in lines, 10 in lines)
s1 = tracemalloc.take_snapshot()
extra = [Node(i) for i in range(700)]
s2 = tracemalloc.take_snapshot()
mine = [tracemalloc.Filter(True, __file__)]
diff = s2.filter_traces(mine).compare_to(s1.filter_traces(mine), 'lineno')
print(diff[0].traceback[0].lineno, diff[0].count_diff >= 700, diff[0].size_diff > 0)
tracemalloc.stop()
