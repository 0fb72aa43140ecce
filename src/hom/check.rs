//! Cross-checking the routes: every applicable route is run, and each must give the same
//! dimension and the same span as the first one that succeeded.
//!
//! Spans are compared by their largest principal angle (Björck & Golub, *Numerical methods
//! for computing angles between linear subspaces*, Math. Comp. 27 (1973)): with `Q_1`, `Q_2`
//! orthonormal bases of the vectorised spans (thin QR), `sin θ_max = ‖(I − Q_1 Q_1ᵀ) Q_2‖_2`,
//! computed as the square root of the largest eigenvalue of `RᵀR`, `R = Q_2 − Q_1 (Q_1ᵀ Q_2)`
//! — accurate for tiny angles, unlike `arccos` of the singular values of `Q_1ᵀ Q_2`.

use super::{EquivariantBasis, Method, SchurGroup, hom_basis};
use crate::Result;
use crate::rep::Representation;
use nalgebra::DMatrix;
use std::time::Instant;

/// Largest `dim Hom · dim W · dim V` for which spans are compared (the QR of that many
/// entries, twice).
pub const MAX_ANGLE_ENTRIES: f64 = 5e7;

/// One route's outcome.
#[derive(Clone, Debug)]
pub struct RouteReport {
    /// `orbits`, `set partitions`, `schur` or `nullspace`.
    pub method: String,
    /// Its dimension (`None` when skipped).
    pub dim: Option<usize>,
    /// Its time.
    pub seconds: f64,
    /// Its equivariance residual.
    pub max_residual: Option<f64>,
    /// The largest principal angle between its span and the reference route's (`0` for the
    /// reference; `None` when skipped, of different dimension or too large to compare).
    pub max_principal_angle: Option<f64>,
    /// Why the route was skipped (it does not apply, or its problem is too large to form).
    pub skipped: Option<String>,
    /// Why spans were not compared, when they were not.
    pub note: Option<String>,
}

/// The orthonormal basis (thin QR) of the vectorised elements.
fn orthonormal_span(basis: &[DMatrix<f64>]) -> DMatrix<f64> {
    let rows = basis.first().map_or(0, |a| a.len());
    let stacked = DMatrix::from_fn(rows, basis.len(), |i, b| basis[b][i]);
    stacked.qr().q()
}

/// The largest principal angle between the spans of two bases of equal dimension.
pub fn max_principal_angle(a: &[DMatrix<f64>], b: &[DMatrix<f64>]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (q1, q2) = (orthonormal_span(a), orthonormal_span(b));
    let r = &q2 - &q1 * (q1.transpose() * &q2);
    let gram = r.transpose() * r;
    let largest = gram.symmetric_eigenvalues().max().max(0.0);
    largest.sqrt().min(1.0).asin()
}

/// Runs the routes `orbits`, `schur` and `nullspace` (plus `extra`, a route computed by the
/// caller, e.g. the set-partition basis) and compares each with the first that succeeded.
/// A route that does not apply or whose problem is too large is reported as skipped with the
/// error's message (each route refuses before allocating).
pub fn cross_check<G: SchurGroup>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
    extra: Option<(&str, &EquivariantBasis, f64)>,
) -> Result<Vec<RouteReport>> {
    let mut outcomes: Vec<(String, Result<EquivariantBasis>, f64)> = Vec::new();
    for method in [Method::Orbits, Method::Schur, Method::Nullspace] {
        let start = Instant::now();
        let result = hom_basis(rep_in, rep_out, method);
        outcomes.push((
            method.name().to_string(),
            result,
            start.elapsed().as_secs_f64(),
        ));
    }
    Ok(compare(extra, outcomes))
}

/// Compares the outcomes with the first successful one (the `extra` route first).
pub fn compare(
    extra: Option<(&str, &EquivariantBasis, f64)>,
    outcomes: Vec<(String, Result<EquivariantBasis>, f64)>,
) -> Vec<RouteReport> {
    let mut reference: Option<(Vec<DMatrix<f64>>, usize)> = None;
    let mut reports = Vec::new();
    let extra = extra.map(|(name, basis, seconds)| (name.to_string(), Ok(basis), seconds));
    let owned: Vec<(String, Result<EquivariantBasis>, f64)> = outcomes;
    let borrowed = owned.iter().map(|(name, result, seconds)| {
        (
            name.clone(),
            result.as_ref().map_err(Clone::clone),
            *seconds,
        )
    });
    for (method, result, seconds) in extra.into_iter().chain(borrowed) {
        let basis = match result {
            Ok(basis) => basis,
            Err(e) => {
                reports.push(RouteReport {
                    method,
                    dim: None,
                    seconds,
                    max_residual: None,
                    max_principal_angle: None,
                    skipped: Some(e.to_string()),
                    note: None,
                });
                continue;
            }
        };
        let mut report = RouteReport {
            method,
            dim: Some(basis.len()),
            seconds,
            max_residual: Some(basis.max_residual),
            max_principal_angle: None,
            skipped: None,
            note: None,
        };
        let comparable =
            basis.len() as f64 * basis.out_dim as f64 * basis.in_dim as f64 <= MAX_ANGLE_ENTRIES;
        match (&reference, comparable) {
            (_, false) => {
                report.note = Some(format!(
                    "spans not compared: {} elements of {}×{} exceed {MAX_ANGLE_ENTRIES:.0e} entries",
                    basis.len(),
                    basis.out_dim,
                    basis.in_dim
                ));
            }
            (None, true) => match basis.to_dense() {
                Ok(dense) => {
                    report.max_principal_angle = Some(0.0);
                    reference = Some((dense, basis.len()));
                }
                Err(e) => report.note = Some(e.to_string()),
            },
            (Some((dense_ref, dim_ref)), true) => {
                if *dim_ref != basis.len() {
                    report.note = Some(format!(
                        "dimension {} differs from the reference's {dim_ref}",
                        basis.len()
                    ));
                } else {
                    match basis.to_dense() {
                        Ok(dense) => {
                            report.max_principal_angle =
                                Some(max_principal_angle(dense_ref, &dense))
                        }
                        Err(e) => report.note = Some(e.to_string()),
                    }
                }
            }
        }
        reports.push(report);
    }
    reports
}
