//! Representations `ρ: G → GL(V)` and their algebra.
//!
//! A representation knows its group, its dimension, `ρ(g)` for any element, `ρ` of the
//! discrete generators and, for Lie groups, `dρ(X_i)` of the Lie-algebra basis. Every
//! construction is a small struct implementing [`Representation`], shared as [`Rep`]:
//!
//! | construction | `ρ(g)` | `dρ(X)` | character |
//! |---|---|---|---|
//! | [`trivial`] | `1` | `0` | `1` |
//! | [`sign`] | `det V(g)` | `0` | `det V(g)` |
//! | [`defining`] | `V(g)` | `X` | `tr V(g)` |
//! | [`regular`], [`permutation`] | permutation matrices | `0` | fixed points |
//! | [`direct_sum`] | `ρ_1(g) ⊕ ρ_2(g)` | `dρ_1 ⊕ dρ_2` | `χ_1 + χ_2` |
//! | [`tensor`] | `ρ_1(g) ⊗ ρ_2(g)` | `dρ_1 ⊗ I + I ⊗ dρ_2` | `χ_1 χ_2` |
//! | [`dual`] | `ρ(g⁻¹)ᵀ` | `−dρ(X)ᵀ` | `χ(g⁻¹)` |
//! | [`sym`] | on `Sym^k V` | derivation | `Sym²: (χ(g)² + χ(g²))/2` |
//! | [`alt`] | on `Λ^k V` (minors) | derivation | `Alt²: (χ(g)² − χ(g²))/2` |
//! | [`restrict`], [`induce`] | `ρ(ι(h))`; blocks `ρ(t_i⁻¹ g t_j)` | via the Lie-algebra map | Frobenius |
//!
//! Reference: Fulton & Harris, *Representation Theory*, §1–3; Serre, *Linear
//! Representations of Finite Groups*, §2–3, §7.

mod algebra;
mod basic;
mod function;
mod planar;
mod point_groups;
mod power;
mod subgroup;

pub use algebra::{direct_sum, dual, multiple, tensor, tensor_power};
pub use basic::{Action, defining, permutation, regular, sign, trivial};
pub use function::{MatrixFn, from_fn};
pub use planar::{cyclic_irrep, o2_irrep, so2_irrep};
pub use point_groups::{point_group_in_o3, point_group_in_so3};
pub use power::{alt, sym};
pub use subgroup::{Embedding, Subgroup, induce, restrict};

use crate::group::Group;
use crate::{Error, Result, error::human_bytes};
use nalgebra::DMatrix;
use std::sync::Arc;

/// A finite-dimensional real representation of the group `G`.
pub trait Representation<G: Group>: Send + Sync {
    /// The group.
    fn group(&self) -> &Arc<G>;
    /// The dimension of the representation space.
    fn dim(&self) -> usize;
    /// The matrix `ρ(g)`.
    fn matrix(&self, g: &G::Element) -> DMatrix<f64>;
    /// `dρ(X_i)` for the group's Lie-algebra basis `X_i` (empty for finite groups).
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>>;
    /// A readable description (`V⊗V`, `Sym^2(V)`).
    fn description(&self) -> String;
    /// The character `χ(g) = tr ρ(g)`. Most constructions override it with their character
    /// formulas (sum, product, power, fixed points, `χ(g⁻¹)`, Newton's identities for `Sym^k`
    /// and `Λ^k`) so that no matrix of the construction is formed.
    fn character(&self, g: &G::Element) -> f64 {
        self.matrix(g).trace()
    }
    /// `ρ(g)` as a signed permutation of the basis when the construction knows it is one
    /// without forming the matrix (permutation, regular, trivial and sign representations,
    /// monomial defining representations, and their sums, tensor products and duals);
    /// `None` otherwise.
    fn signed_permutation(&self, _g: &G::Element) -> Option<SignedPermutation> {
        None
    }
}

/// A signed permutation matrix: `ρ e_j = signs[j] e_{images[j]}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedPermutation {
    /// `π(j)`.
    pub images: Vec<usize>,
    /// `s(j) = ±1`.
    pub signs: Vec<i8>,
}

/// Reads a square matrix as a signed permutation (each column a single `±1`, the rows hit
/// once each), or `None` when it is not one.
pub fn as_signed_permutation(m: &DMatrix<f64>) -> Option<SignedPermutation> {
    const ENTRY_TOLERANCE: f64 = 1e-12;
    let n = m.nrows();
    if m.ncols() != n {
        return None;
    }
    let mut images = Vec::with_capacity(n);
    let mut signs = Vec::with_capacity(n);
    let mut hit = vec![false; n];
    for column in m.column_iter() {
        let mut found = None;
        for (i, &x) in column.iter().enumerate() {
            if x.abs() <= ENTRY_TOLERANCE {
                continue;
            }
            let sign = if (x - 1.0).abs() <= ENTRY_TOLERANCE {
                1
            } else if (x + 1.0).abs() <= ENTRY_TOLERANCE {
                -1
            } else {
                return None;
            };
            if found.is_some() || hit[i] {
                return None;
            }
            hit[i] = true;
            found = Some((i, sign));
        }
        let (i, sign) = found?;
        images.push(i);
        signs.push(sign);
    }
    Some(SignedPermutation { images, signs })
}

impl SignedPermutation {
    /// The identity on `n` points.
    pub fn identity(n: usize) -> Self {
        Self {
            images: (0..n).collect(),
            signs: vec![1; n],
        }
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.images.len()
    }

    /// Whether it acts on no points.
    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// The product `self · other` (`other` first): `e_j ↦ s'_j s_{π'(j)} e_{π(π'(j))}`.
    pub fn compose(&self, other: &Self) -> Self {
        let (images, signs) = other
            .images
            .iter()
            .zip(&other.signs)
            .map(|(&i, &s)| (self.images[i], s * self.signs[i]))
            .unzip();
        Self { images, signs }
    }

    /// `P ⊕ Q`: `Q` acts on the points after `P`'s.
    pub fn direct_sum(parts: &[Self]) -> Self {
        let mut out = Self::identity(0);
        for part in parts {
            let offset = out.images.len();
            out.images.extend(part.images.iter().map(|i| i + offset));
            out.signs.extend(&part.signs);
        }
        out
    }

    /// `P ⊗ Q` on the points `(a, b) ↦ a · len(Q) + b` (row-major, as [`crate::linalg::kron`]).
    pub fn kron(&self, other: &Self) -> Self {
        let n = other.len();
        let mut out = Self {
            images: Vec::with_capacity(self.len() * n),
            signs: Vec::with_capacity(self.len() * n),
        };
        for (&a, &sa) in self.images.iter().zip(&self.signs) {
            for (&b, &sb) in other.images.iter().zip(&other.signs) {
                out.images.push(a * n + b);
                out.signs.push(sa * sb);
            }
        }
        out
    }
}

/// A shared representation.
pub type Rep<G> = Arc<dyn Representation<G>>;

/// `ρ` of the group's discrete generators.
pub fn generator_matrices<G: Group>(rep: &dyn Representation<G>) -> Vec<DMatrix<f64>> {
    rep.group()
        .discrete_generators()
        .iter()
        .map(|g| rep.matrix(g))
        .collect()
}

/// Largest dense representation matrix the library builds: `linalg::MAX_KRON_ENTRIES`
/// entries of `f64` (2 GiB).
pub const MAX_MATRIX_BYTES: f64 = 8.0 * crate::linalg::MAX_KRON_ENTRIES as f64;

/// Every constructor checks [`check_dimension`], so the Kronecker products of `ρ(g)` fit.
const SIZE_CHECKED: &str = "dimension checked when the representation was built";

/// Refuses a representation of dimension `dim` (possibly astronomically large, hence `f64`)
/// whose `dim × dim` matrices would exceed [`MAX_MATRIX_BYTES`].
pub fn check_dimension(what: &str, dim: f64) -> Result<usize> {
    let bytes = dim * dim * 8.0;
    if !bytes.is_finite() || bytes > MAX_MATRIX_BYTES {
        return Err(Error::TooLarge {
            what: format!("{what} (dimension {dim:.0})"),
            needed: format!("{} per matrix", human_bytes(bytes)),
            limit: human_bytes(MAX_MATRIX_BYTES),
        });
    }
    Ok(dim as usize)
}

fn same_group<G: Group>(reps: &[Rep<G>]) -> Result<()> {
    if let Some(first) = reps.first() {
        let name = first.group().name();
        for rep in &reps[1..] {
            if rep.group().name() != name {
                return Err(Error::InvalidInput(format!(
                    "representations of different groups: {name} and {}",
                    rep.group().name()
                )));
            }
        }
    }
    Ok(())
}
