# global declarations: rebinding module names from functions, nested functions, and creating new globals.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def create():
    global created
    created = "made inside"
create()
print(created)
def outer():
    value = "enclosing"
    def inner():
        global value
        value = "global from inner"
        return value
    inner()
    return value
print(outer(), value)
def reader():
    return counter * 10
counter = 7
print(reader())
def shadow():
    counter = 100
    def peek():
        global counter
        return counter
    return peek(), counter
print(shadow())
def delete():
    global created
    del created
delete()
try:
    created
except NameError as e:
    print("NameError:", e)
print("counter" in globals(), globals()["counter"])
