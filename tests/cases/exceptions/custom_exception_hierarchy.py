# User exception classes: attributes, str/repr, args, catching by base.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__(f"{name} not found")
        self.name = name
class Invalid(AppError):
    def __str__(self):
        return "invalid: " + ", ".join(map(str, self.args))

for exc in [NotFound("x"), Invalid(1, 2), AppError()]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, repr(str(e)), e.args, isinstance(e, Exception))
print(repr(NotFound("y")), NotFound("z").name)
try:
    try:
        raise NotFound("inner")
    except NotFound as e:
        raise Invalid("outer") from e
except AppError as e:
    print(repr(e.__cause__), e.__suppress_context__)
print(issubclass(NotFound, AppError), NotFound.__mro__[1].__name__)
