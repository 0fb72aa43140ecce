//! Decomposition of representations of finite groups into irreducibles.
//!
//! | item | what it gives |
//! |---|---|
//! | [`isotypic_decomposition`] | isotypic projectors and an orthonormal basis of each isotypic component |
//! | [`real_irreps`] | every real irreducible as explicit orthogonal matrices ([`IrrepRepresentation`], with `End_G` and residuals) |
//! | [`complex_irreps`] | every row of the character table as unitary matrices ([`ComplexIrrep`]) |
//! | [`decompose`], [`decompose_complex`] | an explicit `Q` with `Q⁻¹ ρ(g) Q = ⊕ ρ_i(g)` in the irreducibles' own matrices, over `R` and over `C` |
//!
//! # Isotypic components
//!
//! For a real irreducible `R` whose complexification has the irreducible constituents `χ_i`
//! (one for type R and H, a conjugate pair for type C), the **isotypic projector**
//! `P_R = Σ_i (χ_i(1)/|G|) Σ_g χ̄_i(g) ρ(g)` is real, idempotent, commutes with `ρ`, and
//! projects onto the sum of all copies of `R` in `ρ`; the projectors of different `R` are
//! mutually orthogonal and sum to the identity, and `rank P_R = m_R · dim R` with `m_R` the
//! real multiplicity (Serre, *Linear Representations of Finite Groups*, §2.6, Theorem 8).
//! For an orthogonal `ρ` the `P_R` are orthogonal projectors, so orthonormal bases of their
//! images form an orthogonal `Q` with `Qᵀ ρ(g) Q` block diagonal, one block per isotypic
//! component. A non-orthogonal `ρ` is first made orthogonal by averaging an invariant inner
//! product (Weyl's trick, as [`crate::linalg::unitarising_transform`], summed element by
//! element); then `Q` is no longer orthogonal and `Q⁻¹ ρ(g) Q` is block diagonal.
//!
//! # Explicit decomposition
//!
//! [`decompose`] splits each isotypic component further into copies of `R` written in `R`'s
//! own matrices (see [`basis`]), and [`decompose_complex`] does the same over `C` with the
//! unitary complex irreducibles.
//!
//! ```
//! use equivariant::character::character_table;
//! use equivariant::decompose::decompose;
//! use equivariant::group::{FiniteGroup, PermutationGroup};
//! use equivariant::rep::{self, Representation};
//! use std::sync::Arc;
//!
//! let s4 = Arc::new(PermutationGroup::symmetric(4)?);
//! let table = character_table(&s4)?;
//! let v2 = rep::tensor(&rep::defining(&s4), &rep::defining(&s4))?;
//! let d = decompose(&table, v2.as_ref())?;
//! assert_eq!(d.describe(), "2x[4] + [2,2] + 3x[3,1] + [2,1,1]");
//! let g = &s4.generators()[1];
//! let blocks = &d.q_inverse * v2.matrix(g) * &d.q;
//! assert!((blocks - d.block_diagonal(g)).norm() < 1e-9);
//! assert!(d.orthogonal && d.max_residual < 1e-9);
//! # Ok::<(), equivariant::Error>(())
//! ```

pub mod basis;
pub mod complex;
pub mod irreps;
mod numeric;
pub mod planar;

pub use basis::{
    Block, ComplexBlock, ComplexDecomposition, Decomposition, decompose, decompose_complex,
    decompose_complex_with, decompose_with,
};
pub use complex::{ComplexIrrep, complex_irreps};
pub use irreps::{
    DEFAULT_IRREP_SEED, IRREP_TOLERANCE, IrrepPlan, IrrepRepresentation, IrrepSource,
    MAX_IRREP_MEMORY, MAX_IRREP_WORK, PlanStep, plan_irreps, real_irreps, real_irreps_seeded,
};

use crate::character::{CharacterTable, RealIrrep, RealType, character_of};
use crate::group::{FiniteGroup, PermutationGroup};
use crate::rep::Representation;
use crate::{Error, Result, error::human_bytes};
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Largest amount of work (`|G| · #components · dim²` multiply-adds) accepted: 10¹¹.
pub const MAX_PROJECTOR_WORK: f64 = 1e11;
/// Largest memory of the class sums `Σ_{g∈C_k} ρ(g)` (one set per thread) before the
/// projectors are accumulated directly instead: 1 GiB.
const MAX_CLASS_SUM_MEMORY: f64 = 1024.0 * 1024.0 * 1024.0;
/// Above this dimension the ranges of the projectors come from a randomised range finder
/// instead of a full eigen-decomposition.
const EIGEN_LIMIT: usize = 256;

/// One isotypic component: all copies of one real irreducible.
#[derive(Clone, Debug)]
pub struct IsotypicComponent {
    /// The real irreducible's label (`X.2+X.3` for a complex-type pair, a partition for `S_n`).
    pub label: String,
    /// Its type over the reals.
    pub real_type: RealType,
    /// Its real dimension.
    pub irrep_dim: usize,
    /// How many copies `ρ` contains.
    pub multiplicity: usize,
    /// The projector `P_R` onto the component (in the original basis of `ρ`).
    pub projector: DMatrix<f64>,
    /// A basis of the component (`multiplicity · irrep_dim` columns), orthonormal when `ρ` is
    /// orthogonal.
    pub basis: DMatrix<f64>,
}

/// The isotypic decomposition of a representation.
#[derive(Clone, Debug)]
pub struct IsotypicDecomposition {
    /// The components with non-zero multiplicity, in the order of the real irreducibles.
    pub components: Vec<IsotypicComponent>,
    /// `Q = [basis_1 | basis_2 | …]`, with `Q⁻¹ ρ(g) Q` block diagonal.
    pub change_of_basis: DMatrix<f64>,
    /// Whether `ρ` was orthogonal (then `Q` is orthogonal).
    pub orthogonal: bool,
    /// The largest of: the distance of the projectors' eigenvalues from 0 or 1, and the
    /// off-block-diagonal part of `Q⁻¹ ρ(s) Q` over the generators `s` (Frobenius norms).
    pub max_residual: f64,
}

/// Refuses isotypic projectors whose work (`|G| · #components · dim²`) or memory is too large.
pub(crate) fn check_projector_size(
    order: usize,
    components: usize,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<()> {
    let d = rep.dim();
    let work = order as f64 * components as f64 * (d as f64).powi(2);
    if work > MAX_PROJECTOR_WORK {
        return Err(Error::TooLarge {
            what: format!(
                "the isotypic projectors of {} (dimension {d})",
                rep.description()
            ),
            needed: format!("{work:.1e} multiply-adds"),
            limit: format!("{MAX_PROJECTOR_WORK:.0e}"),
        });
    }
    let memory = 8.0 * components as f64 * (d as f64).powi(2);
    if memory > 2.0 * 1024f64.powi(3) {
        return Err(Error::TooLarge {
            what: format!("the isotypic projectors of {}", rep.description()),
            needed: human_bytes(memory),
            limit: human_bytes(2.0 * 1024f64.powi(3)),
        });
    }
    Ok(())
}

/// `p += c·m` without a temporary.
fn add_scaled(p: &mut DMatrix<f64>, c: f64, m: &DMatrix<f64>) {
    for (x, y) in p.as_mut_slice().iter_mut().zip(m.as_slice()) {
        *x += c * y;
    }
}

fn is_orthogonal(m: &DMatrix<f64>) -> bool {
    let d = m.nrows();
    (m.transpose() * m - DMatrix::<f64>::identity(d, d)).norm() <= 1e-10 * (d.max(1) as f64)
}

/// The isotypic components in the orthogonal coordinates `ρ' = T ρ T⁻¹` (`T = I` when `ρ`
/// is orthogonal), shared by [`isotypic_decomposition`] and [`decompose`].
pub(crate) struct IsotypicParts {
    /// `(index into table.real_irreps(), the real irreducible, its multiplicity)`, for the
    /// irreducibles present.
    pub present: Vec<(usize, RealIrrep, usize)>,
    /// `(T, T⁻¹)` when `ρ` is not orthogonal.
    pub transform: Option<(DMatrix<f64>, DMatrix<f64>)>,
    /// The projectors `P_R` of `ρ'`.
    pub projectors: Vec<DMatrix<f64>>,
    /// Orthonormal bases of their ranges.
    pub bases: Vec<DMatrix<f64>>,
    /// The largest distance of a projector's eigenvalue from 0 or 1.
    pub eigen_residual: f64,
    /// Whether `ρ` was orthogonal on the generators.
    pub orthogonal: bool,
}

impl IsotypicParts {
    /// `ρ'(g) = T ρ(g) T⁻¹`.
    pub fn orthogonal_matrix(&self, m: DMatrix<f64>) -> DMatrix<f64> {
        match &self.transform {
            Some((t, t_inv)) => t * m * t_inv,
            None => m,
        }
    }
}

/// `T` with `T ρ(g) T⁻¹` orthogonal: `TᵀT = Σ_g ρ(g)ᵀ ρ(g)` (Cholesky), summed element by
/// element in parallel without storing the matrices.
fn unitarising_transform_streamed(
    group: &PermutationGroup,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<DMatrix<f64>> {
    let d = rep.dim();
    let zero = || DMatrix::<f64>::zeros(d, d);
    let form = group
        .elements()?
        .par_iter()
        .fold(zero, |acc, g| {
            let m = rep.matrix(g);
            acc + m.transpose() * m
        })
        .reduce(zero, |a, b| a + b);
    let form = (&form + form.transpose()) * 0.5;
    let cholesky = form.cholesky().ok_or_else(|| {
        Error::Numerical("the averaged inner product is not positive definite".into())
    })?;
    Ok(cholesky.l().transpose())
}

pub(crate) fn isotypic_parts(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<IsotypicParts> {
    let group = rep.group();
    let multiplicities = table.multiplicities(&character_of(table, rep)?)?;
    let real_multiplicities = multiplicities.real.ok_or_else(|| {
        Error::Numerical(format!(
            "the character of {} is not that of a real representation",
            rep.description()
        ))
    })?;
    let d = rep.dim();
    let present: Vec<(usize, RealIrrep, usize)> = table
        .real_irreps()
        .into_iter()
        .zip(real_multiplicities)
        .enumerate()
        .filter(|(_, (_, m))| *m > 0)
        .map(|(i, (r, m))| (i, r, m as usize))
        .collect();
    let elements = group.elements()?;
    check_projector_size(elements.len(), present.len(), rep)?;
    let class_map = group.class_map()?;

    // Make ρ orthogonal if it is not: ρ' = T ρ T⁻¹.
    let generators = group.generators();
    let orthogonal = generators.iter().all(|s| is_orthogonal(&rep.matrix(s)));
    let transform = if orthogonal {
        None
    } else {
        let t = unitarising_transform_streamed(group, rep)?;
        let t_inv = t
            .clone()
            .try_inverse()
            .ok_or_else(|| Error::Numerical("the unitarising transform is singular".into()))?;
        Some((t, t_inv))
    };
    let matrix = |g| -> DMatrix<f64> {
        let m = rep.matrix(g);
        match &transform {
            Some((t, t_inv)) => t * m * t_inv,
            None => m,
        }
    };

    let coefficients: Vec<Vec<f64>> = present
        .iter()
        .map(|(_, r, _)| irreps::projector_coefficients(table, &r.constituents))
        .collect();
    // Either accumulate the class sums Σ_{g∈C_k} ρ(g) once and combine them (|G|·d² +
    // #R·r·d²), or each projector directly (|G|·#R·d²) when there are few components or the
    // class sums would not fit.
    let classes = table.num_classes();
    let threads = rayon::current_num_threads().max(1);
    let use_classes = present.len() > 2
        && 8.0 * (classes * threads) as f64 * (d as f64).powi(2) <= MAX_CLASS_SUM_MEMORY;
    let slots = if use_classes { classes } else { present.len() };
    let zero = || vec![DMatrix::<f64>::zeros(d, d); slots];
    let min_len = (elements.len() / (4 * threads)).max(1);
    let sums = elements
        .par_iter()
        .enumerate()
        .with_min_len(min_len)
        .fold(zero, |mut acc, (index, g)| {
            let m = matrix(g);
            let k = class_map[index] as usize;
            if use_classes {
                acc[k] += &m;
            } else {
                for (p, c) in acc.iter_mut().zip(&coefficients) {
                    if c[k] != 0.0 {
                        add_scaled(p, c[k], &m);
                    }
                }
            }
            acc
        })
        .reduce(zero, |mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
            a
        });
    let projectors: Vec<DMatrix<f64>> = if use_classes {
        coefficients
            .par_iter()
            .map(|c| {
                let mut p = DMatrix::<f64>::zeros(d, d);
                for (k, sum) in sums.iter().enumerate() {
                    if c[k] != 0.0 {
                        add_scaled(&mut p, c[k], sum);
                    }
                }
                p
            })
            .collect()
    } else {
        sums
    };

    let bases_and_residuals: Vec<(DMatrix<f64>, f64)> = present
        .par_iter()
        .zip(projectors.par_iter())
        .enumerate()
        .map(|(i, ((_, real_irrep, multiplicity), projector))| {
            let symmetric = (projector + projector.transpose()) * 0.5;
            let irrep_dim = real_irrep.dim as usize;
            let rank = multiplicity * irrep_dim;
            if d > EIGEN_LIMIT {
                // Randomised range finder: O(d²·rank) instead of O(d³).
                let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(
                    0x150_7091c + i as u64,
                );
                let (basis, residual) = numeric::projector_range(&symmetric, rank, &mut rng)?;
                let idempotency =
                    (&symmetric * &basis - &basis).norm() + (symmetric.trace() - rank as f64).abs();
                return Ok((basis, residual.max(idempotency)));
            }
            let eigen = symmetric.symmetric_eigen();
            let mut selected: Vec<usize> = Vec::new();
            let mut residual: f64 = 0.0;
            for (i, &lambda) in eigen.eigenvalues.iter().enumerate() {
                residual = residual.max(lambda.abs().min((lambda - 1.0).abs()));
                if lambda > 0.5 {
                    selected.push(i);
                }
            }
            if selected.len() != rank {
                return Err(Error::Numerical(format!(
                    "the projector onto {} has rank {}, expected {multiplicity} × {irrep_dim}",
                    real_irrep.label,
                    selected.len()
                )));
            }
            Ok((eigen.eigenvectors.select_columns(&selected), residual))
        })
        .collect::<Result<_>>()?;
    let eigen_residual = bases_and_residuals
        .iter()
        .map(|(_, r)| *r)
        .fold(0.0, f64::max);
    let bases = bases_and_residuals.into_iter().map(|(b, _)| b).collect();
    Ok(IsotypicParts {
        present,
        transform,
        projectors,
        bases,
        eigen_residual,
        orthogonal,
    })
}

/// Decomposes `rep` into its isotypic components using the group's character table.
pub fn isotypic_decomposition(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<IsotypicDecomposition> {
    let parts = isotypic_parts(table, rep)?;
    let group = rep.group();
    let d = rep.dim();
    let mut max_residual = parts.eigen_residual;
    let mut components = Vec::with_capacity(parts.present.len());
    let mut columns = Vec::with_capacity(d);
    let IsotypicParts {
        present,
        transform,
        projectors,
        bases,
        orthogonal,
        ..
    } = parts;
    for (((_, real_irrep, multiplicity), projector), basis) in
        present.into_iter().zip(projectors).zip(bases)
    {
        let (basis, projector) = match &transform {
            Some((t, t_inv)) => (t_inv * basis, t_inv * projector * t),
            None => (basis, projector),
        };
        columns.extend(basis.column_iter().map(|c| c.into_owned()));
        components.push(IsotypicComponent {
            label: real_irrep.label,
            real_type: real_irrep.real_type,
            irrep_dim: real_irrep.dim as usize,
            multiplicity,
            projector,
            basis,
        });
    }
    let change_of_basis = if columns.is_empty() {
        DMatrix::zeros(d, 0)
    } else {
        DMatrix::from_columns(&columns)
    };
    let q_inverse = change_of_basis
        .clone()
        .try_inverse()
        .ok_or_else(|| Error::Numerical("the isotypic bases are not independent".into()))?;
    for s in &group.generators() {
        let block = &q_inverse * rep.matrix(s) * &change_of_basis;
        let mut off_block = block.clone();
        let mut start = 0;
        for c in &components {
            let size = c.basis.ncols();
            off_block.view_mut((start, start), (size, size)).fill(0.0);
            start += size;
        }
        max_residual = max_residual.max(off_block.norm());
    }
    Ok(IsotypicDecomposition {
        components,
        change_of_basis,
        orthogonal,
        max_residual,
    })
}
