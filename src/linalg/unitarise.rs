//! Unitarisation: a change of basis making a representation of a finite group orthogonal.
//!
//! For a finite group, `M = Σ_g ρ(g)ᵀ ρ(g)` is symmetric positive definite and invariant,
//! `ρ(h)ᵀ M ρ(h) = M`. With the Cholesky factor `M = LLᵀ`, `T = Lᵀ` gives
//! `(Tρ(h)T⁻¹)ᵀ (Tρ(h)T⁻¹) = T⁻ᵀ ρ(h)ᵀ M ρ(h) T⁻¹ = T⁻ᵀ M T⁻¹ = I`
//! (Weyl's unitarian trick; Serre, *Linear Representations of Finite Groups*, §1.3).

use crate::{Error, Result};
use nalgebra::DMatrix;

/// `T` such that `T ρ(g) T⁻¹` is orthogonal for every `ρ(g)` in `matrices`, which must be the
/// matrices of all elements of a finite group (an error when they are not square of one size or
/// the invariant form is not positive definite).
pub fn unitarising_transform(matrices: &[DMatrix<f64>]) -> Result<DMatrix<f64>> {
    let d = matrices.first().map_or(0, |m| m.nrows());
    if matrices.iter().any(|m| m.shape() != (d, d)) {
        return Err(Error::InvalidInput(
            "unitarisation needs square matrices of one size".into(),
        ));
    }
    let form = matrices
        .iter()
        .fold(DMatrix::zeros(d, d), |acc, m| acc + m.transpose() * m);
    let form = (&form + form.transpose()) * 0.5;
    let cholesky = form.cholesky().ok_or_else(|| {
        Error::Numerical("the averaged inner product is not positive definite".into())
    })?;
    Ok(cholesky.l().transpose())
}
