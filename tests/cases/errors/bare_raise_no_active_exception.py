# A bare raise with no exception being handled is a RuntimeError.
print('before')
raise
