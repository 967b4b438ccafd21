# __del__ can read the instance's attributes and module globals when it runs.
log = []
class Tracked:
    def __init__(self, name, items):
        self.name = name
        self.items = items
    def __del__(self):
        log.append(self.name)
        print('del', self.name, 'with', len(self.items), 'items')
t = Tracked('t1', [1, 2, 3])
t = Tracked('t2', [])
del t
print(log)
