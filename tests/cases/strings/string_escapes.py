# Escape sequences in string literals, and raw output of special characters.
print('tab:\tend')
print('newline:\nnext line')
print('backslash: \\ quote: \' dquote: \"')
print("double 'single' inside")
print('hex: \x41\x42 octal: \101 null-len:', len('\0'))
print(len('\n'), len('\\n'), len('\t\t'))
print('a\
b')
print(r'raw \n stays', len(r'\n'))
