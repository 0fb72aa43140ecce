//! Bases adapted to a complex structure.

use crate::{Error, Result};
use nalgebra::{DMatrix, DVector};

/// An orthonormal basis `v_1, J v_1, v_2, J v_2, …` (as columns) of the space spanned by the
/// orthonormal columns of `space`, for a `J` that maps the space to itself orthogonally with
/// `J² = −1` there (a complex structure: a rotation generator `X/k` on its frequency-`k`
/// space, or `(R − cos θ)/sin θ` for an orthogonal `R` on its `cos θ` space).
///
/// Each `v` is the column of `space` farthest from the pairs chosen so far (Gram–Schmidt,
/// `O(dim · columns²)` in all);
/// `J v` is then orthogonal to `v` (`vᵀ J v = 0` for skew `J`) and to the earlier pairs, whose
/// span is `J`-invariant. Errors ([`Error::Numerical`]) when the dimension is odd.
pub fn complex_structure_pairs(space: &DMatrix<f64>, j: &DMatrix<f64>) -> Result<DMatrix<f64>> {
    if !space.ncols().is_multiple_of(2) {
        return Err(Error::Numerical(format!(
            "a complex structure needs an even-dimensional space, got dimension {}",
            space.ncols()
        )));
    }
    // The columns of `space` minus their projections on the pairs chosen so far, kept up to
    // date after each pair (O(columns · dim) per pair).
    let mut residuals: Vec<DVector<f64>> = space.column_iter().map(|c| c.into_owned()).collect();
    let mut chosen: Vec<DVector<f64>> = Vec::with_capacity(space.ncols());
    while chosen.len() < space.ncols() {
        let farthest = residuals
            .iter()
            .max_by(|a, b| a.norm_squared().total_cmp(&b.norm_squared()))
            .ok_or_else(|| Error::Numerical("empty space".into()))?;
        // Re-orthogonalise against every chosen vector (rounding), then normalise.
        let mut v = farthest.clone();
        for u in &chosen {
            v -= u * u.dot(&v);
        }
        let v = v.normalize();
        let w = j * &v;
        for r in &mut residuals {
            let (a, b) = (v.dot(r), w.dot(r));
            *r -= &v * a + &w * b;
        }
        chosen.push(v);
        chosen.push(w);
    }
    Ok(super::matrix_from_columns(space.nrows(), &chosen))
}
