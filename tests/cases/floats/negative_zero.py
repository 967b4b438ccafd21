# -0.0 keeps its sign in repr but equals 0.0; sign rules of arithmetic on zeros.
z = -0.0
print(z, 0.0, -z, z == 0.0, z == 0)
print(0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, -0.0 * -0.0)
print(float('-0'), -1 / float('inf'), abs(-0.0))
print(int(-0.0), str(-0.0), repr(-0.0))
print(0.0 / -5, -0.0 // 1, 0 * -1.0)
