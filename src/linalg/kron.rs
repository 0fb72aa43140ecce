//! Kronecker products and Kronecker sums: the matrices of tensor-product representations
//! `(ρ ⊗ σ)(g) = ρ(g) ⊗ σ(g)` and of their Lie-algebra actions
//! `d(ρ ⊗ σ)(X) = dρ(X) ⊗ I + I ⊗ dσ(X)`.
//!
//! Index convention (row-major / NumPy `np.kron`): `(A ⊗ B)[i·p + k, j·q + l] = A[i, j] · B[k, l]`
//! for `B` of shape `p × q`, so `(A ⊗ B)(x ⊗ y) = Ax ⊗ By` with `(x ⊗ y)[i·q + l] = x[i] y[l]`.

use std::ops::{Add, Mul};

use nalgebra::{DMatrix, Scalar};
use num_traits::{One, Zero};

use crate::error::human_bytes;
use crate::{Error, Result};

/// The largest dense matrix (in entries) the Kronecker functions build: `2^28` entries
/// (2 GiB of `f64`). Larger requests are refused with [`Error::TooLarge`] before allocating.
pub const MAX_KRON_ENTRIES: usize = 1 << 28;

fn check_size(what: &str, rows: Option<usize>, cols: Option<usize>, elem: usize) -> Result<()> {
    let entries = rows.zip(cols).and_then(|(r, c)| r.checked_mul(c));
    match entries {
        Some(e) if e <= MAX_KRON_ENTRIES => Ok(()),
        _ => {
            let needed =
                rows.map_or(f64::INFINITY, |r| r as f64) * cols.map_or(f64::INFINITY, |c| c as f64);
            Err(Error::TooLarge {
                what: what.to_string(),
                needed: format!(
                    "{needed:.3e} entries ({})",
                    human_bytes(needed * elem as f64)
                ),
                limit: format!("{MAX_KRON_ENTRIES} entries"),
            })
        }
    }
}

/// Kronecker product `A ⊗ B`: the `(m·p) × (n·q)` block matrix whose `(i, j)` block is
/// `A[i, j] · B`. Generic over any ring scalar (`f64`, `Complex<f64>`, `BigRational`, …).
/// It satisfies the mixed-product property `(A ⊗ B)(C ⊗ D) = AC ⊗ BD`
/// (Horn and Johnson, *Topics in Matrix Analysis*, Lemma 4.2.10).
///
/// [`Error::TooLarge`] when the result would exceed [`MAX_KRON_ENTRIES`] entries.
///
/// ```
/// use equivariant::linalg::kron;
/// use nalgebra::DMatrix;
/// let a = DMatrix::from_row_slice(1, 2, &[1.0, 2.0]);
/// let b = DMatrix::from_row_slice(2, 1, &[3.0, 4.0]);
/// assert_eq!(kron(&a, &b).unwrap(), DMatrix::from_row_slice(2, 2, &[3.0, 6.0, 4.0, 8.0]));
/// ```
pub fn kron<T>(a: &DMatrix<T>, b: &DMatrix<T>) -> Result<DMatrix<T>>
where
    T: Scalar + Mul<Output = T>,
{
    let (m, n) = a.shape();
    let (p, q) = b.shape();
    let rows = m.checked_mul(p);
    let cols = n.checked_mul(q);
    check_size(
        &format!("Kronecker product of {m}×{n} and {p}×{q} matrices"),
        rows,
        cols,
        std::mem::size_of::<T>(),
    )?;
    Ok(DMatrix::from_fn(m * p, n * q, |r, c| {
        a[(r / p, c / q)].clone() * b[(r % p, c % q)].clone()
    }))
}

/// Kronecker sum `A ⊕ B = A ⊗ I_q + I_p ⊗ B` of a square `p × p` matrix `A` and a square
/// `q × q` matrix `B`: the derivative at `t = 0` of `exp(tA) ⊗ exp(tB)`, i.e. the action of a
/// Lie-algebra element on a tensor product (Horn and Johnson, *Topics in Matrix Analysis*,
/// §4.4). [`Error::InvalidInput`] when `A` or `B` is not square; [`Error::TooLarge`] as for
/// [`kron`].
///
/// ```
/// use equivariant::linalg::kron_sum;
/// use nalgebra::DMatrix;
/// let a = DMatrix::from_element(1, 1, 2.0);
/// let b = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 0.0]);
/// let s = kron_sum(&a, &b).unwrap();
/// assert_eq!(s, DMatrix::from_row_slice(2, 2, &[2.0, 1.0, 1.0, 2.0]));
/// ```
pub fn kron_sum<T>(a: &DMatrix<T>, b: &DMatrix<T>) -> Result<DMatrix<T>>
where
    T: Scalar + Zero + One + Add<Output = T> + Mul<Output = T>,
{
    if !a.is_square() || !b.is_square() {
        return Err(Error::InvalidInput(format!(
            "Kronecker sum needs square matrices, got {}×{} and {}×{}",
            a.nrows(),
            a.ncols(),
            b.nrows(),
            b.ncols()
        )));
    }
    let p = a.nrows();
    let q = b.nrows();
    let size = p.checked_mul(q);
    check_size(
        &format!("Kronecker sum of {p}×{p} and {q}×{q} matrices"),
        size,
        size,
        std::mem::size_of::<T>(),
    )?;
    Ok(DMatrix::from_fn(p * q, p * q, |r, c| {
        let (i, k) = (r / q, r % q);
        let (j, l) = (c / q, c % q);
        let mut v = T::zero();
        if k == l {
            v = v + a[(i, j)].clone();
        }
        if i == j {
            v = v + b[(k, l)].clone();
        }
        v
    }))
}

/// Kronecker product of a list, `M₁ ⊗ M₂ ⊗ … ⊗ M_k` (left to right); the empty list gives the
/// `1 × 1` identity (the empty product). [`Error::TooLarge`] when the result would exceed
/// [`MAX_KRON_ENTRIES`] entries (checked before anything is built).
pub fn kron_all(factors: &[DMatrix<f64>]) -> Result<DMatrix<f64>> {
    let mut rows = Some(1usize);
    let mut cols = Some(1usize);
    for f in factors {
        rows = rows.and_then(|r| r.checked_mul(f.nrows()));
        cols = cols.and_then(|c| c.checked_mul(f.ncols()));
    }
    check_size(
        &format!("Kronecker product of {} matrices", factors.len()),
        rows,
        cols,
        std::mem::size_of::<f64>(),
    )?;
    let mut acc = DMatrix::from_element(1, 1, 1.0);
    for f in factors {
        acc = kron(&acc, f)?;
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_complex::Complex;

    #[test]
    fn kron_index_convention_matches_numpy() {
        let a = DMatrix::from_row_slice(2, 2, &[1, 2, 3, 4]);
        let b = DMatrix::from_row_slice(2, 2, &[0, 5, 6, 7]);
        let k = kron(&a, &b).unwrap();
        #[rustfmt::skip]
        let expected = DMatrix::from_row_slice(4, 4, &[
            0, 5, 0, 10,
            6, 7, 12, 14,
            0, 15, 0, 20,
            18, 21, 24, 28,
        ]);
        assert_eq!(k, expected);
    }

    #[test]
    fn kron_complex_and_empty() {
        let i = Complex::new(0.0, 1.0);
        let a = DMatrix::from_element(1, 1, i);
        assert_eq!(kron(&a, &a).unwrap()[(0, 0)], Complex::new(-1.0, 0.0));
        let e = DMatrix::<f64>::zeros(0, 3);
        assert_eq!(kron(&e, &DMatrix::identity(2, 2)).unwrap().shape(), (0, 6));
        assert_eq!(kron_all(&[]).unwrap(), DMatrix::identity(1, 1));
    }

    #[test]
    fn too_large_and_non_square_are_errors() {
        let big = vec![DMatrix::<f64>::identity(10, 10); 9];
        // 10^9 × 10^9: refused before allocating.
        assert!(matches!(kron_all(&big), Err(Error::TooLarge { .. })));
        let r = DMatrix::<f64>::zeros(2, 3);
        assert!(matches!(
            kron_sum(&r, &DMatrix::identity(2, 2)),
            Err(Error::InvalidInput(_))
        ));
    }
}
