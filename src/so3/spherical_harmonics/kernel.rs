//! The block kernels: the Cartesian recursion for `B` points at once, lane by lane.
//!
//! Every quantity is held as `[T; B]`, one lane per point, so each step of the recursion is
//! a fixed-length loop the compiler turns into vector instructions, and each coefficient is
//! loaded once for `B` points. No trigonometric function and no allocation: `c_m, s_m` by
//! complex multiplication, the `q_l^m` by the three-term recursion of
//! [`super::coefficients`] (three rolling rows), one product per output entry into a tile
//! `[2l+1][B]` per degree, which the caller scatters into the point-major output.

use super::coefficients::{Coefficients, tri};
use super::float::ShFloat;
use super::options::Convention;

/// Points per block.
pub(super) const B: usize = 8;

/// Entries per row staged before they are copied out (unless one degree needs more).
pub(super) const STAGED: usize = 2048;

/// One value per point of a block.
pub(super) type Lanes<T> = [T; B];

/// `[f(0), …, f(B−1)]`.
#[inline(always)]
pub(super) fn lanes<T>(f: impl FnMut(usize) -> T) -> Lanes<T> {
    std::array::from_fn(f)
}

/// The coordinates of a block of points (in the standard convention) and `x² + y² + z²`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Block<T> {
    pub x: Lanes<T>,
    pub y: Lanes<T>,
    pub z: Lanes<T>,
    pub r2: Lanes<T>,
}

impl<T: ShFloat> Block<T> {
    /// Up to `B` points taken as they are, after the convention's relabelling; missing lanes
    /// are filled with `(0, 0, 1)`.
    #[inline(always)]
    pub fn raw(points: &[[T; 3]], conv: Convention) -> Self {
        let p = lanes(|i| {
            points
                .get(i)
                .map_or([T::zero(), T::zero(), T::one()], |&v| conv.to_standard(v))
        });
        let (x, y, z) = (p.map(|v| v[0]), p.map(|v| v[1]), p.map(|v| v[2]));
        Self {
            x,
            y,
            z,
            r2: lanes(|i| x[i] * x[i] + y[i] * y[i] + z[i] * z[i]),
        }
    }

    /// The unit vectors `u = x/|x|` of up to `B` finite nonzero points (as [`Block::raw`]),
    /// and `1/|x|`. The recursion then gets `r² = |u|²` (`1` up to rounding), so that it
    /// evaluates the homogeneous `R_lm(u) = |u|^l Y_lm(û)`, relative error `~ l ε`, rather
    /// than a non-homogeneous polynomial just off the sphere (error `~ l² ε` at the poles).
    #[inline(always)]
    pub fn directions(points: &[[T; 3]], conv: Convention) -> (Self, Lanes<T>) {
        let raw = Self::raw(points, conv);
        let (mut u, mut inv_r) = ([[T::zero(); B]; 3], [T::zero(); B]);
        if raw.r2.iter().all(|v| v.is_normal()) {
            inv_r = raw.r2.map(|v| v.sqrt().recip());
            u = [raw.x, raw.y, raw.z].map(|c| lanes(|i| c[i] * inv_r[i]));
        } else {
            for i in 0..B {
                let (v, r) = unit([raw.x[i], raw.y[i], raw.z[i]]);
                (u[0][i], u[1][i], u[2][i], inv_r[i]) = (v[0], v[1], v[2], r.recip());
            }
        }
        let [x, y, z] = u;
        (
            Self {
                x,
                y,
                z,
                r2: lanes(|i| x[i] * x[i] + y[i] * y[i] + z[i] * z[i]),
            },
            inv_r,
        )
    }
}

/// `(x/|x|, |x|)` for a finite nonzero `x`, rescaling first when `|x|²` is not a normal number.
#[inline(always)]
fn unit<T: ShFloat>([x, y, z]: [T; 3]) -> ([T; 3], T) {
    let r2 = x * x + y * y + z * z;
    if r2.is_normal() {
        let r = r2.sqrt();
        let inv = r.recip();
        return ([x * inv, y * inv, z * inv], r);
    }
    let big = x.abs().max(y.abs()).max(z.abs());
    let [a, b, c] = [x / big, y / big, z / big];
    let rr = (a * a + b * b + c * c).sqrt();
    ([a / rr, b / rr, c / rr], big * rr)
}

/// Working memory of one thread.
#[derive(Debug, Clone)]
pub(super) struct Scratch<T> {
    lmax: usize,
    c: Vec<Lanes<T>>,
    s: Vec<Lanes<T>>,
    rows: [Vec<Lanes<T>>; 3],
    /// Staged degrees, `tile[l² + l + m − start][i]` for point `i` of the block.
    tile: Vec<Lanes<T>>,
    /// `grad_tile[3 (l² + l + m − start) + k][i]`: `∂_k` of it (empty without gradients).
    grad_tile: Vec<Lanes<T>>,
}

impl<T: ShFloat> Scratch<T> {
    /// Scratch for degrees `0..=lmax`, with room for gradients if `gradients`.
    pub fn new(lmax: usize, gradients: bool) -> Self {
        let zero = [T::zero(); B];
        let width = (2 * lmax + 1).max(((lmax + 1) * (lmax + 1)).min(STAGED));
        Self {
            lmax,
            c: vec![zero; lmax + 1],
            s: vec![zero; lmax + 1],
            rows: [(); 3].map(|_| vec![zero; lmax + 1]),
            tile: vec![zero; width],
            grad_tile: vec![zero; if gradients { 3 * width } else { 0 }],
        }
    }

    /// `c_m + i s_m = (x + i y)^m` for `m = 0..=L`.
    #[inline(always)]
    fn fill_cs(&mut self, x: &Lanes<T>, y: &Lanes<T>) {
        let (c, s) = (&mut self.c, &mut self.s);
        c[0] = [T::one(); B];
        s[0] = [T::zero(); B];
        for m in 1..=self.lmax {
            let (cp, sp) = (c[m - 1], s[m - 1]);
            c[m] = lanes(|i| x[i] * cp[i] - y[i] * sp[i]);
            s[m] = lanes(|i| x[i] * sp[i] + y[i] * cp[i]);
        }
    }

    /// The solid harmonics `R_lm` of the block (and with `GRAD` their gradients), written
    /// to the rows of the block's points in `out` (`(L+1)²` entries each) and `grad`
    /// (`3 (L+1)²` each). Each degree is first passed to `adjust(l, values, gradients)`
    /// (`values[l + m] = R_lm`, `gradients[3 (l + m) + k] = ∂_k R_lm`, one lane per point),
    /// then staged, and the staged degrees are copied to the rows in runs of up to
    /// [`STAGED`] entries, so that each row is written in long contiguous pieces.
    #[inline(always)]
    pub fn evaluate<const GRAD: bool>(
        &mut self,
        k: &Coefficients<T>,
        p: &Block<T>,
        (out, grad): (&mut [T], &mut [T]),
        mut adjust: impl FnMut(usize, &mut [Lanes<T>], &mut [Lanes<T>]),
    ) {
        let width = (self.lmax + 1) * (self.lmax + 1);
        self.fill_cs(&p.x, &p.y);
        let [r0, r1, r2] = &mut self.rows;
        let (mut prev2, mut prev, mut cur) = (r0, r1, r2);
        let (tile, grad_tile) = (&mut self.tile, &mut self.grad_tile);
        let gs = if GRAD { 3 } else { 0 };
        let mut start = 0;
        for l in 0..=self.lmax {
            if l == 0 {
                cur[0] = [k.q00; B];
            } else {
                (prev2, prev, cur) = (prev, cur, prev2);
                next_row(k, l, p, prev2, prev, cur);
            }
            let (at, len) = (l * l - start, 2 * l + 1);
            write_degree(l, cur, &self.c, &self.s, &mut tile[at..at + len]);
            if GRAD {
                write_gradients(
                    k,
                    l,
                    p,
                    prev,
                    cur,
                    (&self.c, &self.s),
                    &mut grad_tile[3 * at..3 * (at + len)],
                );
            }
            adjust(
                l,
                &mut tile[at..at + len],
                &mut grad_tile[gs * at..gs * (at + len)],
            );
            let end = (l + 1) * (l + 1);
            if l == self.lmax || end + 2 * l + 3 - start > tile.len() {
                scatter(&tile[..end - start], out, width, start);
                if GRAD {
                    scatter(&grad_tile[..3 * (end - start)], grad, 3 * width, 3 * start);
                }
                start = end;
            }
        }
    }
}

/// Copies the lanes of `tile` into the rows (of `width` entries) of the block's points in
/// `out`, from entry `start` of each row.
#[inline(always)]
fn scatter<T: Copy>(tile: &[Lanes<T>], out: &mut [T], width: usize, start: usize) {
    for (i, row) in out.chunks_exact_mut(width).enumerate().take(B) {
        for (o, t) in row[start..start + tile.len()].iter_mut().zip(tile) {
            *o = t[i];
        }
    }
}

/// `q_l^m` for `m = 0..=l` from the rows `l − 1` and `l − 2`.
#[inline(always)]
fn next_row<T: ShFloat>(
    k: &Coefficients<T>,
    l: usize,
    p: &Block<T>,
    prev2: &[Lanes<T>],
    prev: &[Lanes<T>],
    cur: &mut [Lanes<T>],
) {
    let (z, r2) = (&p.z, &p.r2);
    if l >= 2 {
        let coef = k.a[tri(l)..tri(l) + l - 1]
            .iter()
            .zip(&k.b[tri(l)..tri(l) + l - 1]);
        for ((q, (&a, &b)), (p1, p2)) in cur[..l - 1]
            .iter_mut()
            .zip(coef)
            .zip(prev.iter().zip(prev2))
        {
            *q = lanes(|i| a * z[i] * p1[i] - b * r2[i] * p2[i]);
        }
    }
    let (e, d, top) = (k.sub[l - 1], k.diag[l], prev[l - 1]);
    cur[l - 1] = lanes(|i| e * z[i] * top[i]);
    cur[l] = lanes(|i| d * top[i]);
}

/// `tile[l ± m] = q_l^m · (c_m, s_m)`.
#[inline(always)]
fn write_degree<T: ShFloat>(
    l: usize,
    q: &[Lanes<T>],
    c: &[Lanes<T>],
    s: &[Lanes<T>],
    tile: &mut [Lanes<T>],
) {
    let (neg, pos) = tile.split_at_mut(l);
    for ((o, q), c) in pos.iter_mut().zip(&q[..=l]).zip(c) {
        *o = lanes(|i| q[i] * c[i]);
    }
    for ((o, q), s) in neg.iter_mut().rev().zip(&q[1..=l]).zip(&s[1..]) {
        *o = lanes(|i| q[i] * s[i]);
    }
}

/// `∂_k R_{l,±m}` from `∂_x q_l^m = −x g q_{l−1}^{m+1}`, `∂_y q_l^m = −y g q_{l−1}^{m+1}`,
/// `∂_z q_l^m = h q_{l−1}^m`, `∂_x (c_m, s_m) = m (c_{m−1}, s_{m−1})` and
/// `∂_y (c_m, s_m) = m (−s_{m−1}, c_{m−1})`, into `grad[3 (l ± m) + k]`.
#[inline(always)]
fn write_gradients<T: ShFloat>(
    k: &Coefficients<T>,
    l: usize,
    p: &Block<T>,
    prev: &[Lanes<T>],
    cur: &[Lanes<T>],
    (c, s): (&[Lanes<T>], &[Lanes<T>]),
    grad: &mut [Lanes<T>],
) {
    let base = l;
    let zero = [T::zero(); B];
    for m in 0..=l {
        let (g, h) = (k.gx[tri(l) + m], k.gz[tri(l) + m]);
        let gq = if m + 2 <= l {
            prev[m + 1].map(|v| g * v)
        } else {
            zero
        };
        let hq = if m < l { prev[m].map(|v| h * v) } else { zero };
        let dqx = lanes(|i| -p.x[i] * gq[i]);
        let dqy = lanes(|i| -p.y[i] * gq[i]);
        if m == 0 {
            grad[3 * base..3 * base + 3].copy_from_slice(&[dqx, dqy, hq]);
            continue;
        }
        let mf = T::from_f64(m as f64);
        let mq = cur[m].map(|v| mf * v);
        let (cm, sm, c1, s1) = (&c[m], &s[m], &c[m - 1], &s[m - 1]);
        let plus = [
            lanes(|i| dqx[i] * cm[i] + mq[i] * c1[i]),
            lanes(|i| dqy[i] * cm[i] - mq[i] * s1[i]),
            lanes(|i| hq[i] * cm[i]),
        ];
        let minus = [
            lanes(|i| dqx[i] * sm[i] + mq[i] * s1[i]),
            lanes(|i| dqy[i] * sm[i] + mq[i] * c1[i]),
            lanes(|i| hq[i] * sm[i]),
        ];
        grad[3 * (base + m)..3 * (base + m) + 3].copy_from_slice(&plus);
        grad[3 * (base - m)..3 * (base - m) + 3].copy_from_slice(&minus);
    }
}
