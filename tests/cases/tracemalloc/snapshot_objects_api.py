# tracemalloc's Snapshot/Statistic/StatisticDiff/Traceback/Frame/Filter API on hand-made traces: grouping, sorting, formatting, filters, dump/load.
import tracemalloc
T = tracemalloc
raw = (
    (0, 1024, (('b.py', 2), ('a.py', 10)), 2),
    (0, 512, (('b.py', 2), ('a.py', 10)), 2),
    (0, 4096, (('c.py', 7), ('a.py', 11)), 2),
    (1, 100, (('b.py', 3), ('a.py', 12)), 2),
)
snap = T.Snapshot(raw, 2)
print(len(snap.traces), snap.traceback_limit)
for key in ('lineno', 'filename', 'traceback'):
    for s in snap.statistics(key):
        print(key, s)
for s in snap.statistics('lineno', cumulative=True):
    print('cumulative', s)
print(repr(snap.statistics('lineno')[0]))
tb = T.Traceback((('b.py', 2), ('a.py', 10)), 5)
print(str(tb), len(tb), tb.total_nframe, [str(f) for f in tb], repr(tb[0]))
print(tb[0] < tb[1], tb == T.Traceback((('b.py', 2), ('a.py', 10))), hash(tb) == hash(T.Traceback((('b.py', 2), ('a.py', 10)))))
old = T.Snapshot(raw[1:], 2)
for d in snap.compare_to(old, 'lineno'):
    print('diff', d)
print(repr(snap.compare_to(old, 'filename')[0]))
only_b = snap.filter_traces([T.Filter(True, 'b.py')])
print(len(only_b.traces), [t.size for t in only_b.traces])
no_b = snap.filter_traces([T.Filter(False, 'b.py')])
print(len(no_b.traces))
line2 = snap.filter_traces([T.Filter(True, '*.py', lineno=2)])
print(len(line2.traces))
allf = snap.filter_traces([T.Filter(True, 'a.py', all_frames=True)])
print(len(allf.traces))
dom = snap.filter_traces([T.DomainFilter(False, 1)])
print(len(dom.traces), str(dom.traces[0]))
for size in (0, 1, 1023, 10240, 1024 * 1024 * 3, 5 * 1024 ** 3):
    print(T._format_size(size, False), T._format_size(size, True))
try:
    snap.statistics('nope')
except ValueError as e:
    print(e)
try:
    snap.statistics('traceback', cumulative=True)
except ValueError as e:
    print(e)
path = '/tmp/ouro-tracemalloc-case.snapshot'
snap.dump(path)
back = T.Snapshot.load(path)
print(back.traceback_limit, back.traces == snap.traces)
