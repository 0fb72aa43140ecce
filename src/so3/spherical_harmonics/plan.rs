//! [`SphericalHarmonics`]: a plan (degree, normalisation, convention, precomputed
//! coefficients) evaluated on batches of points.

use super::batch::{self, check_buffer, check_points, checked_len};
use super::coefficients::Coefficients;
use super::float::ShFloat;
use super::kernel::{Block, Kernel, Lanes, lanes};
use super::options::{Convention, Normalization};
use super::small::{SMALL_LMAX, Small, SmallCoefficients};
use crate::{Error, Result};
use num_complex::Complex;
use std::f64::consts::PI;

/// Real spherical harmonics `Y_lm`, `0 ≤ l ≤ L`, `−l ≤ m ≤ l`, planned once for a degree,
/// a [`Normalization`] and a [`Convention`], then evaluated on many points.
///
/// Outputs are flat and point-major, `[N][(L+1)²]`, entry `l² + l + m` of a point being
/// `Y_lm`; gradients are `[N][(L+1)²][3]`.
///
/// ```
/// use equivariant::so3::spherical_harmonics::{Convention, Normalization, SphericalHarmonics};
/// let sh = SphericalHarmonics::<f64>::new(1, Normalization::Integral, Convention::Standard)?;
/// let y = sh.compute(&[[0.0, 0.0, 2.0]])?;
/// let c = (3.0 / (4.0 * std::f64::consts::PI)).sqrt();
/// // l = 1 is √(3/4π) (y, z, x) at the direction (0, 0, 1).
/// assert!((y[2] - c).abs() < 1e-15 && y[1].abs() < 1e-15 && y[3].abs() < 1e-15);
/// # Ok::<(), equivariant::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SphericalHarmonics<T> {
    lmax: usize,
    normalization: Normalization,
    convention: Convention,
    coefficients: Coefficients<T>,
    /// The same coefficients in fixed-size arrays when `L ≤ SMALL_LMAX` (then the
    /// evaluation uses the unrolled kernel of [`super::small`]).
    small: Option<SmallCoefficients<T>>,
}

/// Evaluates `$body` with `$k` bound to the plan's [`Kernel`]: the unrolled kernel of its
/// degree when `L ≤ SMALL_LMAX`, the generic recursion otherwise. Each arm is a separate
/// instantiation of the batch driver, so the degree is a constant inside the kernel.
macro_rules! with_kernel {
    ($plan:expr, $k:ident => $body:expr) => {{
        let plan = $plan;
        const _: () = assert!(SMALL_LMAX == 4, "add or remove arms of with_kernel!");
        match (plan.lmax, &plan.small) {
            (0, Some(s)) => {
                let $k = &Small::<T, 0>(s);
                $body
            }
            (1, Some(s)) => {
                let $k = &Small::<T, 1>(s);
                $body
            }
            (2, Some(s)) => {
                let $k = &Small::<T, 2>(s);
                $body
            }
            (3, Some(s)) => {
                let $k = &Small::<T, 3>(s);
                $body
            }
            (4, Some(s)) => {
                let $k = &Small::<T, 4>(s);
                $body
            }
            _ => {
                let $k = &plan.coefficients;
                $body
            }
        }
    }};
}

impl<T: ShFloat> SphericalHarmonics<T> {
    /// Plans the harmonics of degrees `0..=lmax`.
    ///
    /// Refuses (`Error::TooLarge`) `lmax > T::MAX_LMAX` (150 in `f32`, 1400 in `f64`), beyond
    /// which the recursion's intermediate values overflow (see [`ShFloat`]).
    pub fn new(lmax: usize, normalization: Normalization, convention: Convention) -> Result<Self> {
        if lmax > T::MAX_LMAX {
            return Err(Error::TooLarge {
                what: format!("spherical harmonics up to l = {lmax} in {}", T::NAME),
                needed: format!("l = {lmax}"),
                limit: format!(
                    "l = {} in {} (beyond it intermediate values of the recursion overflow)",
                    T::MAX_LMAX,
                    T::NAME
                ),
            });
        }
        let coefficients = Coefficients::new(lmax, normalization);
        Ok(Self {
            lmax,
            normalization,
            convention,
            small: SmallCoefficients::new(&coefficients),
            coefficients,
        })
    }

    /// The largest degree `L`.
    pub fn lmax(&self) -> usize {
        self.lmax
    }

    /// The normalisation.
    pub fn normalization(&self) -> Normalization {
        self.normalization
    }

    /// The convention.
    pub fn convention(&self) -> Convention {
        self.convention
    }

    /// `(L+1)²`, the number of values per point.
    pub fn values_per_point(&self) -> usize {
        (self.lmax + 1) * (self.lmax + 1)
    }

    /// Allocates the `[N][(L+1)²]` output (refused up front when too large, naming `what`)
    /// and fills it with one of the `_into` evaluators.
    fn allocated(
        &self,
        what: &str,
        xyz: &[[T; 3]],
        fill: impl Fn(&Self, &[[T; 3]], &mut [T]) -> Result<()>,
    ) -> Result<Vec<T>> {
        let len = checked_len(what, xyz.len(), self.values_per_point(), size_of::<T>())?;
        let mut out = vec![T::zero(); len];
        fill(self, xyz, &mut out)?;
        Ok(out)
    }

    /// `Y_lm(x / |x|)` for every point, `[N][(L+1)²]`. Zero or non-finite points are an error
    /// naming the point.
    pub fn compute(&self, xyz: &[[T; 3]]) -> Result<Vec<T>> {
        self.allocated("spherical harmonics", xyz, Self::compute_into)
    }

    /// [`compute`](Self::compute) into a caller's buffer of `N (L+1)²` entries.
    pub fn compute_into(&self, xyz: &[[T; 3]], out: &mut [T]) -> Result<()> {
        let width = self.values_per_point();
        check_buffer("output", out.len(), xyz.len() * width, xyz.len(), width)?;
        check_points(xyz, true)?;
        let conv = self.convention;
        with_kernel!(self, k => batch::run(
            self.lmax,
            (xyz, conv),
            out,
            width,
            #[inline(always)]
            |ps, scratch, o| {
                let (block, _) = Block::directions(ps);
                k.evaluate::<false>(scratch, &block, (o, &mut []), |_, _, _| ());
            },
        ));
        Ok(())
    }

    /// `Y_lm(x / |x|)` and its gradient with respect to `x`, `([N][(L+1)²], [N][(L+1)²][3])`.
    ///
    /// `∇ Y_lm(x/|x|) = (∇R_lm(x̂) − l Y_lm(x̂) x̂) / |x|`, since the solid harmonic `R_lm` is
    /// homogeneous of degree `l` (Euler: `x̂ · ∇R_lm(x̂) = l R_lm(x̂)`).
    pub fn compute_with_gradients(&self, xyz: &[[T; 3]]) -> Result<(Vec<T>, Vec<T>)> {
        let len = checked_len(
            "spherical harmonics with gradients",
            xyz.len(),
            4 * self.values_per_point(),
            size_of::<T>(),
        )?;
        let (mut values, mut gradients) =
            (vec![T::zero(); len / 4], vec![T::zero(); 3 * (len / 4)]);
        self.compute_with_gradients_into(xyz, &mut values, &mut gradients)?;
        Ok((values, gradients))
    }

    /// [`compute_with_gradients`](Self::compute_with_gradients) into caller's buffers.
    pub fn compute_with_gradients_into(
        &self,
        xyz: &[[T; 3]],
        values: &mut [T],
        gradients: &mut [T],
    ) -> Result<()> {
        let (n, width) = (xyz.len(), self.values_per_point());
        check_buffer("values", values.len(), n * width, n, width)?;
        check_buffer("gradients", gradients.len(), 3 * n * width, n, 3 * width)?;
        check_points(xyz, true)?;
        let conv = self.convention;
        with_kernel!(self, k => batch::run_with_gradients(
            self.lmax,
            (xyz, conv),
            (values, gradients),
            width,
            #[inline(always)]
            |ps, scratch, o, g| {
                let (block, inv_r) = Block::directions(ps);
                k.evaluate::<true>(scratch, &block, (o, g), |l, values, grads| {
                    project_to_sphere(l, &block, &inv_r, values, grads, conv);
                });
            },
        ));
        Ok(())
    }

    /// The regular solid harmonics `R_lm(x) = |x|^l Y_lm(x/|x|)`, homogeneous polynomials of
    /// degree `l` evaluated directly on `x` (no normalisation of the input; `R(0) = (Y_00, 0, …)`).
    ///
    /// Refuses (`Error::InvalidInput`) points so large that the recursion could overflow:
    /// `|x|^L max_m q_L^m(1, 1)` must stay below the largest finite value by `10^4`.
    pub fn regular_solid(&self, xyz: &[[T; 3]]) -> Result<Vec<T>> {
        self.allocated("regular solid harmonics", xyz, Self::regular_solid_into)
    }

    /// [`regular_solid`](Self::regular_solid) into a caller's buffer.
    pub fn regular_solid_into(&self, xyz: &[[T; 3]], out: &mut [T]) -> Result<()> {
        let width = self.values_per_point();
        check_buffer("output", out.len(), xyz.len() * width, xyz.len(), width)?;
        check_points(xyz, false)?;
        let degree = self.lmax.max(2) as f64;
        self.check_radii(xyz, "regular", |r| {
            degree * r.ln().max(0.0) + self.coefficients.ln_q_max
        })?;
        let conv = self.convention;
        with_kernel!(self, k => batch::run(
            self.lmax,
            (xyz, conv),
            out,
            width,
            #[inline(always)]
            |ps, scratch, o| {
                let block = Block::raw(ps);
                k.evaluate::<false>(scratch, &block, (o, &mut []), |_, _, _| ());
            },
        ));
        Ok(())
    }

    /// The irregular solid harmonics `I_lm(x) = |x|^{−l−1} Y_lm(x/|x|)`.
    ///
    /// Refuses points that are zero or so small that `|x|^{−L−1} max|Y_Lm|` would overflow.
    pub fn irregular_solid(&self, xyz: &[[T; 3]]) -> Result<Vec<T>> {
        self.allocated("irregular solid harmonics", xyz, Self::irregular_solid_into)
    }

    /// [`irregular_solid`](Self::irregular_solid) into a caller's buffer.
    pub fn irregular_solid_into(&self, xyz: &[[T; 3]], out: &mut [T]) -> Result<()> {
        let width = self.values_per_point();
        check_buffer("output", out.len(), xyz.len() * width, xyz.len(), width)?;
        check_points(xyz, true)?;
        let l = self.lmax;
        let ln_y_max =
            (self.normalization.scale(l) * ((2 * l + 1) as f64 / (4.0 * PI)).sqrt()).ln();
        self.check_radii(xyz, "irregular", |r| -((l + 1) as f64) * r.ln() + ln_y_max)?;
        let conv = self.convention;
        with_kernel!(self, k => batch::run(
            self.lmax,
            (xyz, conv),
            out,
            width,
            #[inline(always)]
            |ps, scratch, o| {
                let (block, inv_r) = Block::directions(ps);
                let mut factor = inv_r;
                k.evaluate::<false>(scratch, &block, (o, &mut []), |_, values, _| {
                    for v in values.iter_mut() {
                        *v = lanes(|i| v[i] * factor[i]);
                    }
                    factor = lanes(|i| factor[i] * inv_r[i]);
                });
            },
        ));
        Ok(())
    }

    /// The complex harmonics `Y_l^m(x / |x|)` (Condon–Shortley phase), `[N][(L+1)²]` at
    /// `l² + l + m`, from the real ones through `U†`:
    /// `Y_l^{±m} = (±1)^m (Y_{l,m} ± i Y_{l,−m}) / √2` for `m > 0`, `Y_l^0 = Y_{l,0}`
    /// (inverse of the relations in [`crate::so3::real_basis`]). The normalisation scales
    /// them as the real ones; the `e3nn` convention evaluates them at `P v`.
    pub fn compute_complex(&self, xyz: &[[T; 3]]) -> Result<Vec<Complex<T>>> {
        let width = self.values_per_point();
        checked_len(
            "complex spherical harmonics",
            xyz.len(),
            3 * width,
            size_of::<T>(),
        )?;
        let real = self.compute(xyz)?;
        let mut out = Vec::with_capacity(real.len());
        for point in real.chunks_exact(width) {
            (0..=self.lmax)
                .for_each(|l| push_complex_degree(l, &point[l * l..(l + 1) * (l + 1)], &mut out));
        }
        Ok(out)
    }

    /// Refuses the first point whose `ln bound(|x|)` reaches `ln(T::MAX) − ln(10^4)`.
    fn check_radii(&self, xyz: &[[T; 3]], kind: &str, ln_bound: impl Fn(f64) -> f64) -> Result<()> {
        let ln_limit = T::max_value().to_f64_exact().ln() - 4.0 * 10f64.ln();
        for (i, p) in xyz.iter().enumerate() {
            let r = batch::norm_f64(*p);
            if ln_bound(r) >= ln_limit {
                return Err(Error::InvalidInput(format!(
                    "point {i} has |x| = {r:e}: its {kind} solid harmonics up to l = {} would overflow {} \
                     (bound e^{:.0} above the limit e^{ln_limit:.0})",
                    self.lmax,
                    T::NAME,
                    ln_bound(r)
                )));
            }
        }
        Ok(())
    }
}

/// Turns degree `l` of `(R(u), ∇R(u))` at the unit vectors `u` into `∇Y(x)` for
/// `x = u / inv_r`, `∇Y(x) = (∇R(u) − l R(u) u) inv_r`, then maps it back from `P v` to `v`
/// in the e3nn convention.
#[inline(always)]
fn project_to_sphere<T: ShFloat>(
    l: usize,
    u: &Block<T>,
    inv_r: &Lanes<T>,
    values: &[Lanes<T>],
    grads: &mut [Lanes<T>],
    conv: Convention,
) {
    let (axes, degree) = ([&u.x, &u.y, &u.z], T::from_f64(l as f64));
    for (value, grad) in values.iter().zip(grads.chunks_exact_mut(3)) {
        let ly = lanes(|i| degree * value[i]);
        let t = |k: usize| lanes(|i| (grad[k][i] - ly[i] * axes[k][i]) * inv_r[i]);
        let tangential = [t(0), t(1), t(2)];
        grad.copy_from_slice(&conv.gradient_from_standard(tangential));
    }
}

/// Appends `Y_l^m`, `m = −l..=l`, computed from the real `Y_{l,m}` of one degree.
fn push_complex_degree<T: ShFloat>(l: usize, real: &[T], out: &mut Vec<Complex<T>>) {
    let h = T::from_f64(std::f64::consts::FRAC_1_SQRT_2);
    let at = |m: i64| real[(l as i64 + m) as usize];
    for m in -(l as i64)..=(l as i64) {
        let mu = m.abs();
        let value = match m {
            0 => Complex::new(at(0), T::zero()),
            _ if m > 0 => {
                let sign = if mu % 2 == 0 { h } else { -h };
                Complex::new(sign * at(mu), sign * at(-mu))
            }
            _ => Complex::new(h * at(mu), -h * at(-mu)),
        };
        out.push(value);
    }
}
