# An instance still bound to a global at the end of the program has __del__ called at exit.
class Res:
    def __del__(self):
        print('del at exit')
r = Res()
print('last line of program')
