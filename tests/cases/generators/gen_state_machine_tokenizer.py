# A generator as a state machine: tokenizing text with states kept in local variables across yields.
def tokens(text):
    state = "start"
    buf = ""
    for ch in text + "\0":
        if state == "number":
            if ch.isdigit():
                buf += ch
                continue
            yield ("NUM", int(buf))
            state = "start"
        elif state == "word":
            if ch.isalpha():
                buf += ch
                continue
            yield ("WORD", buf)
            state = "start"
        if ch.isdigit():
            state, buf = "number", ch
        elif ch.isalpha():
            state, buf = "word", ch
        elif ch in "+-*/()":
            yield ("OP", ch)
        elif ch not in " \0":
            raise ValueError("unexpected %r" % ch)
print(list(tokens("12+ab*(3 - 40) foo")))
def traffic_light():
    while True:
        for state, ticks in (("green", 3), ("yellow", 1), ("red", 2)):
            for t in range(ticks):
                yield state, t
light = traffic_light()
print([next(light) for _ in range(8)])
try:
    list(tokens("1 ? 2"))
except ValueError as e:
    print("ValueError:", e)
g = tokens("7 x")
print(next(g), next(g))
