# re on non-ASCII text: \w \d \s as str.isalnum/isdecimal/isspace, case-insensitive matching, positions by code point
import re

text = 'Straße 42 ٣٤ naïve café\u00a0日本語\u2003x_1 Ⅻ ²'
print(re.findall(r'\w+', text))
print(re.findall(r'\d+', text))
print(re.findall(r'\s', text))
print(re.findall(r'\w+', text, re.A))
print(re.findall(r'\d', text, re.A), re.findall(r'\s', text, re.A))
print([m.span() for m in re.finditer(r'\w+', text)])
print(re.search('日本', text).span(), re.sub('é', 'e', text))
print(re.findall('STRASSE', text, re.I), re.findall('straße', 'STRAßE', re.I), re.findall('ΣΑΣ', 'σας', re.I))
print(re.match('ǅ', 'ǆ', re.I), re.match('[à-ÿ]+', 'ÀÉÎ', re.I), re.findall('[α-ω]', 'ΑΒγ', re.I))
print(re.split(r'\W+', 'α,β;γ δ'), re.sub(r'(\w)', r'[\1]', 'аб'))
print(re.fullmatch(r'[\u0400-\u04ff]+', 'Привет'), re.match(r'\U0001F600', '😀x'))
print(re.findall(r'.', '😀a\U0010ffff'), len(re.match('.*', '😀😀').group()))
print(re.escape('日本.語'), re.match(r'\w+', 'ŉ'), re.findall(r'\b\w', 'élan vital'))
