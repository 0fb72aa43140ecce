//! Bases of equivariant linear maps `Hom_G(V, W) = {A : ρ_W(g) A = A ρ_V(g) for all g}`: the
//! weight spaces of equivariant linear layers.
//!
//! | route | module | applies to | result |
//! |---|---|---|---|
//! | Schur | [`schur`] | groups the library decomposes ([`SchurGroup`]: finite permutation groups, `SO(2)`, `O(2)`, `SO(3)`, `O(3)`) | `Q_W (E_ab ⊗ B) Q_V⁻¹`, `f64` |
//! | nullspace | [`nullspace`], [`blockwise`] | any group given by generators and Lie algebra | exact over `Q` for rational constraints, else SVD or blockwise with a gap |
//! | orbits | [`orbits`] | signed permutation representations of finite groups | exact 0/±1 matrices, sparse |
//! | set partitions | [`crate::symmetric::set_partitions`] | `S_n` on tensor powers of `R^n` | exact 0/1 operators |
//!
//! [`hom_basis`] is the one entry point (`method` = auto, schur, nullspace or orbits); every
//! result carries its dimension, the route, whether it is exact and its largest equivariance
//! residual `max ‖ρ_W(g) A − A ρ_V(g)‖_F` over the generators (and `dρ` over the Lie
//! algebra). [`check::cross_check`] runs every applicable route and compares the spans.
//! The theory is in `theory/equivariant-maps.md` and `theory/kondor-trivedi.md`.
//!
//! ```
//! use equivariant::group::PermutationGroup;
//! use equivariant::hom::{Method, hom_basis};
//! use equivariant::rep::{self, Representation};
//! use std::sync::Arc;
//!
//! let s4 = Arc::new(PermutationGroup::symmetric(4)?);
//! let v = rep::defining(&s4);
//! let v2 = rep::tensor(&v, &v)?;
//! // 15 = Bell(4): the set partitions of 4 points.
//! for method in [Method::Orbits, Method::Schur, Method::Nullspace] {
//!     let basis = hom_basis(v2.as_ref(), v2.as_ref(), method)?;
//!     assert_eq!(basis.len(), 15);
//!     assert!(basis.max_residual < 1e-9);
//! }
//! # Ok::<(), equivariant::Error>(())
//! ```

pub mod blockwise;
pub mod check;
pub mod nullspace;
pub mod orbits;
pub mod schur;

pub use schur::SchurGroup;

use crate::error::human_bytes;
use crate::group::{Group, Permutation};
use crate::rep::Representation;
use crate::symmetric::set_partitions::SetPartitionBasis;
use crate::{Error, Result};
use nalgebra::DMatrix;
use orbits::OrbitBasis;
use rand::{RngExt, SeedableRng};
use std::fmt;

/// Largest dense basis materialised by [`EquivariantBasis::to_dense`] (1 GiB).
pub const MAX_DENSE_BYTES: f64 = schur::MAX_DENSE_BASIS_BYTES;

/// How `Hom_G(V, W)` is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// The orbit route when it applies, else Schur for Lie groups and large finite problems,
    /// else the nullspace (see [`hom_basis`]).
    Auto,
    /// Decomposition into real irreducibles and Schur's lemma.
    Schur,
    /// The nullspace of the equivariance constraints.
    Nullspace,
    /// Orbits of `G` on the positions of the matrix (signed permutation representations).
    Orbits,
}

impl Method {
    /// `auto`, `schur`, `nullspace` or `orbits`.
    pub fn name(self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Schur => "schur",
            Method::Nullspace => "nullspace",
            Method::Orbits => "orbits",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The basis elements, in the form the route produces them.
#[derive(Clone, Debug)]
pub enum Elements {
    /// Dense `dim W × dim V` matrices (Schur and nullspace routes).
    Dense(Vec<DMatrix<f64>>),
    /// Signed 0/±1 orbit matrices, stored as one label per position (orbit route).
    Orbits(OrbitBasis),
    /// The set-partition operators of `S_n` on tensor powers (applied without being formed).
    SetPartitions(SetPartitionBasis),
}

/// What one basis element is (for the export's `elements`).
#[derive(Clone, Debug, PartialEq)]
pub enum ElementLabel {
    /// A nullspace vector (no further meaning).
    NullspaceVector,
    /// The orbit of the position `(out, in)` with `size` positions.
    Orbit {
        /// The first position of the orbit (row, column).
        representative: (usize, usize),
        /// Its number of positions.
        size: usize,
    },
    /// The orbit of index tuples with this equality pattern (outputs first).
    SetPartition(String),
    /// `Q_W[:, out_copy] B_endomorphism Q_V⁻¹[in_copy, :]` for one real irreducible.
    Irrep(schur::SchurElement),
}

/// A basis of `Hom_G(V, W)` with the evidence for it.
#[derive(Clone, Debug)]
pub struct EquivariantBasis {
    /// The route taken (never [`Method::Auto`]; the set-partition basis reports
    /// [`Method::Orbits`]).
    pub method: Method,
    /// `dim V`.
    pub in_dim: usize,
    /// `dim W`.
    pub out_dim: usize,
    /// Whether the basis is exact (0/±1 orbits, exact rational nullspace).
    pub exact: bool,
    /// `max ‖ρ_W(g) A − A ρ_V(g)‖_F` (and the Lie-algebra analogue) over elements and generators.
    pub max_residual: f64,
    /// The SVD's singular-value gap (numeric nullspace only).
    pub gap: Option<f64>,
    /// The elements.
    pub elements: Elements,
    /// One label per element.
    pub labels: Vec<ElementLabel>,
}

impl EquivariantBasis {
    /// `dim Hom_G(V, W)`.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether `Hom_G(V, W) = 0`.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The bytes of the dense `[dim, out_dim, in_dim]` array.
    pub fn dense_bytes(&self) -> f64 {
        self.len() as f64 * self.out_dim as f64 * self.in_dim as f64 * 8.0
    }

    /// Refuses a dense array above [`MAX_DENSE_BYTES`], naming its size.
    pub fn check_dense_size(&self) -> Result<()> {
        let bytes = self.dense_bytes();
        if bytes > MAX_DENSE_BYTES {
            return Err(Error::TooLarge {
                what: format!(
                    "the dense basis [{}, {}, {}]; the sparse (COO) form holds it",
                    self.len(),
                    self.out_dim,
                    self.in_dim
                ),
                needed: human_bytes(bytes),
                limit: human_bytes(MAX_DENSE_BYTES),
            });
        }
        Ok(())
    }

    /// The number of non-zero entries over all elements.
    pub fn nnz(&self) -> Result<u128> {
        Ok(match &self.elements {
            Elements::Dense(b) => b
                .iter()
                .map(|a| a.iter().filter(|x| **x != 0.0).count() as u128)
                .sum(),
            Elements::Orbits(o) => (0..o.len())
                .filter_map(|b| o.orbit(b))
                .map(|(_, size)| size as u128)
                .sum(),
            Elements::SetPartitions(s) => {
                let mut total = 0;
                for idx in 0..s.len() {
                    total += s.nnz(idx)?;
                }
                total
            }
        })
    }

    /// Calls `visit(element, row, col, value)` for every non-zero entry.
    pub fn for_each_entry(&self, mut visit: impl FnMut(usize, usize, usize, f64)) -> Result<()> {
        match &self.elements {
            Elements::Dense(b) => {
                for (idx, a) in b.iter().enumerate() {
                    for c in 0..a.ncols() {
                        for r in 0..a.nrows() {
                            if a[(r, c)] != 0.0 {
                                visit(idx, r, c, a[(r, c)]);
                            }
                        }
                    }
                }
            }
            Elements::Orbits(o) => o.entries().for_each(|(b, i, j, v)| visit(b, i, j, v)),
            Elements::SetPartitions(s) => {
                for idx in 0..s.len() {
                    for (r, c, v) in s.sparse(idx)?.triplet_iter() {
                        visit(idx, r, c, *v);
                    }
                }
            }
        }
        Ok(())
    }

    /// The elements as dense matrices (refused above [`MAX_DENSE_BYTES`]).
    pub fn to_dense(&self) -> Result<Vec<DMatrix<f64>>> {
        if let Elements::Dense(b) = &self.elements {
            return Ok(b.clone());
        }
        self.check_dense_size()?;
        let mut out = vec![DMatrix::zeros(self.out_dim, self.in_dim); self.len()];
        self.for_each_entry(|b, r, c, v| out[b][(r, c)] = v)?;
        Ok(out)
    }

    /// The set-partition basis of `Hom_{S_n}((R^n)^{⊗k}, (R^n)^{⊗l})` (operator form), with its
    /// residual measured on a random vector against the given generators of `S_n`.
    pub fn set_partitions(
        n: usize,
        k: usize,
        l: usize,
        generators: &[Permutation],
    ) -> Result<Self> {
        let basis = SetPartitionBasis::new(n, k, l)?;
        let max_residual = set_partition_residual(&basis, generators)?;
        Ok(Self {
            method: Method::Orbits,
            in_dim: basis.in_dim(),
            out_dim: basis.out_dim(),
            exact: true,
            max_residual,
            gap: None,
            labels: basis
                .partitions()
                .iter()
                .map(|pi| ElementLabel::SetPartition(pi.to_string()))
                .collect(),
            elements: Elements::SetPartitions(basis),
        })
    }
}

/// `(g · x)` for `x ∈ (R^n)^{⊗k}` (row-major, first index slowest): `(P ⊗ … ⊗ P) e_{i_1…i_k} =
/// e_{g(i_1)…g(i_k)}`.
fn act_on_tensor(g: &Permutation, n: usize, k: usize, x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    for (index, value) in x.iter().enumerate() {
        let mut rest = index;
        let mut image = 0;
        let mut scale = 1;
        for _ in 0..k {
            image += g.apply(rest % n) * scale;
            rest /= n;
            scale *= n;
        }
        out[image] = *value;
    }
    out
}

/// `max ‖B (g·x) − g·(B x)‖_∞` over the generators and the basis elements, for a random `x`
/// (zero up to rounding exactly when every element commutes with the generators on `x`).
fn set_partition_residual(basis: &SetPartitionBasis, generators: &[Permutation]) -> Result<f64> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let x: Vec<f64> = (0..basis.in_dim())
        .map(|_| rng.random::<f64>() - 0.5)
        .collect();
    let (n, k, l) = (basis.n(), basis.k(), basis.l());
    let mut worst: f64 = 0.0;
    for idx in 0..basis.len() {
        let bx = basis.apply(idx, &x)?;
        for g in generators {
            let lhs = basis.apply(idx, &act_on_tensor(g, n, k, &x))?;
            let rhs = act_on_tensor(g, n, l, &bx);
            for (a, b) in lhs.iter().zip(&rhs) {
                worst = worst.max((a - b).abs());
            }
        }
    }
    Ok(worst)
}

/// [`Error::InvalidInput`] unless `V` and `W` are representations of the same group.
pub fn check_same_group<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<()> {
    let (gi, go) = (rep_in.group().name(), rep_out.group().name());
    if gi != go {
        return Err(Error::InvalidInput(format!(
            "Hom between representations of different groups: {gi} and {go}"
        )));
    }
    Ok(())
}

/// Refuses ([`Error::InvalidInput`]) an input that is not a representation: wrong shapes,
/// non-finite entries, or `ρ(g)ρ(h) ≠ ρ(gh)` on random elements, tested on a random vector
/// (`‖ρ(g)(ρ(h)x) − ρ(gh)x‖ ≤ 10⁻⁸ ‖ρ(g)‖_F ‖ρ(h)‖_F ‖x‖`, `O(dim²)` per pair).
pub fn check_representation<G: Group>(rep: &dyn Representation<G>) -> Result<()> {
    let group = rep.group();
    let d = rep.dim();
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x4a0b);
    let x = nalgebra::DVector::<f64>::from_fn(d, |_, _| rng.random::<f64>() - 0.5);
    let matrix = |g: &G::Element| -> Result<DMatrix<f64>> {
        let m = rep.matrix(g);
        if m.shape() != (d, d) || m.iter().any(|v| !v.is_finite()) {
            return Err(Error::InvalidInput(format!(
                "not a representation: {} gives a {}×{} matrix (expected {d}×{d}, finite) for {}",
                rep.description(),
                m.nrows(),
                m.ncols(),
                group.describe(g)
            )));
        }
        Ok(m)
    };
    for _ in 0..2 {
        let (g, h) = (
            group.random_element(&mut rng)?,
            group.random_element(&mut rng)?,
        );
        let gh = group.multiply(&g, &h);
        if let (Some(a), Some(b), Some(ab)) = (
            rep.signed_permutation(&g),
            rep.signed_permutation(&h),
            rep.signed_permutation(&gh),
        ) {
            if a.len() != d || b.len() != d || a.compose(&b) != ab {
                return Err(Error::InvalidInput(format!(
                    "not a representation: ρ(g)ρ(h) ≠ ρ(gh) for {} (signed permutations, g = {}, \
                     h = {})",
                    rep.description(),
                    group.describe(&g),
                    group.describe(&h)
                )));
            }
            continue;
        }
        let bytes = 3.0 * d as f64 * d as f64 * 8.0;
        if bytes > MAX_DENSE_BYTES {
            return Err(Error::TooLarge {
                what: format!(
                    "checking that {} is a representation (three dense matrices)",
                    rep.description()
                ),
                needed: human_bytes(bytes),
                limit: human_bytes(MAX_DENSE_BYTES),
            });
        }
        let (a, b) = (matrix(&g)?, matrix(&h)?);
        let product = matrix(&gh)?;
        let defect = (&a * (&b * &x) - product * &x).norm();
        if defect.is_nan() || defect > 1e-8 * a.norm() * b.norm() * x.norm() {
            return Err(Error::InvalidInput(format!(
                "not a representation: ρ(g)ρ(h) ≠ ρ(gh) for {} (difference {defect:.2e} on a \
                 random vector, g = {}, h = {})",
                rep.description(),
                group.describe(&g),
                group.describe(&h)
            )));
        }
    }
    Ok(())
}

/// `max ‖ρ_W(g) A − A ρ_V(g)‖_F` over the elements, discrete generators and Lie-algebra basis.
pub fn dense_residual<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
    basis: &[DMatrix<f64>],
) -> f64 {
    let pairs = nullspace::constraint_pairs(rep_in, rep_out);
    let mut worst: f64 = 0.0;
    for a in basis {
        for (s, r) in &pairs {
            worst = worst.max((r * a - a * s).norm());
        }
    }
    worst
}

/// Above this many constraint bytes `auto` prefers the Schur route for finite groups.
const AUTO_NULLSPACE_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// A basis of `Hom_G(V, W)` by the chosen route.
///
/// `Method::Auto` takes the orbit route for signed permutation representations of finite
/// groups (exact, sparse, `O(dim V dim W)`); otherwise (or when that is too large) the Schur route for Lie groups and for
/// finite groups whose stacked constraints would exceed 32 MiB, and the nullspace route for
/// small finite problems (exact over `Q` when integral); when the Schur route fails (e.g. a
/// non-orthogonal representation of `SO(2)`, or a group too large for its character table)
/// the nullspace route is tried, and Schur's error is reported if that fails too.
///
/// Errors: different groups or an input that is not a representation
/// ([`Error::InvalidInput`]); a route that does not apply ([`Error::Unsupported`]); a problem
/// too large for the route ([`Error::TooLarge`], with the size, before allocating).
pub fn hom_basis<G: SchurGroup>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
    method: Method,
) -> Result<EquivariantBasis> {
    check_same_group(rep_in, rep_out)?;
    check_representation(rep_in)?;
    check_representation(rep_out)?;
    match method {
        Method::Orbits => orbit_route(rep_in, rep_out),
        Method::Schur => schur_route(rep_in, rep_out),
        Method::Nullspace => nullspace_route(rep_in, rep_out),
        Method::Auto => {
            let finite = rep_in.group().lie_algebra_basis().is_empty();
            // An orbit route that applies but is too large leaves its error as the answer
            // unless another route succeeds.
            let mut orbit_error = None;
            if finite && orbits::orbit_route_applies(rep_in, rep_out).unwrap_or(false) {
                match orbit_route(rep_in, rep_out) {
                    Ok(basis) => return Ok(basis),
                    Err(e) => orbit_error = Some(e),
                }
            }
            if finite && nullspace::constraint_bytes(rep_in, rep_out) <= AUTO_NULLSPACE_BYTES {
                return nullspace_route(rep_in, rep_out);
            }
            match schur_route(rep_in, rep_out) {
                Ok(basis) => Ok(basis),
                // The nullspace (blockwise for large problems) when Schur does not apply or is
                // too large; the first route's reason when none works.
                Err(schur) => {
                    nullspace_route(rep_in, rep_out).map_err(|_| orbit_error.unwrap_or(schur))
                }
            }
        }
    }
}

fn orbit_route<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<EquivariantBasis> {
    let (basis, max_residual) = orbits::orbit_basis(rep_in, rep_out)?;
    let labels = (0..basis.len())
        .filter_map(|b| basis.orbit(b))
        .map(|(representative, size)| ElementLabel::Orbit {
            representative,
            size,
        })
        .collect();
    Ok(EquivariantBasis {
        method: Method::Orbits,
        in_dim: basis.in_dim(),
        out_dim: basis.out_dim(),
        exact: true,
        max_residual,
        gap: None,
        elements: Elements::Orbits(basis),
        labels,
    })
}

fn schur_route<G: SchurGroup>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<EquivariantBasis> {
    let data = G::schur_data(rep_in, rep_out)?;
    let (basis, elements) = schur::schur_basis(&data)?;
    let max_residual = dense_residual(rep_in, rep_out, &basis);
    Ok(EquivariantBasis {
        method: Method::Schur,
        in_dim: rep_in.dim(),
        out_dim: rep_out.dim(),
        exact: false,
        max_residual,
        gap: None,
        elements: Elements::Dense(basis),
        labels: elements.into_iter().map(ElementLabel::Irrep).collect(),
    })
}

fn nullspace_route<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<EquivariantBasis> {
    let hom = nullspace::nullspace_basis(rep_in, rep_out)?;
    Ok(EquivariantBasis {
        method: Method::Nullspace,
        in_dim: rep_in.dim(),
        out_dim: rep_out.dim(),
        exact: hom.exact,
        max_residual: hom.max_residual,
        gap: hom.gap,
        labels: vec![ElementLabel::NullspaceVector; hom.len()],
        elements: Elements::Dense(hom.basis),
    })
}

impl ElementLabel {
    /// The kind of element: `nullspace vector`, `orbit` (orbits and set partitions) or
    /// `irrep pair`.
    pub fn kind(&self) -> &'static str {
        match self {
            ElementLabel::NullspaceVector => "nullspace vector",
            ElementLabel::Orbit { .. } => "orbit",
            ElementLabel::SetPartition(_) => "orbit",
            ElementLabel::Irrep(_) => "irrep pair",
        }
    }
}
