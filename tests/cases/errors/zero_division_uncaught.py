# Uncaught ZeroDivisionError from integer division inside a function.
def average(items):
    return sum(items) // len(items)
print(average([1, 2, 3]))
print(average([]))
