//! `f64` Clebsch–Gordan coefficients by the three-term recursion in `l3`.
//!
//! For fixed `l1, m1, l2, m2` (and `M = m1 + m2`) the 3j symbols `f(J) = (J l1 l2; −M m1 m2)`
//! satisfy, for `J_min = max(|l1 − l2|, |M|) ≤ J ≤ J_max = l1 + l2`,
//!
//! ```text
//! J A(J+1) f(J+1) + B(J) f(J) + (J+1) A(J) f(J−1) = 0,
//! A(J) = √[(J² − (l1−l2)²) ((l1+l2+1)² − J²) (J² − M²)],
//! B(J) = (2J+1) [M (l1(l1+1) − l2(l2+1)) + J(J+1)(m2 − m1)],
//! ```
//!
//! (Schulten & Gordon, J. Math. Phys. 16 (1975) 1961, eq. (3)). The coefficient is
//! `⟨l1 m1 l2 m2 | J M⟩ = (−1)^{l1−l2+M} √(2J+1) f(J)`, so the column `c(J) ∝ √(2J+1) f(J)`
//! is fixed by the orthogonality `Σ_J c(J)² = 1` and the Condon–Shortley sign
//! `c(J_max) > 0` (the stretched coefficient is positive).
//!
//! The recursion is run as Luscombe & Luban (Phys. Rev. E 57 (1998) 7274) advise: forwards from
//! `J_min`, where the wanted solution grows through the classically forbidden region, until
//! `|f|` first decreases (the turning point); backwards from `J_max` down to that point; the two
//! pieces are matched by least squares on the overlap. Both directions only ever follow the
//! dominant solution, so the relative error stays at a few ulps for any `l`, unlike the
//! alternating closed-form sum in floating point. Values are rescaled by exact powers of two to
//! avoid overflow.

use super::{check_arguments, sign_power, triangle};
use crate::Result;

/// The largest `l` accepted by the `f64` evaluation (the work and the scratch memory, two
/// `f64` per `l3` on the line, are `O(l)` per coefficient: 32 MiB at this bound).
pub const MAX_F64_L: usize = 1 << 20;

/// Magnitude above which a partial solution is rescaled by `RESCALE` (both exact powers of two).
const LARGE: f64 = 1.0e120;
const RESCALE: f64 = 7.458340731200207e-155; // 2^-512

/// `⟨l1 m1 l2 m2 | l3 m3⟩` in `f64` (module docs).
///
/// Zero when `m3 ≠ m1 + m2` or the triangle condition fails; [`crate::Error::InvalidInput`]
/// when some `|m_i| > l_i`; [`crate::Error::TooLarge`] above [`MAX_F64_L`].
///
/// ```
/// use equivariant::so3::clebsch_gordan::clebsch_gordan;
/// let c = clebsch_gordan(1, 0, 1, 0, 2, 0).unwrap();
/// assert!((c - (2.0f64 / 3.0).sqrt()).abs() < 1e-15);
/// ```
pub fn clebsch_gordan(l1: usize, m1: i64, l2: usize, m2: i64, l3: usize, m3: i64) -> Result<f64> {
    check_arguments(
        [l1, l2, l3],
        [m1, m2, m3],
        MAX_F64_L,
        "a Clebsch-Gordan coefficient",
    )?;
    if m1 + m2 != m3 || !triangle(l1, l2, l3) {
        return Ok(0.0);
    }
    Ok(CgLine::default().coefficient(l1 as i64, m1, l2 as i64, m2, l3 as i64))
}

/// The 3j symbol `(l1 l2 l3; m1 m2 m3) = (−1)^{l1−l2−m3} ⟨l1 m1 l2 m2 | l3 −m3⟩ / √(2l3+1)` in `f64`.
pub fn wigner_3j(l1: usize, m1: i64, l2: usize, m2: i64, l3: usize, m3: i64) -> Result<f64> {
    let cg = clebsch_gordan(l1, m1, l2, m2, l3, -m3)?;
    let sign = sign_power(l1 as i64 - l2 as i64 - m3) as f64;
    Ok(sign * cg / ((2 * l3 + 1) as f64).sqrt())
}

/// Reusable buffers for one recursion line `J = J_min..=J_max` (fixed `l1, m1, l2, m2`).
#[derive(Default, Debug)]
pub(crate) struct CgLine {
    /// The forward solution, then the finished coefficients `⟨l1 m1 l2 m2 | J M⟩`.
    values: Vec<f64>,
    /// The backward solution.
    backward: Vec<f64>,
    /// `J_min` of the last line computed.
    j_min: i64,
}

/// The coefficients `A(J)` and `B(J)` of the recursion (module docs).
struct Coefficients {
    diff2: f64,
    sum2: f64,
    m2: f64,
    b_const: f64,
    dm: f64,
}

impl Coefficients {
    fn new(l1: i64, m1: i64, l2: i64, m2: i64) -> Self {
        let big_m = (m1 + m2) as f64;
        let (l1f, l2f) = (l1 as f64, l2 as f64);
        Self {
            diff2: ((l1 - l2) * (l1 - l2)) as f64,
            sum2: ((l1 + l2 + 1) * (l1 + l2 + 1)) as f64,
            m2: big_m * big_m,
            b_const: big_m * (l1f * (l1f + 1.0) - l2f * (l2f + 1.0)),
            dm: (m2 - m1) as f64,
        }
    }

    fn a(&self, j: f64) -> f64 {
        let j2 = j * j;
        ((j2 - self.diff2) * (self.sum2 - j2) * (j2 - self.m2)).sqrt()
    }

    fn b(&self, j: f64) -> f64 {
        (2.0 * j + 1.0) * (self.b_const + j * (j + 1.0) * self.dm)
    }
}

impl CgLine {
    /// The single coefficient `⟨l1 m1 l2 m2 | l3 m1+m2⟩` (requires `|m_i| ≤ l_i`,
    /// `|m1 + m2| ≤ l3` and the triangle condition).
    pub(crate) fn coefficient(&mut self, l1: i64, m1: i64, l2: i64, m2: i64, l3: i64) -> f64 {
        self.compute(l1, m1, l2, m2);
        self.values[(l3 - self.j_min) as usize]
    }

    /// Computes `⟨l1 m1 l2 m2 | J m1+m2⟩` for `J = J_min..=l1+l2` (requires `|m_i| ≤ l_i`);
    /// the value for `J` is at index `J − J_min`.
    pub(crate) fn compute(&mut self, l1: i64, m1: i64, l2: i64, m2: i64) -> &[f64] {
        let j_min = (l1 - l2).abs().max((m1 + m2).abs());
        let j_max = l1 + l2;
        self.j_min = j_min;
        let n = (j_max - j_min + 1) as usize;
        self.values.clear();
        self.values.resize(n, 0.0);
        if n == 1 {
            self.values[0] = 1.0;
            return &self.values;
        }
        let c = Coefficients::new(l1, m1, l2, m2);
        let start = if j_min == 0 {
            // f(1)/f(0) = m1/√(l1(l1+1)) for (J l l; 0 m −m) (Edmonds Table 2).
            (m1 as f64) / ((l1 * (l1 + 1)) as f64).sqrt()
        } else {
            -c.b(j_min as f64) / (j_min as f64 * c.a(j_min as f64 + 1.0))
        };
        let mid = self.forward(&c, j_min, start);
        let lo = mid.saturating_sub(2);
        self.backward(&c, j_min, j_max, lo);
        self.match_and_normalise(j_min, mid, lo);
        &self.values
    }

    /// Forward recursion from `f(J_min) = 1` until `|f|` first decreases; returns that index.
    fn forward(&mut self, c: &Coefficients, j_min: i64, start: f64) -> usize {
        let n = self.values.len();
        let f = &mut self.values;
        f[0] = 1.0;
        f[1] = start;
        let mut largest = f[0].abs().max(start.abs());
        if start != 0.0 && start.abs() < 1.0 {
            return 1;
        }
        for i in 1..n - 1 {
            let j = (j_min + i as i64) as f64;
            let next = -(c.b(j) * f[i] + (j + 1.0) * c.a(j) * f[i - 1]) / (j * c.a(j + 1.0));
            f[i + 1] = next;
            if next != 0.0 && next.abs() < largest {
                return i + 1;
            }
            largest = largest.max(next.abs());
            if largest > LARGE {
                f[..=i + 1].iter_mut().for_each(|x| *x *= RESCALE);
                largest *= RESCALE;
            }
        }
        n - 1
    }

    /// Backward recursion from `g(J_max) = 1` down to index `lo`.
    fn backward(&mut self, c: &Coefficients, j_min: i64, j_max: i64, lo: usize) {
        let n = self.values.len();
        let g = &mut self.backward;
        g.clear();
        g.resize(n, 0.0);
        g[n - 1] = 1.0;
        let mut largest = 1.0f64;
        for i in (lo + 1..n).rev() {
            let j = (j_min + i as i64) as f64;
            let upper = if j as i64 == j_max {
                0.0
            } else {
                j * c.a(j + 1.0) * g[i + 1]
            };
            let prev = -(c.b(j) * g[i] + upper) / ((j + 1.0) * c.a(j));
            g[i - 1] = prev;
            largest = largest.max(prev.abs());
            if largest > LARGE {
                g[i - 1..].iter_mut().for_each(|x| *x *= RESCALE);
                largest *= RESCALE;
            }
        }
    }

    /// Joins the forward values (`J < J_min + mid`) with the backward ones scaled by the
    /// least-squares factor on the overlap `lo..=mid`, then applies `√(2J+1)`, the
    /// normalisation `Σ c² = 1` and the sign `c(J_max) > 0`.
    fn match_and_normalise(&mut self, j_min: i64, mid: usize, lo: usize) {
        let (fg, gg) = (lo..=mid).fold((0.0, 0.0), |(fg, gg), i| {
            (
                fg + self.values[i] * self.backward[i],
                gg + self.backward[i].powi(2),
            )
        });
        let lambda = fg / gg;
        let n = self.values.len();
        for i in mid..n {
            self.values[i] = lambda * self.backward[i];
        }
        let largest = self.values.iter().fold(0.0f64, |a, x| a.max(x.abs()));
        let mut norm2 = 0.0;
        for (i, v) in self.values.iter_mut().enumerate() {
            *v = (*v / largest) * ((2 * (j_min + i as i64) + 1) as f64).sqrt();
            norm2 += *v * *v;
        }
        let scale = norm2.sqrt().recip().copysign(self.values[n - 1]);
        self.values.iter_mut().for_each(|v| *v *= scale);
    }
}
