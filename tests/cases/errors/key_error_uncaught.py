# Uncaught KeyError shows the missing key's repr.
prices = {'apple': 3, 'pear': 4}
print(prices['apple'])
print(prices['banana'])
