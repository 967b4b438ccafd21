# A weakref that is freed before its referent never calls its callback; a still-live one does.
import weakref
class Thing:
    def __del__(self):
        print('Thing freed')
def make(name):
    def callback(ref):
        print('callback of', name, 'ref')
    return callback
t = Thing()
dropped = weakref.ref(t, make('dropped'))
kept = weakref.ref(t, make('kept'))
del dropped
print('dropped ref deleted')
del t
print('end')
