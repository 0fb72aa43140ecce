//! `S^λ` as a [`Rep`] of the [`PermutationGroup`] `S_n`, by Young's orthogonal form in `f64`.

use super::YoungBasis;
use super::forms::orthogonal_pair;
use super::product::matrix_of;
use crate::group::{Family, Permutation, PermutationGroup};
use crate::rep::{MatrixFn, Rep, from_fn};
use crate::symmetric::Partition;
use crate::{Error, Result};
use nalgebra::DMatrix;
use std::sync::Arc;

/// The irreducible representation `S^λ` of `S_n` (`n = |λ|`) in Young's orthogonal form:
/// real orthogonal matrices, `ρ(p)` the product of the generator matrices over a reduced word of
/// `p`, character the Murnaghan–Nakayama row `χ^λ`.
///
/// The group must be [`PermutationGroup::symmetric`]`(n)` ([`Error::InvalidInput`] for another
/// group or another `n`); [`Error::TooLarge`] when `f^λ > 16384` (matrices above 2 GiB). An
/// element that does not act on `n` points (not an element of the group) gets a matrix of NaN.
pub fn young_irrep(
    group: &Arc<PermutationGroup>,
    shape: &Partition,
) -> Result<Rep<PermutationGroup>> {
    let n = shape.size();
    if !matches!(group.family(), Family::Symmetric(m) if *m == n) {
        return Err(Error::InvalidInput(format!(
            "Young's form of S^{shape} is a representation of S{n}, not of {}",
            group.name_str()
        )));
    }
    let basis = Arc::new(YoungBasis::new(shape)?);
    let dim = basis.dim();
    let matrix: MatrixFn<PermutationGroup> = Arc::new(move |g: &Permutation| {
        matrix_of(&basis, g, &orthogonal_pair)
            .unwrap_or_else(|_| DMatrix::from_element(dim, dim, f64::NAN))
    });
    from_fn(group, dim, matrix, Vec::new(), &format!("S^{shape}"))
}
