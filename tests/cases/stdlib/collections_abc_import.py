# import collections.abc / from collections.abc import / from collections import abc all reach one module
import collections.abc
from collections.abc import Iterable
from collections import abc

print(collections.abc is abc, abc.Iterable is Iterable)
print(Iterable, abc.Sequence.__module__, abc.__name__)
print(isinstance([], Iterable), isinstance(3, Iterable))
