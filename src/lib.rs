//! # equivariant
//!
//! A symbolic-numeric representation-theory toolkit for equivariant deep learning.
//!
//! A map `f: V → W` between representations of a group `G` is *equivariant* when
//! `f(ρ_V(g) x) = ρ_W(g) f(x)` for every `g ∈ G`. This crate builds the groups, their
//! representations and the linear algebra (exact over `Q` where the mathematics is exact,
//! `f64` with a reported residual elsewhere) from which such maps are computed.
//!
//! Layers of the crate, each using only those above it:
//!
//! | module | owns |
//! |---|---|
//! | [`num`] | exact scalars: rationals, signed square roots of rationals, `Q(√5)` |
//! | [`linalg`] | exact RREF/rank/nullspace/inverse/determinant over `Q`, SVD nullspace with its gap, orthonormalisation, Kronecker products and sums, sparse permutation matrices |
//! | [`group`] | group traits and concrete groups (`S_n`, `A_n`, `C_n`, `D_n`, `Q8`, polyhedral, products, generated groups, `SO(2)`, `O(2)`, `SO(3)`, `O(3)` with quaternion / matrix / axis–angle / Euler rotations) |
//! | [`rep`] | representations and their algebra |
//! | [`character`], [`decompose`] | character tables, multiplicities, explicit irreducibles and changes of basis for finite groups |
//! | [`symmetric`] | `S_n`: partitions, tableaux, Murnaghan–Nakayama tables, Young's forms, Kostka and Kronecker numbers, Schur–Weyl, set-partition bases, symmetric functions |
//! | [`so3`] | `SO(3)`/`O(3)`: Wigner D, spherical harmonics, Clebsch–Gordan / 3j / 6j, irreps strings, decomposition, tensor products |
//! | [`hom`] | bases of equivariant linear maps `Hom_G(V, W)` |
//! | [`nn`] | reference layers: Deep Sets, graph layers, tensor layers, point-cloud (tensor-field-network) layers |
//! | [`testing`] | the public equivariance harness |
//! | [`io`], `cli` | expression parsing and the command line |

pub mod character;
pub mod cli;
pub mod decompose;
pub mod error;
pub mod group;
pub mod hom;
pub mod io;
pub mod linalg;
pub mod nn;
pub mod num;
pub mod rep;
pub mod so3;
pub mod symmetric;
pub mod testing;

pub use error::{Error, Result};
