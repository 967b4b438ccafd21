# len, sum, min, max and bool on lists.
nums = [4, 8, 15, 16, 23, 42]
print(len(nums), sum(nums), min(nums), max(nums))
total = 0
for n in nums:
    total += n
print(total == sum(nums), sum(nums) / len(nums))
print(bool([]), bool([0]), len([[]]))
