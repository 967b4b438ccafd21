# An unclosed parenthesis is a SyntaxError: nothing runs, exit status 1.
print('never printed')
x = (1 + 2
y = 3
