//! The column `d^n_{m0}(β)`, `m = 0..=n`, for successive degrees `n`: the normalised
//! associated Legendre functions with the Condon–Shortley phase,
//!
//! ```text
//! d^n_{m0}(β) = √((n−m)!/(n+m)!) P_n^m(cos β) =: Q_n^m,
//! ```
//!
//! by the forward column recursion in the degree (stable for `|x| ≤ 1`), `x = cos β`:
//!
//! ```text
//! Q_m^m     = −sin β √((2m−1)/(2m)) Q_{m−1}^{m−1},   Q_0^0 = 1,
//! √((n−m+1)(n+m+1)) Q_{n+1}^m = (2n+1) x Q_n^m − √((n−m)(n+m)) Q_{n−1}^m      (m ≥ 1).
//! ```
//!
//! `sin β` keeps its sign, so the values are the trigonometric polynomials in `β` for every
//! real `β`. `x` is never rounded as such: with `x = a (1 + o)`, `a = ±1` the nearer pole and
//! `o = −2 sin²(β/2)` or `−2 cos²(β/2)` ([`BetaTrig`]), `x Q` is evaluated as `a (Q + o Q)`;
//! and for `m = 0` (values of order one near the poles) the Bonnet recursion runs on
//! `R_n = a^n P_n` in difference form, with exact integer coefficients,
//!
//! ```text
//! (n+1) Δ_{n+1} = n Δ_n + (2n+1) o R_n,     R_{n+1} = R_n + Δ_{n+1},     Δ_0 = 0, R_0 = 1.
//! ```
//!
//! The plain form loses the part `o P_n` of `x P_n` below half an ulp at every step, always
//! in the same direction, and the recursion amplifies such a bias (like a rounding of `x`)
//! to `~ n² ε` (`dP_n/dx = n(n+1)/2` at `x = 1`): `4e−12` at `n = 400` for tiny `β`.
//! Reference: Abramowitz & Stegun 8.5.3; Xing et al., J. Geodesy 94 (2020) 2.

use super::plan::SqrtTable;
use super::wedge::BetaTrig;

/// The rolling pair of columns `Q_{n−1}`, `Q_n` of the recursion (module docs).
pub(super) struct LegendreColumns {
    n: usize,
    trig: BetaTrig,
    /// `R_n` and `Δ_n` of the `m = 0` difference recursion.
    zonal: (f64, f64),
    previous: Vec<f64>,
    current: Vec<f64>,
}

impl LegendreColumns {
    /// Starts at degree `n = 0` (`Q_0^0 = 1`), with room up to degree `nmax`.
    pub(super) fn new(nmax: usize, trig: &BetaTrig) -> Self {
        let mut current = vec![0.0; nmax + 2];
        current[0] = 1.0;
        LegendreColumns {
            n: 0,
            trig: *trig,
            zonal: (1.0, 0.0),
            previous: vec![0.0; nmax + 2],
            current,
        }
    }

    /// `Q_n^m = d^n_{m0}(β)` for `m = 0..=n`.
    pub(super) fn column(&self) -> &[f64] {
        &self.current[..=self.n]
    }

    /// Steps from degree `n` to `n + 1` (module docs). Needs `n + 1 ≤ nmax`.
    pub(super) fn advance(&mut self, sqrt: &SqrtTable) {
        let n = self.n;
        let two_n_plus_one = (2 * n + 1) as f64;
        let (anchor, offset) = (self.trig.anchor, self.trig.offset);
        // `previous[n]` is zero here (it never held a degree-≥ n value), so the general
        // step also gives `Q_{n+1}^n = √(2n+1) x Q_n^n`.
        for m in 1..=n {
            let scale = sqrt.inv(n - m + 1) * sqrt.inv(n + m + 1);
            let a = anchor * two_n_plus_one * scale;
            let b = sqrt.get(n - m) * sqrt.get(n + m) * scale;
            let q = self.current[m];
            self.previous[m] = a * (q + offset * q) - b * self.previous[m];
        }
        self.previous[n + 1] =
            -self.trig.sin * sqrt.get(2 * n + 1) * sqrt.inv(2 * n + 2) * self.current[n];
        let (r, delta) = self.zonal;
        let delta = (n as f64 * delta + two_n_plus_one * offset * r) / (n + 1) as f64;
        self.zonal = (r + delta, delta);
        let pole_sign = if anchor < 0.0 && n.is_multiple_of(2) {
            -1.0
        } else {
            1.0
        };
        self.previous[0] = pole_sign * self.zonal.0;
        std::mem::swap(&mut self.previous, &mut self.current);
        self.n = n + 1;
    }
}
