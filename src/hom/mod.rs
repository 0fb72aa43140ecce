//! Bases of equivariant linear maps `Hom_G(V, W)`.

pub mod nullspace;
