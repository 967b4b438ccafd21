# global lets a function rebind a module-level name; without it assignment is local.
count = 0
def increment():
    global count
    count += 1
def local_only():
    count = 100
    return count
increment()
increment()
print(count, local_only(), count)
def create():
    global created
    created = 'made inside'
create()
print(created)
items = []
def add(x):
    items.append(x)
add(1)
add(2)
print(items)
