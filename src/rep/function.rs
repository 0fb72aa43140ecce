//! A representation given by a function `g ↦ ρ(g)` (and the matrices `dρ(X_i)`).

use super::{Rep, Representation};
use crate::group::Group;
use crate::{Error, Result};
use nalgebra::DMatrix;
use std::sync::Arc;

/// The signature of a matrix-valued function on the group.
pub type MatrixFn<G> = Arc<dyn Fn(&<G as Group>::Element) -> DMatrix<f64> + Send + Sync>;

struct FunctionRep<G: Group> {
    group: Arc<G>,
    dim: usize,
    matrix: MatrixFn<G>,
    lie_algebra: Vec<DMatrix<f64>>,
    name: String,
}

impl<G: Group> Representation<G> for FunctionRep<G> {
    fn group(&self) -> &Arc<G> {
        &self.group
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        (self.matrix)(g)
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.lie_algebra.clone()
    }
    fn description(&self) -> String {
        self.name.clone()
    }
}

/// A representation from a function `matrix(g) = ρ(g)` of dimension `dim` and the matrices
/// `dρ(X_i)` of the group's Lie-algebra basis (empty for finite groups). The function must be
/// a homomorphism; `testing::homomorphism_residual` checks it. The shapes are checked on the
/// identity and the Lie algebra here.
pub fn from_fn<G: Group + 'static>(
    group: &Arc<G>,
    dim: usize,
    matrix: MatrixFn<G>,
    lie_algebra: Vec<DMatrix<f64>>,
    name: &str,
) -> Result<Rep<G>> {
    let at_identity = matrix(&group.identity());
    if at_identity.shape() != (dim, dim) {
        return Err(Error::InvalidInput(format!(
            "{name}: ρ(e) is {}×{}, expected {dim}×{dim}",
            at_identity.nrows(),
            at_identity.ncols()
        )));
    }
    let expected = group.lie_algebra_basis().len();
    if lie_algebra.len() != expected || lie_algebra.iter().any(|x| x.shape() != (dim, dim)) {
        return Err(Error::InvalidInput(format!(
            "{name}: expected {expected} Lie-algebra matrices of size {dim}×{dim}"
        )));
    }
    Ok(Arc::new(FunctionRep {
        group: group.clone(),
        dim,
        matrix,
        lie_algebra,
        name: name.into(),
    }))
}
