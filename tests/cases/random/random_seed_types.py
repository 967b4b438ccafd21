# random: float seeds use the hash, bool and negative int seeds the absolute value (two seedings per run)
import random
r = random.Random(1.5)
print(r.random(), r.randrange(100))
r.seed(-(2**100))
print(r.random(), r.getrandbits(70))
print(random.Random(-1.5).random() == random.Random(1.5).random())
