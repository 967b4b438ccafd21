# An uncaught user-defined exception is reported by its bare class name (no __main__.).
class ConfigError(Exception):
    pass
def load(name):
    if name != 'ok':
        raise ConfigError('cannot load ' + name)
    return name
print(load('ok'))
load('broken')
