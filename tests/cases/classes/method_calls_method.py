# Methods call other methods through self and mutate instance state.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        self.balance += amount
        self.log('deposit', amount)
    def withdraw(self, amount):
        if amount > self.balance:
            self.log('refused', amount)
            return False
        self.balance -= amount
        self.log('withdraw', amount)
        return True
    def log(self, what, amount):
        self.history.append((what, amount))
acct = Account('ann', 10)
acct.deposit(5)
print(acct.withdraw(100), acct.withdraw(12))
print(acct.owner, acct.balance, acct.history)
