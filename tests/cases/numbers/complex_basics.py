# complex: literals, constructor forms, arithmetic (scaled division, integer powers), repr, hash, format, errors, subclasses, size
z = 1 + 2j
print(z, 2j, -1j, complex(1, 2), complex('1+2j'), complex(), complex(1.5), z.real, z.imag, z.conjugate(), abs(3+4j))
print(z + 1, z * z, z / (1 - 1j), z ** 2, z ** 0.5, (-1) ** 0.5, 2 ** z, z == 1 + 2j, z != 1, complex(3, 0) == 3, hash(complex(3, 0)) == hash(3))
print(repr(complex(-0.0, -1)), complex(float('inf'), float('nan')), 1e16j, complex(1, 1e-20), -z, +z, bool(0j), bool(1j))
print(format(z, '.2f'), f'{z}', f'{z:.3}', format(1.5j, ''), str(1+0j))
for bad in [lambda: z < z, lambda: z // 2, lambda: z % 2, lambda: 1 / 0j, lambda: 0j ** -1, lambda: complex('x'), lambda: complex('1', 2), lambda: complex(1, '2'), lambda: int(z), lambda: float(z), lambda: complex([])]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
import sys, gc
print(sys.getsizeof(1j), gc.is_tracked(1j), type(1j), isinstance(1j, complex), complex.__name__)
class MyC(complex):
    pass
print(MyC(1, 2), type(MyC(1, 2)).__name__, MyC(1,2) + 1)
class HasC:
    def __complex__(self):
        return 5j
print(complex(HasC()), complex(1+1j, 1+1j), sum([1j, 2j]), [1j] * 2, pow(2j, 2))
