//! Floating-point linear algebra: the SVD nullspace with the singular-value gap it cut at, and
//! orthonormalisation by modified Gram–Schmidt with reorthogonalisation.

use nalgebra::{DMatrix, DVector, SVD};

use crate::{Error, Result};

/// The numerical nullspace of a matrix, with the evidence for its dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct NumericNullspace {
    /// Orthonormal columns spanning the right singular vectors whose singular value is
    /// `≤ tolerance` (an `n × k` matrix, `n` = number of columns of the input).
    pub basis: DMatrix<f64>,
    /// All `n` singular values in descending order; when the input has fewer rows than
    /// columns the list is padded with zeros (the missing singular values of the full SVD).
    pub singular_values: Vec<f64>,
    /// The cut: singular values `≤ tolerance` count as zero.
    pub tolerance: f64,
    /// `(smallest σ > tolerance, largest σ ≤ tolerance)`: the gap the cut lies in; `None`
    /// when one of the two sides is empty (full rank, or every σ treated as zero).
    pub gap: Option<(f64, f64)>,
}

impl NumericNullspace {
    /// The numerical rank, `n −` (nullspace dimension).
    pub fn rank(&self) -> usize {
        self.singular_values.len() - self.basis.ncols()
    }

    /// `σ_kept / σ_dropped` of [`Self::gap`] (`∞` when the largest dropped σ is 0): the larger,
    /// the more trustworthy the dimension.
    pub fn gap_ratio(&self) -> Option<f64> {
        self.gap.map(|(kept, dropped)| kept / dropped)
    }
}

/// Default nullspace tolerance `max(m, n) · σ_max · ε · 10` (`ε = f64::EPSILON`): ten times the
/// backward error of a stable SVD, the rule of LAPACK's `xGELSS` and NumPy's `matrix_rank`
/// scaled by a safety factor.
pub fn default_tolerance(rows: usize, cols: usize, sigma_max: f64) -> f64 {
    rows.max(cols) as f64 * sigma_max * f64::EPSILON * 10.0
}

/// Orthonormal basis of the right nullspace `{x : A x ≈ 0}` of the `m × n` matrix `a` by the
/// singular value decomposition `A = U Σ Vᵀ`: the columns of `V` whose singular value is at
/// most `tolerance` (default [`default_tolerance`]`(m, n, σ_max)`).
///
/// nalgebra's SVD is thin, so when `m < n` the matrix is padded with `n − m` zero rows first;
/// this gives the full `n × n` right singular basis, whose extra singular values are zero.
/// Works for `0` rows (the nullspace is everything) and `0` columns (an empty basis).
///
/// [`Error::InvalidInput`] for non-finite entries or a negative / non-finite tolerance;
/// [`Error::Numerical`] if the SVD iteration does not converge.
///
/// Reference: G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., §2.4 and §5.4.1
/// (numerical rank and the SVD).
///
/// ```
/// use equivariant::linalg::nullspace_svd;
/// use nalgebra::DMatrix;
/// let a = DMatrix::from_row_slice(1, 3, &[1.0, 1.0, 1.0]);
/// let ns = nullspace_svd(&a, None).unwrap();
/// assert_eq!(ns.basis.ncols(), 2);
/// assert!((&a * &ns.basis).norm() < 1e-12);
/// assert_eq!(ns.singular_values.len(), 3);
/// ```
pub fn nullspace_svd(a: &DMatrix<f64>, tolerance: Option<f64>) -> Result<NumericNullspace> {
    let (m, n) = a.shape();
    if a.iter().any(|x| !x.is_finite()) {
        return Err(Error::InvalidInput(
            "nullspace_svd: matrix has a non-finite entry".into(),
        ));
    }
    if let Some(t) = tolerance
        && (!t.is_finite() || t < 0.0)
    {
        return Err(Error::InvalidInput(format!(
            "nullspace_svd: tolerance must be finite and non-negative, got {t}"
        )));
    }
    if n == 0 || m == 0 {
        return Ok(NumericNullspace {
            basis: DMatrix::identity(n, n),
            singular_values: vec![0.0; n],
            tolerance: tolerance.unwrap_or(0.0),
            gap: None,
        });
    }
    let work = if m < n {
        let mut padded = DMatrix::zeros(n, n);
        padded.view_mut((0, 0), (m, n)).copy_from(a);
        padded
    } else {
        a.clone()
    };
    let max_iterations = 200 * n.max(m).max(10);
    let svd = SVD::try_new(work, false, true, f64::EPSILON, max_iterations).ok_or_else(|| {
        Error::Numerical(format!(
            "SVD of a {m}×{n} matrix did not converge in {max_iterations} iterations"
        ))
    })?;
    let v_t = svd
        .v_t
        .ok_or_else(|| Error::Numerical("SVD did not return V".into()))?;
    let sigma: Vec<f64> = svd.singular_values.iter().cloned().collect();
    // Sort descending together with the rows of Vᵀ (nalgebra sorts already; be explicit).
    let mut order: Vec<usize> = (0..sigma.len()).collect();
    order.sort_by(|&i, &j| sigma[j].total_cmp(&sigma[i]));
    let sigma: Vec<f64> = order.iter().map(|&i| sigma[i]).collect();
    let sigma_max = sigma.first().copied().unwrap_or(0.0);
    let tol = tolerance.unwrap_or_else(|| default_tolerance(m, n, sigma_max));
    let null: Vec<usize> = (0..sigma.len()).filter(|&k| sigma[k] <= tol).collect();
    let kept_min = sigma.iter().copied().filter(|&s| s > tol).reduce(f64::min);
    let dropped_max = null.first().map(|&k| sigma[k]);
    let gap = kept_min.zip(dropped_max);
    let basis = DMatrix::from_fn(n, null.len(), |i, j| v_t[(order[null[j]], i)]);
    Ok(NumericNullspace {
        basis,
        singular_values: sigma,
        tolerance: tol,
        gap,
    })
}

/// Orthonormal basis of the column span of `a` by modified Gram–Schmidt with one full
/// reorthogonalisation pass per column ("twice is enough": Giraud, Langou, Rozložník,
/// *Comput. Math. Appl.* 50 (2005); Björck, *Numerical Methods for Least Squares Problems*,
/// §2.4.6). Columns are processed left to right; a column whose residual after both passes
/// has norm `≤ tolerance · ‖original column‖` (or that is zero) is dropped as linearly
/// dependent on the earlier ones. Returns an `m × k` matrix with `QᵀQ = I_k`.
///
/// A negative or NaN tolerance is treated as `0`; non-finite entries give non-finite output.
///
/// ```
/// use equivariant::linalg::orthonormalize;
/// use nalgebra::DMatrix;
/// let a = DMatrix::from_row_slice(3, 3, &[1.0, 2.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, 1.0]);
/// let q = orthonormalize(&a, 1e-10);
/// assert_eq!(q.ncols(), 2);
/// assert!((q.transpose() * &q - DMatrix::<f64>::identity(2, 2)).norm() < 1e-14);
/// ```
pub fn orthonormalize(a: &DMatrix<f64>, tolerance: f64) -> DMatrix<f64> {
    let m = a.nrows();
    let tol = if tolerance > 0.0 { tolerance } else { 0.0 };
    let mut basis: Vec<DVector<f64>> = Vec::new();
    for col in a.column_iter() {
        let original = col.norm();
        if original == 0.0 {
            continue;
        }
        let mut v: DVector<f64> = col.into_owned();
        for _pass in 0..2 {
            for q in &basis {
                let c = q.dot(&v);
                v.axpy(-c, q, 1.0);
            }
        }
        let residual = v.norm();
        if residual <= tol * original || residual == 0.0 {
            continue;
        }
        v /= residual;
        basis.push(v);
    }
    let mut out = DMatrix::zeros(m, basis.len());
    for (j, q) in basis.iter().enumerate() {
        out.set_column(j, q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_matrix_uses_full_right_basis() {
        let a = DMatrix::from_row_slice(2, 4, &[1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0]);
        let ns = nullspace_svd(&a, None).unwrap();
        assert_eq!(ns.basis.shape(), (4, 2));
        assert_eq!(ns.singular_values.len(), 4);
        assert_eq!(ns.singular_values[2], 0.0);
        assert!((&a * &ns.basis).norm() < 1e-14);
        let (kept, dropped) = ns.gap.unwrap();
        assert!((kept - 2f64.sqrt()).abs() < 1e-14 && dropped == 0.0);
    }

    #[test]
    fn empty_shapes_do_not_panic() {
        let ns = nullspace_svd(&DMatrix::zeros(0, 3), None).unwrap();
        assert_eq!(ns.basis, DMatrix::identity(3, 3));
        let ns = nullspace_svd(&DMatrix::zeros(3, 0), None).unwrap();
        assert_eq!(ns.basis.shape(), (0, 0));
        assert!(ns.singular_values.is_empty());
        assert_eq!(orthonormalize(&DMatrix::zeros(0, 0), 1e-12).shape(), (0, 0));
        assert_eq!(orthonormalize(&DMatrix::zeros(3, 2), 1e-12).shape(), (3, 0));
    }

    #[test]
    fn bad_input_is_an_error() {
        let mut a = DMatrix::<f64>::identity(2, 2);
        assert!(nullspace_svd(&a, Some(-1.0)).is_err());
        assert!(nullspace_svd(&a, Some(f64::NAN)).is_err());
        a[(0, 1)] = f64::INFINITY;
        assert!(nullspace_svd(&a, None).is_err());
    }
}
