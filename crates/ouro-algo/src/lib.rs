//! ouro-algo
