# complex(real, imag) keeps the sign of a zero part that is not itself complex (complex_new_impl adds only complex parts)
print(complex(1.0, -0.0), complex(0.0, -0.0), complex(-0.0, -0.0), complex(-0.0))
print(complex(1.0, -0.0).imag, complex(-0.0, 0.0).real, complex(-0.0, 1j), complex(1j, -0.0))
print(complex(2j, 3j), complex(1.5j), complex(real=-0.0, imag=-0.0))
