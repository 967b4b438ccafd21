# A failed import points at the whole import statement (CPython 3.11 gives
# every instruction of an import the statement's position), so the display
# has no carets under the module name.
import traceback
try:
    import os, no_such_module_for_ouro_test
except ModuleNotFoundError:
    traceback.print_exc(limit=None, file=__import__("sys").stdout)
import no_such_module_for_ouro_test as alias
