# Nested loops building and walking a small matrix.
rows = 3
cols = 4
matrix = []
for r in range(rows):
    row = []
    for c in range(cols):
        row.append(r * cols + c)
    matrix.append(row)
print(matrix)
transposed = []
for c in range(cols):
    col = []
    for r in range(rows):
        col.append(matrix[r][c])
    transposed.append(col)
print(transposed)
diag = 0
for i in range(min(rows, cols)):
    diag += matrix[i][i]
print(diag)
