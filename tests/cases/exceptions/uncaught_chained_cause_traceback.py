# An uncaught exception raised "from" another prints both tracebacks joined by the direct-cause message.
def parse(text):
    return int(text)

def load(config):
    try:
        return parse(config["port"])
    except ValueError as e:
        raise RuntimeError("invalid config") from e

print("loading")
load({"port": "eighty"})
print("not reached")
