# os.walk (top-down and bottom-up) and os.scandir entries over a tree made in a temporary directory
import os, shutil, tempfile
root = tempfile.mkdtemp()
for d in ['x', 'x/y', 'z']:
    os.mkdir(os.path.join(root, d))
for f in ['top.txt', 'x/one.txt', 'x/y/two.txt', 'x/y/three.txt']:
    with open(os.path.join(root, f), 'w') as fh:
        fh.write(f)
def rel(p):
    return os.path.relpath(p, root)
for topdown in (True, False):
    out = []
    for dirpath, dirnames, filenames in os.walk(root, topdown=topdown):
        out.append((rel(dirpath), sorted(dirnames), sorted(filenames)))
    print(topdown, sorted(out) if topdown else [o[0] for o in out][-1], len(out))
pruned = []
for dirpath, dirnames, filenames in os.walk(root):
    dirnames[:] = [d for d in dirnames if d != 'x']
    pruned.append(rel(dirpath))
print(sorted(pruned))
with os.scandir(root) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, rel(e.path), e.is_dir(), e.is_file(), e.is_symlink(), e.stat().st_size if e.is_file() else '-')
print(os.fspath(entries[0]) == entries[0].path, isinstance(entries[0], os.PathLike))
print(list(os.walk(os.path.join(root, 'missing'))))
shutil.rmtree(root)
print(os.path.exists(root))
