# Uncaught TypeError from adding an int and a str.
a = 1
b = 'a'
print('about to add')
c = a + b
