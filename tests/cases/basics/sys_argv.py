# sys.argv holds the script path exactly as given on the command line.
import sys
print(len(sys.argv))
print(sys.argv[0])
print(sys.argv[0].endswith('sys_argv.py'))
print(type(sys.argv))
