//! The public equivariance harness: check your own maps and representations.
//!
//! ```
//! use equivariant::group::PermutationGroup;
//! use equivariant::rep;
//! use equivariant::testing::assert_equivariant;
//! use nalgebra::DVector;
//! use std::sync::Arc;
//!
//! // x ↦ x + mean(x)·1 is S_5-equivariant on the permutation representation.
//! let group = Arc::new(PermutationGroup::symmetric(5).unwrap());
//! let v = rep::defining(&group);
//! let f = |x: &DVector<f64>| x.add_scalar(x.mean());
//! let report = assert_equivariant(f, group.as_ref(), &v, &v).unwrap();
//! assert!(report.worst_residual < 1e-12);
//! ```

use crate::group::{CompactLieGroup, Group};
use crate::rep::Representation;
use crate::{Error, Result};
use nalgebra::{DMatrix, DVector};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, StandardNormal};

/// How many random elements and inputs to try, and the largest residual accepted.
#[derive(Clone, Debug)]
pub struct EquivarianceOptions {
    /// Number of random group elements (each with a random input).
    pub samples: usize,
    /// Largest accepted relative residual.
    pub tolerance: f64,
    /// Seed of the random number generator (runs are reproducible).
    pub seed: u64,
}

impl Default for EquivarianceOptions {
    fn default() -> Self {
        EquivarianceOptions {
            samples: 32,
            tolerance: 1e-9,
            seed: 0x5eed,
        }
    }
}

/// What an equivariance check measured.
#[derive(Clone, Debug)]
pub struct EquivarianceReport {
    /// `max ‖f(ρ_in(g) x) − ρ_out(g) f(x)‖ / max(1, ‖f(x)‖)` over the samples.
    pub worst_residual: f64,
    /// The element where it was reached.
    pub worst_element: String,
    /// Number of samples tried.
    pub samples: usize,
}

/// `count` random elements of the group (uniform, or Haar for compact groups), seeded.
pub fn random_elements<G: Group>(group: &G, count: usize, seed: u64) -> Result<Vec<G::Element>> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count).map(|_| group.random_element(&mut rng)).collect()
}

/// A standard Gaussian random vector.
pub fn random_vector(dim: usize, rng: &mut StdRng) -> DVector<f64> {
    DVector::from_fn(dim, |_, _| StandardNormal.sample(rng))
}

/// `n` samples of a continuous `statrs` distribution by its inverse CDF at uniforms drawn
/// from `rng` in the open interval `(0, 1)` (inverse transform sampling; statrs samples with
/// an older `rand`, so this is how the crate's RNG drives it).
pub fn sample_inverse_cdf<D: statrs::distribution::ContinuousCDF<f64, f64>>(
    dist: &D,
    n: usize,
    rng: &mut StdRng,
) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let u = loop {
                let u = rand::RngExt::random::<f64>(rng);
                if u > 0.0 {
                    break u;
                }
            };
            dist.inverse_cdf(u)
        })
        .collect()
}

/// Checks `f(ρ_in(g) x) = ρ_out(g) f(x)` on random `g` and Gaussian `x` with the default
/// options; `Err(Error::Numerical)` names the worst element when the residual is too large.
pub fn assert_equivariant<G, F>(
    f: F,
    group: &G,
    rep_in: &std::sync::Arc<dyn Representation<G>>,
    rep_out: &std::sync::Arc<dyn Representation<G>>,
) -> Result<EquivarianceReport>
where
    G: Group,
    F: Fn(&DVector<f64>) -> DVector<f64>,
{
    assert_equivariant_with(
        f,
        group,
        rep_in.as_ref(),
        rep_out.as_ref(),
        &EquivarianceOptions::default(),
    )
}

/// [`assert_equivariant`] with explicit options.
pub fn assert_equivariant_with<G, F>(
    f: F,
    group: &G,
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
    options: &EquivarianceOptions,
) -> Result<EquivarianceReport>
where
    G: Group,
    F: Fn(&DVector<f64>) -> DVector<f64>,
{
    if options.samples == 0 {
        return Err(Error::InvalidInput(
            "an equivariance check needs at least one sample".into(),
        ));
    }
    for (which, rep) in [("input", rep_in), ("output", rep_out)] {
        if rep.group().name() != group.name() {
            return Err(Error::InvalidInput(format!(
                "the {which} representation is of {}, not of {}",
                rep.group().name(),
                group.name()
            )));
        }
    }
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut report = EquivarianceReport {
        worst_residual: 0.0,
        worst_element: String::new(),
        samples: options.samples,
    };
    for _ in 0..options.samples {
        let g = group.random_element(&mut rng)?;
        let x = random_vector(rep_in.dim(), &mut rng);
        let fx = f(&x);
        if fx.len() != rep_out.dim() {
            return Err(Error::InvalidInput(format!(
                "the map returns vectors of length {}, the output representation has dimension {}",
                fx.len(),
                rep_out.dim()
            )));
        }
        let (m_in, m_out) = (rep_in.matrix(&g), rep_out.matrix(&g));
        if m_in.shape() != (rep_in.dim(), rep_in.dim())
            || m_out.shape() != (rep_out.dim(), rep_out.dim())
        {
            return Err(Error::InvalidInput(
                "a representation returned a matrix of the wrong shape".into(),
            ));
        }
        let lhs = f(&(m_in * &x));
        if lhs.len() != rep_out.dim() {
            return Err(Error::InvalidInput(format!(
                "the map returns vectors of length {}, the output representation has dimension {}",
                lhs.len(),
                rep_out.dim()
            )));
        }
        let rhs = m_out * &fx;
        let residual = (lhs - rhs).norm() / fx.norm().max(1.0);
        // NaN counts as the worst residual.
        if residual.is_nan() || residual > report.worst_residual {
            report.worst_residual = residual;
            report.worst_element = group.describe(&g);
        }
    }
    if report.worst_residual.is_nan() || report.worst_residual > options.tolerance {
        return Err(Error::Numerical(format!(
            "not equivariant: residual {:.3e} at g = {} (tolerance {:.1e})",
            report.worst_residual, report.worst_element, options.tolerance
        )));
    }
    Ok(report)
}

/// `max ‖ρ(gh) − ρ(g)ρ(h)‖_F` over `samples` random pairs, together with `‖ρ(e) − I‖_F`:
/// zero (to rounding) exactly when `ρ` is a homomorphism on the sampled elements.
pub fn homomorphism_residual<G: Group>(
    rep: &dyn Representation<G>,
    samples: usize,
    seed: u64,
) -> Result<f64> {
    let group = rep.group();
    let identity = DMatrix::<f64>::identity(rep.dim(), rep.dim());
    let mut worst = (rep.matrix(&group.identity()) - identity).norm();
    let elements = random_elements(group.as_ref(), 2 * samples, seed)?;
    for pair in elements.chunks(2) {
        let (g, h) = (&pair[0], &pair[1]);
        let product = rep.matrix(&group.multiply(g, h));
        let residual = (product - rep.matrix(g) * rep.matrix(h)).norm();
        worst = worst.max(if residual.is_nan() {
            f64::INFINITY
        } else {
            residual
        });
    }
    Ok(worst)
}

/// `max_i ‖dρ(X_i) − (ρ(exp(tX_i)) − ρ(exp(−tX_i)))/(2t)‖_F` with `t = 10⁻⁵`: checks that
/// the Lie-algebra matrices are the differential of the representation (central difference,
/// error `O(t²)` plus rounding `O(ε/t)`, about `10⁻¹⁰`).
pub fn lie_algebra_residual<G: CompactLieGroup>(rep: &dyn Representation<G>) -> Result<f64> {
    let group = rep.group();
    let n = group.lie_algebra_basis().len();
    let matrices = rep.lie_algebra_matrices();
    if matrices.len() != n {
        return Err(Error::InvalidInput(format!(
            "{} gives {} Lie-algebra matrices, the group has {n}",
            rep.description(),
            matrices.len()
        )));
    }
    let t = 1e-5;
    let mut worst: f64 = 0.0;
    for (i, x) in matrices.iter().enumerate() {
        let mut coordinates = vec![0.0; n];
        coordinates[i] = t;
        let forward = rep.matrix(&group.exp(&coordinates)?);
        coordinates[i] = -t;
        let backward = rep.matrix(&group.exp(&coordinates)?);
        let derivative = (forward - backward) / (2.0 * t);
        worst = worst.max((derivative - x).norm());
    }
    Ok(worst)
}
