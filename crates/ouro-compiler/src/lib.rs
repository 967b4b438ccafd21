//! ouro-compiler
