//! Complex irreducible representations (unitary matrices), one per row of the character table.
//!
//! For a row `χ` of real type the complex irreducible is the real orthogonal one. For type C
//! and H it is read off the real form `ρ` (the realification) and its complex structure `J`
//! (a commutant element with `J² = −I`): `ρ(g)` commutes with `J`, so it preserves the
//! `i`-eigenspace of `J`; with an orthonormal basis `U` of it, `σ(g) = U* ρ(g) U` is unitary
//! of dimension `χ(1)` and `ρ(g) U = U σ(g)`. Its character is `χ` (type H, where both
//! eigenspaces carry `χ`) or, for type C, `χ` or `χ̄` — [`super::real_irreps`] orients `J`
//! so that it is `χ` for the first row of the pair; the second row gets `σ̄`.

use super::irreps::IrrepRepresentation;
use super::numeric::complexify;
use crate::character::{CharacterTable, RealType};
use crate::group::{FiniteGroup, Permutation, PermutationGroup};
use crate::rep::Representation;
use crate::{Error, Result};
use nalgebra::DMatrix;
use num_complex::Complex64;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use std::fmt;
use std::sync::Arc;

/// A complex irreducible representation (unitary matrices) of a finite group: the row
/// `row` of the character table. Numeric, with residuals; cheap to clone.
#[derive(Clone)]
pub struct ComplexIrrep {
    group: Arc<PermutationGroup>,
    label: String,
    row: usize,
    dim: usize,
    real_type: RealType,
    real_irrep: usize,
    conjugated: bool,
    generators: Arc<Vec<DMatrix<Complex64>>>,
    /// The real irreducible containing it.
    real: IrrepRepresentation,
    /// `U` (or `Ū` for the second row of a pair): `σ(g) = U* ρ(g) U`; `None` for type R.
    basis: Option<Arc<DMatrix<Complex64>>>,
    homomorphism_residual: f64,
    unitarity_residual: f64,
    character_residual: f64,
}

impl fmt::Debug for ComplexIrrep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComplexIrrep")
            .field("group", &self.group.name_str())
            .field("label", &self.label)
            .field("row", &self.row)
            .field("dim", &self.dim)
            .field("real_type", &self.real_type)
            .field("character_residual", &self.character_residual)
            .finish()
    }
}

impl ComplexIrrep {
    /// The row's label.
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The row of the character table.
    pub fn row(&self) -> usize {
        self.row
    }
    /// The dimension `χ(1)`.
    pub fn dim(&self) -> usize {
        self.dim
    }
    /// The type of the row over the reals.
    pub fn real_type(&self) -> RealType {
        self.real_type
    }
    /// The real irreducible containing it (index into [`CharacterTable::real_irreps`]).
    pub fn real_irrep(&self) -> usize {
        self.real_irrep
    }
    /// Whether the matrices are the conjugates `σ̄` of the `i`-eigenspace form (the second
    /// row of a complex-conjugate pair).
    pub fn conjugated(&self) -> bool {
        self.conjugated
    }
    /// The group.
    pub fn group(&self) -> &Arc<PermutationGroup> {
        &self.group
    }
    /// `σ(s)` for the group's generators.
    pub fn generator_matrices(&self) -> &[DMatrix<Complex64>] {
        &self.generators
    }
    /// `σ(g)` for the element of index `i` in [`FiniteGroup::elements`], computed from the
    /// stored real matrix as `U* ρ(g) U` (no complex matrices are stored).
    pub fn element_matrix(&self, i: usize) -> DMatrix<Complex64> {
        let m = complexify(&self.real.element_matrix(i));
        match &self.basis {
            Some(u) => u.adjoint() * m * u.as_ref(),
            None => m,
        }
    }
    /// `σ(g)` (`NaN` entries for a permutation outside the group).
    pub fn matrix(&self, g: &Permutation) -> DMatrix<Complex64> {
        match self.group.index_of(g) {
            Ok(Some(i)) => self.element_matrix(i),
            _ => DMatrix::from_element(self.dim, self.dim, Complex64::new(f64::NAN, f64::NAN)),
        }
    }
    /// `max ‖σ(g)σ(s) − σ(gs)‖_F` over the generators `s` and all elements `g` (up to 256)
    /// or 64 random ones.
    pub fn homomorphism_residual(&self) -> f64 {
        self.homomorphism_residual
    }
    /// `max_s ‖σ(s)*σ(s) − I‖_F` over the generators.
    pub fn unitarity_residual(&self) -> f64 {
        self.unitarity_residual
    }
    /// `max_k |tr σ(g_k) − χ(g_k)|` against the row.
    pub fn character_residual(&self) -> f64 {
        self.character_residual
    }
}

/// The complex irreducible representations, one per row of `table` in row order, from the
/// real ones of [`super::real_irreps`] (see the [module documentation](self)).
pub fn complex_irreps(
    table: &CharacterTable,
    real: &[IrrepRepresentation],
) -> Result<Vec<ComplexIrrep>> {
    let group = real
        .first()
        .map(|r| r.group().clone())
        .ok_or_else(|| Error::InvalidInput("no real irreducibles given".into()))?;
    if table.group != group.name_str() || real.len() != table.real_irreps().len() {
        return Err(Error::InvalidInput(format!(
            "the real irreducibles of {} do not match the character table of {}",
            group.name_str(),
            table.group
        )));
    }
    let elements = group.elements()?;
    let order = elements.len();
    let generators = group.generators();
    (0..table.irreps.len())
        .into_par_iter()
        .map(|row| {
            let (real_index, r) = real
                .iter()
                .enumerate()
                .find(|(_, r)| r.constituents().contains(&row))
                .ok_or_else(|| Error::InvalidInput(format!("row {row} has no real irreducible")))?;
            let conjugated = r.real_type() == RealType::Complex && r.constituents()[0] != row;
            let u = r.complex_basis();
            let dc = u.ncols();
            let basis = match r.real_type() {
                RealType::Real => None,
                _ if conjugated => Some(Arc::new(u.map(|z| z.conj()))),
                _ => Some(Arc::new(u.clone())),
            };
            let block = |i: usize| -> DMatrix<Complex64> {
                let m = complexify(&r.element_matrix(i));
                match &basis {
                    Some(u) => u.adjoint() * m * u.as_ref(),
                    None => m,
                }
            };
            let gens: Vec<DMatrix<Complex64>> = generators
                .iter()
                .map(|s| {
                    let i = group.index_of(s)?.expect("a generator is an element");
                    Ok(block(i))
                })
                .collect::<Result<_>>()?;
            let identity = DMatrix::<Complex64>::identity(dc, dc);
            let unitarity = gens
                .iter()
                .map(|m| (m.adjoint() * m - &identity).norm())
                .fold(0.0, f64::max);
            let mut rng = StdRng::seed_from_u64(0xc0de + row as u64);
            let sample: Vec<usize> = if order <= 256 {
                (0..order).collect()
            } else {
                (0..64).map(|_| rng.random_range(0..order)).collect()
            };
            let mut homomorphism = (block(0) - &identity).norm();
            for &i in &sample {
                let block_i = block(i);
                for (s, m) in generators.iter().zip(&gens) {
                    let j = group.index_of(&elements[i].compose(s))?.expect("closed");
                    homomorphism = homomorphism.max((&block_i * m - block(j)).norm());
                }
            }
            let mut character = 0.0f64;
            for (c, value) in table.classes.iter().zip(&table.values[row]) {
                let i = group.index_of(&c.representative)?.expect("an element");
                character = character.max((block(i).trace() - value).norm());
            }
            let worst = homomorphism.max(unitarity).max(character);
            if worst.is_nan() || worst > super::IRREP_TOLERANCE {
                return Err(Error::Numerical(format!(
                    "the complex irreducible {} of {} has residual {worst:.2e}",
                    table.irreps[row].label,
                    group.name_str()
                )));
            }
            Ok(ComplexIrrep {
                group: group.clone(),
                label: table.irreps[row].label.clone(),
                row,
                dim: dc,
                real_type: table.irreps[row].real_type,
                real_irrep: real_index,
                conjugated,
                generators: Arc::new(gens),
                real: r.clone(),
                basis,
                homomorphism_residual: homomorphism,
                unitarity_residual: unitarity,
                character_residual: character,
            })
        })
        .collect()
}
