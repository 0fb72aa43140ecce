//! [`WignerPlan`]: the square-root tables of the recursions, computed once for all degrees
//! `l ≤ lmax`, and every evaluation routed through them.

use super::assemble;
use super::euler::e3nn_angles;
use super::legendre::LegendreColumns;
use super::symmetry::{fill_band, fill_lower};
use super::wedge::{BetaTrig, fill_wedge, ladder};
use crate::error::human_bytes;
use crate::{Error, Result};
use nalgebra::DMatrix;
use num_complex::Complex64;
use std::ops::RangeInclusive;

/// Largest output accepted, in bytes (2 GiB).
const MAX_BYTES: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;

/// `√k` and `1/√k` for `k = 0..=kmax`.
pub(super) struct SqrtTable {
    sqrt: Vec<f64>,
    inv: Vec<f64>,
}

impl SqrtTable {
    fn new(kmax: usize) -> Self {
        let sqrt: Vec<f64> = (0..=kmax).map(|k| (k as f64).sqrt()).collect();
        let inv = sqrt.iter().map(|s| 1.0 / s).collect();
        SqrtTable { sqrt, inv }
    }

    /// `√k`.
    pub(super) fn get(&self, k: usize) -> f64 {
        self.sqrt[k]
    }

    /// `1/√k` (`k ≥ 1`).
    pub(super) fn inv(&self, k: usize) -> f64 {
        self.inv[k]
    }
}

/// Refuses outputs above 2 GiB before anything is allocated.
fn check_bytes(what: impl FnOnce() -> String, bytes: f64) -> Result<()> {
    if bytes > MAX_BYTES {
        return Err(Error::TooLarge {
            what: what(),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_BYTES),
        });
    }
    Ok(())
}

/// Bytes of the matrices `l ∈ degrees`, `(2l+1)²` entries of `entry` bytes each.
fn matrix_bytes(degrees: RangeInclusive<usize>, entry: usize) -> f64 {
    degrees
        .map(|l| (2.0 * l as f64 + 1.0).powi(2) * entry as f64)
        .sum()
}

/// Refuses non-finite angles, naming the first bad one.
fn check_angles(angles: &[(&str, f64)]) -> Result<()> {
    match angles.iter().find(|(_, value)| !value.is_finite()) {
        Some((name, value)) => Err(Error::InvalidInput(format!(
            "Wigner D: the angle {name} = {value} is not finite"
        ))),
        None => Ok(()),
    }
}

/// A planned Wigner-matrix evaluator for all degrees `l ≤ lmax` (RustFFT style: build once,
/// evaluate often; it is `Sync`, so threads may share one).
///
/// ```
/// use equivariant::so3::wigner_d::WignerPlan;
/// let plan = WignerPlan::new(8).unwrap();
/// let d = plan.real(8, 0.1, 0.2, 0.3).unwrap();
/// let identity = &d * d.transpose();
/// assert!((identity[(0, 0)] - 1.0).abs() < 1e-14);
/// ```
pub struct WignerPlan {
    lmax: usize,
    sqrt: SqrtTable,
}

impl WignerPlan {
    /// Precomputes the tables for `l ≤ lmax`. `Error::TooLarge` when one real `(2 lmax+1)²`
    /// matrix would exceed 2 GiB.
    pub fn new(lmax: usize) -> Result<Self> {
        check_bytes(
            || format!("a Wigner matrix of degree l = {lmax}"),
            matrix_bytes(lmax..=lmax, size_of::<f64>()),
        )?;
        Ok(WignerPlan {
            lmax,
            sqrt: SqrtTable::new(2 * lmax + 3),
        })
    }

    /// The largest degree this plan evaluates.
    pub fn lmax(&self) -> usize {
        self.lmax
    }

    /// `d^l(β)` (see [`super::wigner_small_d`]).
    pub fn small_d(&self, l: usize, beta: f64) -> Result<DMatrix<f64>> {
        self.check(l, &[("beta", beta)], size_of::<f64>())?;
        let mut d = self.wedge(l, beta);
        complete(l, &mut d);
        Ok(DMatrix::from_vec(2 * l + 1, 2 * l + 1, d))
    }

    /// `d^l(β)` for `l = 0..=lmax`, sharing the Legendre recursion.
    pub fn small_d_all(&self, beta: f64) -> Result<Vec<DMatrix<f64>>> {
        self.check_all(&[("beta", beta)], size_of::<f64>())?;
        let mut out = Vec::with_capacity(self.lmax + 1);
        self.wedges(beta, |l, mut d| {
            complete(l, &mut d);
            out.push(DMatrix::from_vec(2 * l + 1, 2 * l + 1, d));
        });
        Ok(out)
    }

    /// The complex `D^l(α, β, γ)` (see [`super::wigner_d_complex`]).
    pub fn complex(
        &self,
        l: usize,
        alpha: f64,
        beta: f64,
        gamma: f64,
    ) -> Result<DMatrix<Complex64>> {
        self.check(l, &euler(alpha, beta, gamma), size_of::<Complex64>())?;
        let mut d = self.wedge(l, beta);
        complete(l, &mut d);
        Ok(assemble::complex(l, &d, alpha, gamma))
    }

    /// The complex `D^l(α, β, γ)` for `l = 0..=lmax`.
    pub fn complex_all(
        &self,
        alpha: f64,
        beta: f64,
        gamma: f64,
    ) -> Result<Vec<DMatrix<Complex64>>> {
        self.check_all(&euler(alpha, beta, gamma), size_of::<Complex64>())?;
        let mut out = Vec::with_capacity(self.lmax + 1);
        self.wedges(beta, |l, mut d| {
            complete(l, &mut d);
            out.push(assemble::complex(l, &d, alpha, gamma));
        });
        Ok(out)
    }

    /// The real `D_real^l(α, β, γ)` (see [`super::wigner_d_real`]).
    pub fn real(&self, l: usize, alpha: f64, beta: f64, gamma: f64) -> Result<DMatrix<f64>> {
        self.check(l, &euler(alpha, beta, gamma), size_of::<f64>())?;
        let mut d = self.wedge(l, beta);
        fill_band(l, &mut d);
        Ok(assemble::real(l, &d, alpha, gamma))
    }

    /// The real `D_real^l(α, β, γ)` for `l = 0..=lmax`.
    pub fn real_all(&self, alpha: f64, beta: f64, gamma: f64) -> Result<Vec<DMatrix<f64>>> {
        self.check_all(&euler(alpha, beta, gamma), size_of::<f64>())?;
        let mut out = Vec::with_capacity(self.lmax + 1);
        self.wedges(beta, |l, mut d| {
            fill_band(l, &mut d);
            out.push(assemble::real(l, &d, alpha, gamma));
        });
        Ok(out)
    }

    /// The e3nn `D_e3nn^l(R) = D_real^l(P R Pᵀ)` (see [`super::wigner_d_e3nn`]).
    pub fn e3nn(&self, l: usize, alpha: f64, beta: f64, gamma: f64) -> Result<DMatrix<f64>> {
        check_angles(&euler(alpha, beta, gamma))?;
        let (a, b, g) = e3nn_angles(alpha, beta, gamma);
        self.real(l, a, b, g)
    }

    fn check(&self, l: usize, angles: &[(&str, f64)], entry: usize) -> Result<()> {
        check_angles(angles)?;
        if l > self.lmax {
            return Err(Error::InvalidInput(format!(
                "Wigner D: degree l = {l} above the plan's lmax = {}",
                self.lmax
            )));
        }
        check_bytes(
            || format!("a Wigner matrix of degree l = {l}"),
            matrix_bytes(l..=l, entry),
        )
    }

    fn check_all(&self, angles: &[(&str, f64)], entry: usize) -> Result<()> {
        check_angles(angles)?;
        check_bytes(
            || format!("the Wigner matrices of degrees l ≤ {}", self.lmax),
            matrix_bytes(0..=self.lmax, entry),
        )
    }

    /// The column-major `(2l+1)²` buffer holding the wedge `m ≥ |m'|` of `d^l(β)` (zeros
    /// elsewhere).
    fn wedge(&self, l: usize, beta: f64) -> Vec<f64> {
        let trig = BetaTrig::new(beta);
        let mut legendre = LegendreColumns::new(l, &trig);
        for _ in 0..l {
            legendre.advance(&self.sqrt);
        }
        self.wedge_from(l, legendre.column(), &trig)
    }

    /// Hands `f` the wedge buffer of [`Self::wedge`] for each `l = 0..=lmax` in turn, sharing
    /// one Legendre recursion.
    fn wedges(&self, beta: f64, mut f: impl FnMut(usize, Vec<f64>)) {
        let trig = BetaTrig::new(beta);
        let mut legendre = LegendreColumns::new(self.lmax, &trig);
        for l in 0..=self.lmax {
            if l > 0 {
                legendre.advance(&self.sqrt);
            }
            f(l, self.wedge_from(l, legendre.column(), &trig));
        }
    }

    /// The wedge buffer of degree `l` from its Legendre column `d^l_{m0}(β)`, `m = 0..=l`.
    fn wedge_from(&self, l: usize, column: &[f64], trig: &BetaTrig) -> Vec<f64> {
        let size = 2 * l + 1;
        let mut d = vec![0.0; size * size];
        fill_wedge(l, column, trig, &ladder(l, &self.sqrt), &mut d);
        d
    }
}

/// Completes the wedge to the whole of `d^l`.
fn complete(l: usize, d: &mut [f64]) {
    fill_band(l, d);
    fill_lower(l, d);
}

/// The named Euler angles, for [`check_angles`].
fn euler(alpha: f64, beta: f64, gamma: f64) -> [(&'static str, f64); 3] {
    [("alpha", alpha), ("beta", beta), ("gamma", gamma)]
}
