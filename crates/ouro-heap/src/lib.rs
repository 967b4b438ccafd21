//! ouro-heap
