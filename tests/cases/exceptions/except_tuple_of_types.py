# except (A, B) catches either type; except Exception catches all of these.
def risky(kind):
    if kind == 'key':
        return {}['x']
    if kind == 'index':
        return [][1]
    if kind == 'type':
        return 1 + 'a'
    if kind == 'zero':
        return 1 / 0
    return 'fine'
for kind in ['key', 'index', 'type', 'zero', 'none']:
    try:
        print(risky(kind))
    except (KeyError, IndexError) as e:
        print('lookup error:', type(e), e)
    except (TypeError, ZeroDivisionError) as e:
        print('arith error:', type(e), e)
try:
    int('x')
except Exception as e:
    print('generic:', type(e), e)
