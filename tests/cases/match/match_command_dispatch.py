# Matching split command lines: literal, capture, star, or-patterns with alternatives, guards and wildcard.
def run(line):
    match line.split():
        case []:
            return "empty"
        case ["quit" | "exit" | "q"]:
            return "bye"
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return "going " + direction
        case ["go", other]:
            return "cannot go " + other
        case ["take", *items] if items:
            return "taking " + ", ".join(items)
        case ["take"]:
            return "take what?"
        case ["drop", item, "in", container]:
            return "dropping %s into %s" % (item, container)
        case ["say", *words, last] if last.endswith("!"):
            return "shouting " + " ".join(words + [last])
        case ["say", *words]:
            return "saying " + " ".join(words)
        case [cmd, *_]:
            return "unknown command " + repr(cmd)
for line in ["", "q", "go north", "go up", "take", "take lamp key", "drop key in box",
             "say hello there!", "say hi", "dance wildly"]:
    print(repr(line), "->", run(line))
