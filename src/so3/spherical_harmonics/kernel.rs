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

/// Points per group: the batch driver turns a group of points into coordinate columns at
/// once, then evaluates it block by block.
pub(super) const GROUP: usize = 8 * B;

/// The coordinates of a group of up to [`GROUP`] points, after the convention's
/// relabelling, one array per axis; missing points are filled with `(0, 0, 1)`.
///
/// Reading the blocks' lanes straight from the `[x, y, z]` triples (a stride-3 gather per
/// lane) left the compiler assembling vectors element by element and then computing the
/// normalisation partly in scalar code. One simple loop over the whole group de-interleaves
/// them instead (vectorised as interleaved loads), and each block then loads its lanes as
/// contiguous vectors.
#[derive(Debug, Clone)]
pub(super) struct Columns<T> {
    x: [T; GROUP],
    y: [T; GROUP],
    z: [T; GROUP],
}

impl<T: ShFloat> Columns<T> {
    /// Empty columns.
    pub fn new() -> Self {
        Self {
            x: [T::zero(); GROUP],
            y: [T::zero(); GROUP],
            z: [T::one(); GROUP],
        }
    }

    /// Loads the first (up to [`GROUP`]) `points`.
    #[inline(always)]
    pub fn load(&mut self, points: &[[T; 3]], conv: Convention) {
        // `Convention::to_standard` as constant indices: `(x, y, z)` or `(z, x, y)`.
        match conv {
            Convention::Standard => self.fill::<0, 1, 2>(points),
            Convention::E3nn => self.fill::<2, 0, 1>(points),
        }
    }

    #[inline(always)]
    fn fill<const X: usize, const Y: usize, const Z: usize>(&mut self, points: &[[T; 3]]) {
        if let Ok(full) = <&[[T; 3]; GROUP]>::try_from(points) {
            for (i, p) in full.iter().enumerate() {
                (self.x[i], self.y[i], self.z[i]) = (p[X], p[Y], p[Z]);
            }
            return;
        }
        let n = points.len().min(GROUP);
        for (i, p) in points[..n].iter().enumerate() {
            (self.x[i], self.y[i], self.z[i]) = (p[X], p[Y], p[Z]);
        }
        self.x[n..].fill(T::zero());
        self.y[n..].fill(T::zero());
        self.z[n..].fill(T::one());
    }

    /// The lanes `[x, y, z]` of block `b` (points `B b..B (b + 1)` of the group).
    #[inline(always)]
    pub fn block(&self, b: usize) -> [Lanes<T>; 3] {
        let at = B * b;
        [
            lanes(|i| self.x[at + i]),
            lanes(|i| self.y[at + i]),
            lanes(|i| self.z[at + i]),
        ]
    }
}

impl<T: ShFloat> Block<T> {
    /// The points of a block as they are (see [`Columns`]).
    #[inline(always)]
    pub fn raw([x, y, z]: [Lanes<T>; 3]) -> Self {
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
    pub fn directions(points: [Lanes<T>; 3]) -> (Self, Lanes<T>) {
        let raw = Self::raw(points);
        let (mut u, mut inv_r) = ([[T::zero(); B]; 3], [T::zero(); B]);
        // `|x|²` normal in every lane (one vector compare, no branch per lane): the common case.
        let (tiny, huge) = (T::min_positive_value(), T::max_value());
        let normal = raw
            .r2
            .iter()
            .fold(true, |all, &v| all & (v >= tiny) & (v <= huge));
        if normal {
            inv_r = lanes(|i| raw.r2[i].sqrt().recip());
            u = [
                lanes(|i| raw.x[i] * inv_r[i]),
                lanes(|i| raw.y[i] * inv_r[i]),
                lanes(|i| raw.z[i] * inv_r[i]),
            ];
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

/// A block kernel: the solid harmonics `R_lm`, `l ≤ L`, of a block (and with `GRAD` their
/// gradients), each degree passed to `adjust(l, values, gradients)` (`values[l + m] = R_lm`,
/// `gradients[3 (l + m) + k] = ∂_k R_lm`, one lane per point) before it is written to the
/// rows of the block's points in `out` (`(L+1)²` entries each) and `grad` (`3 (L+1)²`).
///
/// Implemented by the generic recursion ([`Coefficients`], any `L`, with [`Scratch`]) and by
/// the unrolled one of [`super::small`] (small `L`, scratch unused); the plan picks one per
/// degree and the batch driver is compiled once for each.
pub(super) trait Kernel<T: ShFloat>: Sync {
    /// See the trait.
    fn evaluate<const GRAD: bool>(
        &self,
        scratch: &mut Scratch<T>,
        p: &Block<T>,
        out: (&mut [T], &mut [T]),
        adjust: impl FnMut(usize, &mut [Lanes<T>], &mut [Lanes<T>]),
    );
}

impl<T: ShFloat> Kernel<T> for Coefficients<T> {
    #[inline(always)]
    fn evaluate<const GRAD: bool>(
        &self,
        scratch: &mut Scratch<T>,
        p: &Block<T>,
        out: (&mut [T], &mut [T]),
        adjust: impl FnMut(usize, &mut [Lanes<T>], &mut [Lanes<T>]),
    ) {
        scratch.evaluate::<GRAD>(self, p, out, adjust);
    }
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

    /// The first `values` entries of the value tile and the first `grads` of the gradient
    /// tile (for [`super::small`], whose `(L+1)²` values always fit).
    #[inline(always)]
    pub(super) fn tiles(
        &mut self,
        values: usize,
        grads: usize,
    ) -> (&mut [Lanes<T>], &mut [Lanes<T>]) {
        (&mut self.tile[..values], &mut self.grad_tile[..grads])
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
            lanes(|i| g * prev[m + 1][i])
        } else {
            zero
        };
        let hq = if m < l {
            lanes(|i| h * prev[m][i])
        } else {
            zero
        };
        let dqx = lanes(|i| -p.x[i] * gq[i]);
        let dqy = lanes(|i| -p.y[i] * gq[i]);
        if m == 0 {
            grad[3 * base..3 * base + 3].copy_from_slice(&[dqx, dqy, hq]);
            continue;
        }
        let mf = T::from_f64(m as f64);
        let mq = lanes(|i| mf * cur[m][i]);
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
