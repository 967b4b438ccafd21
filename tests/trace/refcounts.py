# flags: --trace-refcounts
# Net reference-count changes per instruction: names, a container, a call.
items = []
first = object()
items.append(first)
alias = first
def keep(o):
    return o
keep(first)
del alias
items.clear()
