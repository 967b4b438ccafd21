# 'x = = 1' is a SyntaxError reported before any code runs.
print('never printed')
x = = 1
