//! ouro-bytecode
