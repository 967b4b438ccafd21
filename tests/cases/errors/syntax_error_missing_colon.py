# A missing colon after an if condition is a SyntaxError.
x = 1
if x > 0
    print('positive')
