# os.environ as a mapping that updates the process environment; getenv, getpid, urandom, cpu_count, strerror
import os
key = 'OURO_TEST_ENV_VAR'
print(key in os.environ, os.getenv(key), os.getenv(key, 'dflt'), os.environ.get(key))
os.environ[key] = 'value 1'
print(os.environ[key], os.getenv(key), key in os.environ)
os.environ.setdefault(key, 'other')
print(os.environ[key], os.environ.pop(key), key in os.environ)
try:
    os.environ[key]
except KeyError as e:
    print('KeyError', e)
for bad in [lambda: os.environ.__setitem__(key, 1), lambda: os.environ.__setitem__(1, 'x')]:
    try:
        bad()
    except TypeError as e:
        print(e)
os.environ.update({key: 'u'})
print(dict(os.environ)[key], type(os.environ).__name__, isinstance(os.environ.copy(), dict))
del os.environ[key]
print(os.getenv(key))
print(type(os.getpid()).__name__, os.getpid() > 0)
r = os.urandom(16)
print(type(r).__name__, len(r), len(os.urandom(0)))
print(os.cpu_count() >= 1)
print(os.strerror(2), os.strerror(13), os.strerror(17), os.strerror(21))
print(os.error is OSError)
