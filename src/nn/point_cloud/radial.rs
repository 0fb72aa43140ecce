//! Radial bases `B_b(r)`, `b = 1, …, n`, that vanish smoothly at the cutoff `r_c`.
//!
//! * Bessel (Gasteiger, Groß & Günnemann, "Directional message passing for molecular
//!   graphs" (DimeNet), ICLR 2020, arXiv:2003.03123):
//!   `B_b(r) = √(2/r_c) · sin(bπ r/r_c) / r · u(r/r_c)`, the radial parts of the Laplacian's
//!   eigenfunctions in a ball with Dirichlet boundary, finite at `r = 0` (`√(2/r_c) bπ/r_c`);
//! * Gaussian: `B_b(r) = exp(−(r − μ_b)² / (2σ²)) · u(r/r_c)` with centres
//!   `μ_b = (b − 1) r_c/n` and width `σ = r_c/n`.
//!
//! Both are multiplied by DimeNet's polynomial envelope with `p = 6`,
//!
//! ```text
//! u(d) = 1 − (p+1)(p+2)/2 · d^p + p(p+2) · d^{p+1} − p(p+1)/2 · d^{p+2}   (0 ≤ d < 1),
//! u(d) = 0                                                                  (d ≥ 1),
//! ```
//!
//! whose derivative is `u'(d) = −p(p+1)(p+2)/2 · d^{p−1} (1 − d)²`: `u`, `u'` and `u''`
//! vanish at `d = 1`, so every basis function is `C²` across the cutoff and the messages of
//! neighbours entering or leaving the ball switch on and off smoothly. The bases depend on
//! `r = |r_ij|` only, so they are invariant under `O(3)`.

use crate::{Error, Result};
use std::f64::consts::PI;

/// The exponent `p` of the polynomial envelope.
pub const ENVELOPE_EXPONENT: i32 = 6;

/// The largest number of basis functions accepted.
pub const MAX_NUM_BASIS: usize = 4096;

/// Which family of radial functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RadialKind {
    /// `√(2/r_c) sin(bπ r/r_c)/r`, times the envelope.
    Bessel,
    /// Gaussians centred at `(b − 1) r_c/n` of width `r_c/n`, times the envelope.
    Gaussian,
}

/// `n` radial functions on `[0, r_c]` that vanish, with two derivatives, at `r_c` (module
/// docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RadialBasis {
    kind: RadialKind,
    num_basis: usize,
    cutoff: f64,
}

impl RadialBasis {
    /// `num_basis` functions of the given kind with cutoff `r_c`. [`Error::InvalidInput`]
    /// unless `r_c` is finite and positive and `1 ≤ num_basis ≤` [`MAX_NUM_BASIS`].
    pub fn new(kind: RadialKind, num_basis: usize, cutoff: f64) -> Result<Self> {
        if !(cutoff.is_finite() && cutoff > 0.0) {
            return Err(Error::InvalidInput(format!(
                "the radial cutoff must be finite and positive, got {cutoff}"
            )));
        }
        if num_basis == 0 || num_basis > MAX_NUM_BASIS {
            return Err(Error::InvalidInput(format!(
                "the number of radial basis functions must be in 1..={MAX_NUM_BASIS}, got {num_basis}"
            )));
        }
        Ok(Self {
            kind,
            num_basis,
            cutoff,
        })
    }

    /// The Bessel basis (module docs).
    pub fn bessel(num_basis: usize, cutoff: f64) -> Result<Self> {
        Self::new(RadialKind::Bessel, num_basis, cutoff)
    }

    /// The Gaussian basis (module docs).
    pub fn gaussian(num_basis: usize, cutoff: f64) -> Result<Self> {
        Self::new(RadialKind::Gaussian, num_basis, cutoff)
    }

    /// The family.
    pub fn kind(&self) -> RadialKind {
        self.kind
    }

    /// The number `n` of functions.
    pub fn num_basis(&self) -> usize {
        self.num_basis
    }

    /// The cutoff radius `r_c`.
    pub fn cutoff(&self) -> f64 {
        self.cutoff
    }

    /// `[B_1(r), …, B_n(r)]`; [`Error::InvalidInput`] unless `r` is finite and `r ≥ 0`.
    ///
    /// ```
    /// use equivariant::nn::point_cloud::RadialBasis;
    /// let basis = RadialBasis::bessel(4, 2.0).unwrap();
    /// assert_eq!(basis.evaluate(2.0).unwrap(), vec![0.0; 4]);
    /// assert!(basis.evaluate(0.0).unwrap()[0] > 0.0);
    /// ```
    pub fn evaluate(&self, r: f64) -> Result<Vec<f64>> {
        if !(r.is_finite() && r >= 0.0) {
            return Err(Error::InvalidInput(format!(
                "a radial distance must be finite and non-negative, got {r}"
            )));
        }
        let mut out = vec![0.0; self.num_basis];
        self.evaluate_into(r, &mut out);
        Ok(out)
    }

    /// Writes `B_b(r)` into `out[b − 1]` for a checked `r ≥ 0` (`out.len() = n`).
    pub(super) fn evaluate_into(&self, r: f64, out: &mut [f64]) {
        let envelope = polynomial_envelope(r / self.cutoff);
        if envelope == 0.0 {
            out.fill(0.0);
            return;
        }
        match self.kind {
            RadialKind::Bessel => self.bessel_into(r, envelope, out),
            RadialKind::Gaussian => self.gaussian_into(r, envelope, out),
        }
    }

    /// `sin(bθ)`, `θ = π r/r_c`, by the Chebyshev recurrence
    /// `sin((b+1)θ) = 2 cos θ sin(bθ) − sin((b−1)θ)` (one `sin_cos` per distance); near
    /// `r = 0` each `sin(kr)/r` is `k sinc(kr)` instead.
    fn bessel_into(&self, r: f64, envelope: f64, out: &mut [f64]) {
        let scale = (2.0 / self.cutoff).sqrt() * envelope;
        let theta = PI * r / self.cutoff;
        if theta * (self.num_basis as f64) < 1e-3 {
            for (b, value) in out.iter_mut().enumerate() {
                let k = (b + 1) as f64 * PI / self.cutoff;
                *value = scale * k * sinc(k * r);
            }
            return;
        }
        let (sin, cos) = theta.sin_cos();
        let (mut previous, mut current) = (0.0, sin);
        for value in out.iter_mut() {
            *value = scale * current / r;
            (previous, current) = (current, 2.0 * cos * current - previous);
        }
    }

    fn gaussian_into(&self, r: f64, envelope: f64, out: &mut [f64]) {
        let width = self.cutoff / self.num_basis as f64;
        for (b, value) in out.iter_mut().enumerate() {
            let z = (r - b as f64 * width) / width;
            *value = envelope * (-0.5 * z * z).exp();
        }
    }
}

/// DimeNet's envelope `u(d)` with `p =` [`ENVELOPE_EXPONENT`] (module docs): `1` at `d = 0`,
/// `0` with two vanishing derivatives at `d = 1`, `0` beyond.
pub fn polynomial_envelope(d: f64) -> f64 {
    if d >= 1.0 {
        return 0.0;
    }
    let p = f64::from(ENVELOPE_EXPONENT);
    let dp = d.powi(ENVELOPE_EXPONENT);
    1.0 - (p + 1.0) * (p + 2.0) / 2.0 * dp + p * (p + 2.0) * dp * d
        - p * (p + 1.0) / 2.0 * dp * d * d
}

/// `sin(x)/x`, `1` at `0` (Taylor series below `|x| = 10⁻⁴`, where it is exact to rounding).
fn sinc(x: f64) -> f64 {
    if x.abs() < 1e-4 {
        1.0 - x * x / 6.0
    } else {
        x.sin() / x
    }
}
