//! ouro-vm
