//! Permutation matrices, dense and sparse (CSR).
//!
//! Convention: `P(σ) e_i = e_{σ(i)}`, i.e. `P(σ)[σ(i), i] = 1`. Then
//! `P(σ ∘ τ) = P(σ) P(τ)` with `(σ ∘ τ)(i) = σ(τ(i))`, so `σ ↦ P(σ)` is a homomorphism
//! (the defining representation of `S_n` acting on coordinates), and
//! `(P(σ) x)[σ(i)] = x[i]`.

use nalgebra::DMatrix;
use nalgebra_sparse::CsrMatrix;

use crate::{Error, Result};

/// Checks that `perm` is a permutation of `0..n` and returns its inverse.
fn inverse_permutation(perm: &[usize]) -> Result<Vec<usize>> {
    let n = perm.len();
    let mut inv = vec![usize::MAX; n];
    for (i, &p) in perm.iter().enumerate() {
        if p >= n {
            return Err(Error::InvalidInput(format!(
                "not a permutation of 0..{n}: image {p} of {i} is out of range"
            )));
        }
        if inv[p] != usize::MAX {
            return Err(Error::InvalidInput(format!(
                "not a permutation of 0..{n}: {p} is the image of both {} and {i}",
                inv[p]
            )));
        }
        inv[p] = i;
    }
    Ok(inv)
}

/// The dense `n × n` permutation matrix with `P e_i = e_{perm[i]}` (entry `(perm[i], i)` is 1),
/// so that `permutation_matrix(σ∘τ) = permutation_matrix(σ) · permutation_matrix(τ)`.
/// [`Error::InvalidInput`] when `perm` is not a permutation of `0..n`.
///
/// ```
/// use equivariant::linalg::permutation_matrix;
/// use nalgebra::DVector;
/// let p = permutation_matrix(&[1, 2, 0]).unwrap();
/// // e_0 ↦ e_1
/// assert_eq!(&p * DVector::from_vec(vec![1.0, 0.0, 0.0]), DVector::from_vec(vec![0.0, 1.0, 0.0]));
/// assert!(permutation_matrix(&[0, 0]).is_err());
/// ```
pub fn permutation_matrix(perm: &[usize]) -> Result<DMatrix<f64>> {
    inverse_permutation(perm)?;
    let n = perm.len();
    let mut p = DMatrix::zeros(n, n);
    for (i, &j) in perm.iter().enumerate() {
        p[(j, i)] = 1.0;
    }
    Ok(p)
}

/// The same matrix as [`permutation_matrix`] in compressed sparse row form (`n` stored ones:
/// row `r` holds its single 1 in column `perm⁻¹(r)`). [`Error::InvalidInput`] when `perm` is
/// not a permutation.
pub fn permutation_csr(perm: &[usize]) -> Result<CsrMatrix<f64>> {
    let inv = inverse_permutation(perm)?;
    let n = perm.len();
    CsrMatrix::try_from_csr_data(n, n, (0..=n).collect(), inv, vec![1.0; n])
        .map_err(|e| Error::InvalidInput(format!("permutation_csr: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_matches_dense() {
        let perm = [2, 0, 3, 1];
        let dense = permutation_matrix(&perm).unwrap();
        let csr = permutation_csr(&perm).unwrap();
        assert_eq!(DMatrix::from(&csr), dense);
        assert!(permutation_csr(&[0, 5]).is_err());
        assert_eq!(permutation_matrix(&[]).unwrap().shape(), (0, 0));
    }
}
