# Value patterns use ==, singletons use is; 1 == 1.0 == True matter.
def kind(v):
    match v:
        case True:
            return "True"
        case 1:
            return "one"
        case None:
            return "None"
        case 0.5:
            return "half"
        case "":
            return "empty string"
        case []:
            return "empty list"
        case ():
            return "empty sequence"
        case _:
            return "other"
for v in [True, 1, 1.0, None, 0.5, "", [], (), 0, False]:
    print(repr(v), kind(v))
