//! Isotypic decomposition of a representation of a finite group.
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
//! product ([`crate::linalg::unitarising_transform`]); then `Q` is no longer orthogonal and
//! `Q⁻¹ ρ(g) Q` is block diagonal.
//!
//! Splitting an isotypic component further into copies of `R` in `R`'s own basis needs the
//! explicit irreducible matrices, which this module does not yet provide.

use crate::character::{CharacterTable, RealType, character_of};
use crate::group::{FiniteGroup, PermutationGroup};
use crate::linalg::unitarising_transform;
use crate::rep::Representation;
use crate::{Error, Result, error::human_bytes};
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Largest amount of work (`|G| · #components · dim²` multiply-adds) accepted: 10¹¹.
pub const MAX_PROJECTOR_WORK: f64 = 1e11;

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

fn is_orthogonal(m: &DMatrix<f64>) -> bool {
    let d = m.nrows();
    (m.transpose() * m - DMatrix::<f64>::identity(d, d)).norm() <= 1e-10 * (d.max(1) as f64)
}

/// Decomposes `rep` into its isotypic components using the group's character table.
pub fn isotypic_decomposition(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<IsotypicDecomposition> {
    let group = rep.group();
    let multiplicities = table.multiplicities(&character_of(table, rep)?)?;
    let real_multiplicities = multiplicities.real.ok_or_else(|| {
        Error::Numerical(format!(
            "the character of {} is not that of a real representation",
            rep.description()
        ))
    })?;
    let d = rep.dim();
    let present: Vec<(crate::character::RealIrrep, usize)> = table
        .real_irreps()
        .into_iter()
        .zip(real_multiplicities)
        .filter(|(_, m)| *m > 0)
        .map(|(r, m)| (r, m as usize))
        .collect();
    let elements = group.elements()?;
    let work = elements.len() as f64 * present.len() as f64 * (d as f64).powi(2);
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
    let memory = 8.0 * present.len() as f64 * (d as f64).powi(2);
    if memory > 2.0 * 1024f64.powi(3) {
        return Err(Error::TooLarge {
            what: format!("the isotypic projectors of {}", rep.description()),
            needed: human_bytes(memory),
            limit: human_bytes(2.0 * 1024f64.powi(3)),
        });
    }
    let class_map = group.class_map()?;

    // Make ρ orthogonal if it is not: ρ' = T ρ T⁻¹.
    let generators = group.generators();
    let orthogonal = generators.iter().all(|s| is_orthogonal(&rep.matrix(s)));
    let (transform, inverse) = if orthogonal {
        (None, None)
    } else {
        let matrices: Vec<DMatrix<f64>> = elements.par_iter().map(|g| rep.matrix(g)).collect();
        let t = unitarising_transform(&matrices)?;
        let t_inv = t
            .clone()
            .try_inverse()
            .ok_or_else(|| Error::Numerical("the unitarising transform is singular".into()))?;
        (Some(t), Some(t_inv))
    };
    let matrix = |g| -> DMatrix<f64> {
        let m = rep.matrix(g);
        match (&transform, &inverse) {
            (Some(t), Some(t_inv)) => t * m * t_inv,
            _ => m,
        }
    };

    // Coefficients c_R(k) = Σ_i χ_i(1) conj χ_i(g_k) / |G| (real by construction).
    let coefficients: Vec<Vec<f64>> = present
        .iter()
        .map(|(r, _)| {
            (0..table.num_classes())
                .map(|k| {
                    r.constituents
                        .iter()
                        .map(|&i| table.irreps[i].dim as f64 * table.values[i][k].conj().re)
                        .sum::<f64>()
                        / table.order as f64
                })
                .collect()
        })
        .collect();
    let zero = || vec![DMatrix::<f64>::zeros(d, d); present.len()];
    let projectors = elements
        .par_iter()
        .enumerate()
        .fold(zero, |mut acc, (index, g)| {
            let m = matrix(g);
            let k = class_map[index] as usize;
            for (p, c) in acc.iter_mut().zip(&coefficients) {
                if c[k] != 0.0 {
                    *p += &m * c[k];
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

    let mut max_residual: f64 = 0.0;
    let mut components = Vec::with_capacity(present.len());
    let mut columns = Vec::with_capacity(d);
    for ((real_irrep, multiplicity), projector) in present.into_iter().zip(projectors) {
        let symmetric = (&projector + projector.transpose()) * 0.5;
        let eigen = symmetric.symmetric_eigen();
        let mut selected: Vec<usize> = Vec::new();
        for (i, &lambda) in eigen.eigenvalues.iter().enumerate() {
            max_residual = max_residual.max(lambda.abs().min((lambda - 1.0).abs()));
            if lambda > 0.5 {
                selected.push(i);
            }
        }
        let irrep_dim = real_irrep.dim as usize;
        if selected.len() != multiplicity * irrep_dim {
            return Err(Error::Numerical(format!(
                "the projector onto {} has rank {}, expected {multiplicity} × {irrep_dim}",
                real_irrep.label,
                selected.len()
            )));
        }
        let basis = eigen.eigenvectors.select_columns(&selected);
        let (basis, projector) = match &inverse {
            Some(t_inv) => (
                t_inv * basis,
                t_inv * projector * transform.as_ref().expect("set with the inverse"),
            ),
            None => (basis, projector),
        };
        columns.extend(basis.column_iter().map(|c| c.into_owned()));
        components.push(IsotypicComponent {
            label: real_irrep.label,
            real_type: real_irrep.real_type,
            irrep_dim,
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
    for s in &generators {
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
