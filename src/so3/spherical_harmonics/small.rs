//! The specialised kernel for small degrees `L ≤` [`SMALL_LMAX`]: the same recursion as
//! [`super::kernel`], unrolled at compile time.
//!
//! At small `L` the generic kernel spends most of its time on bookkeeping rather than
//! arithmetic: loops whose lengths are only known at run time (a handful of iterations
//! each), coefficient tables behind `Vec`s with their bounds checks, the rolling rows and the
//! staging tile in heap scratch, and a per-degree decision whether to flush the tile. At
//! `L = 2` a point needs only about thirty multiplications, so this overhead dominated and
//! made the evaluation slower than sphericart's hand-written low-`L` kernels.
//!
//! Here the degree is a const generic: every loop has a compile-time trip count and is
//! unrolled, every coefficient index is a constant into a fixed-size array, and all the
//! intermediates (`c_m, s_m`, the triangle of `q_l^m`, the values and gradients of the
//! block) live in stack arrays that the compiler keeps in registers or in L1. The block's
//! `B × (L+1)²` outputs are then written straight into the point-major output with one
//! fully unrolled transpose, no staging copy through a run-time-sized tile.
//!
//! The coefficients are not hand-typed: [`SmallCoefficients`] copies them, at plan time,
//! from the plan's [`Coefficients`], i.e. from the same recursion the generic kernel uses.
//! The operations are those of the generic kernel in the same order (no fused multiply-add,
//! no reassociation), so the values are the same bit for bit; only multiplications by a
//! coefficient that is structurally zero (the `∂_x, ∂_y` terms with `m ≥ l − 1`, the `∂_z`
//! term at `m = l`) are skipped in the gradients, which can change the sign of a zero but
//! no value. `tests/spherical_harmonics.rs::specialised_kernel_equals_generic_recursion`
//! checks this against the generic kernel for every `L ≤ SMALL_LMAX`.

use super::coefficients::{Coefficients, tri};
use super::float::ShFloat;
use super::kernel::{B, Block, Kernel, Lanes, Scratch, lanes};

/// The largest degree with a specialised kernel. Beyond it the generic kernel's overhead is
/// a small part of the work (it is already faster than sphericart at `L = 4`), while the
/// unrolled code (and the compile time) grows like `L²` per instantiation.
pub(super) const SMALL_LMAX: usize = 4;

const ROWS: usize = SMALL_LMAX + 1;
const TRI: usize = tri(ROWS);

/// The plan's coefficients for `L ≤` [`SMALL_LMAX`] in fixed-size arrays (entries of
/// degrees above `L` are zero and never read).
#[derive(Debug, Clone)]
pub(super) struct SmallCoefficients<T> {
    q00: T,
    diag: [T; ROWS],
    sub: [T; ROWS],
    a: [T; TRI],
    b: [T; TRI],
    gx: [T; TRI],
    gz: [T; TRI],
}

impl<T: ShFloat> SmallCoefficients<T> {
    /// The fixed-size copy of `k`, or `None` when its degree exceeds [`SMALL_LMAX`].
    pub fn new(k: &Coefficients<T>) -> Option<Self> {
        if k.diag.len() > ROWS {
            return None;
        }
        fn copy<T: ShFloat, const N: usize>(v: &[T]) -> [T; N] {
            std::array::from_fn(|i| v.get(i).copied().unwrap_or_else(T::zero))
        }
        Some(Self {
            q00: k.q00,
            diag: copy(&k.diag),
            sub: copy(&k.sub),
            a: copy(&k.a),
            b: copy(&k.b),
            gx: copy(&k.gx),
            gz: copy(&k.gz),
        })
    }
}

/// The specialised kernel of degree `L` (the plan's coefficients, fixed-size).
#[derive(Debug, Clone, Copy)]
pub(super) struct Small<'a, T, const L: usize>(pub &'a SmallCoefficients<T>);

impl<T: ShFloat, const L: usize> Kernel<T> for Small<'_, T, L> {
    #[inline(always)]
    fn evaluate<const GRAD: bool>(
        &self,
        scratch: &mut Scratch<T>,
        p: &Block<T>,
        out: (&mut [T], &mut [T]),
        adjust: impl FnMut(usize, &mut [Lanes<T>], &mut [Lanes<T>]),
    ) {
        evaluate::<T, L, GRAD>(self.0, scratch, p, out, adjust);
    }
}

/// The recursion's intermediates for the block: `c_m, s_m` for `m ≤ L`, `q_l^m` at
/// `tri(l) + m`.
struct State<T> {
    c: [Lanes<T>; ROWS],
    s: [Lanes<T>; ROWS],
    q: [Lanes<T>; TRI],
}

/// The solid harmonics `R_lm`, `l ≤ L`, of the block `p` (and with `GRAD` their
/// gradients), each degree passed to `adjust` as in the generic kernel
/// (`values[l + m]`, `gradients[3 (l + m) + k]`), then written to the rows of the block's
/// points in `out` (`(L+1)²` entries each) and `grad` (`3 (L+1)²` each); `out` may hold
/// fewer than `B` rows (the last block of a batch). The values and gradients are built in
/// the scratch's tiles (`(L+1)²` and `3 (L+1)²` entries: reused from block to block, so
/// never cleared, and every entry is written before it is read).
#[inline(always)]
pub(super) fn evaluate<T: ShFloat, const L: usize, const GRAD: bool>(
    k: &SmallCoefficients<T>,
    scratch: &mut Scratch<T>,
    p: &Block<T>,
    (out, grad): (&mut [T], &mut [T]),
    mut adjust: impl FnMut(usize, &mut [Lanes<T>], &mut [Lanes<T>]),
) {
    const { assert!(L <= SMALL_LMAX) };
    let w = (L + 1) * (L + 1);
    let (values, grads) = scratch.tiles(w, if GRAD { 3 * w } else { 0 });
    let zero = [T::zero(); B];
    let mut st = State {
        c: [zero; ROWS],
        s: [zero; ROWS],
        q: [zero; TRI],
    };
    st.c[0] = [T::one(); B];
    for m in 1..=L {
        let (cp, sp) = (st.c[m - 1], st.s[m - 1]);
        st.c[m] = lanes(|i| p.x[i] * cp[i] - p.y[i] * sp[i]);
        st.s[m] = lanes(|i| p.x[i] * sp[i] + p.y[i] * cp[i]);
    }
    // One call per degree, each with its own constant `l`, so that nothing depends on the
    // compiler deciding to unroll a loop over degrees.
    st.degree::<0, GRAD>(k, p, values, grads, &mut adjust);
    if L >= 1 {
        st.degree::<1, GRAD>(k, p, values, grads, &mut adjust);
    }
    if L >= 2 {
        st.degree::<2, GRAD>(k, p, values, grads, &mut adjust);
    }
    if L >= 3 {
        st.degree::<3, GRAD>(k, p, values, grads, &mut adjust);
    }
    if L >= 4 {
        st.degree::<4, GRAD>(k, p, values, grads, &mut adjust);
    }
    store(values, out);
    if GRAD {
        store(grads, grad);
    }
}

impl<T: ShFloat> State<T> {
    /// Row `l` of the `q_l^m`, then degree `l` of the values (and gradients).
    #[inline(always)]
    fn degree<const DEG: usize, const GRAD: bool>(
        &mut self,
        k: &SmallCoefficients<T>,
        p: &Block<T>,
        values: &mut [Lanes<T>],
        grads: &mut [Lanes<T>],
        adjust: &mut impl FnMut(usize, &mut [Lanes<T>], &mut [Lanes<T>]),
    ) {
        let l = DEG;
        let (z, r2, q) = (&p.z, &p.r2, &mut self.q);
        if l == 0 {
            q[0] = [k.q00; B];
        } else {
            let (row, prev) = (tri(l), tri(l - 1));
            for m in 0..l - 1 {
                let (a, b) = (k.a[row + m], k.b[row + m]);
                let (p1, p2) = (q[prev + m], q[tri(l - 2) + m]);
                q[row + m] = lanes(|i| a * z[i] * p1[i] - b * r2[i] * p2[i]);
            }
            let (e, d, top) = (k.sub[l - 1], k.diag[l], q[prev + l - 1]);
            q[row + l - 1] = lanes(|i| e * z[i] * top[i]);
            q[row + l] = lanes(|i| d * top[i]);
        }
        let (row, base) = (tri(l), l * l + l);
        let (c, s) = (&self.c, &self.s);
        for m in 0..=l {
            let qm = q[row + m];
            values[base + m] = lanes(|i| qm[i] * c[m][i]);
            if m > 0 {
                values[base - m] = lanes(|i| qm[i] * s[m][i]);
            }
        }
        if GRAD {
            self.gradients::<DEG>(k, p, grads);
        }
        let (start, len) = (l * l, 2 * l + 1);
        let gs = if GRAD { 3 } else { 0 };
        adjust(
            l,
            &mut values[start..start + len],
            &mut grads[gs * start..gs * (start + len)],
        );
    }

    /// `∂_k R_{l,±m}` as the generic kernel's `write_gradients`, without the products by
    /// structurally zero terms.
    #[inline(always)]
    fn gradients<const DEG: usize>(
        &self,
        k: &SmallCoefficients<T>,
        p: &Block<T>,
        g: &mut [Lanes<T>],
    ) {
        let l = DEG;
        let zero = [T::zero(); B];
        if l == 0 {
            g[..3].fill(zero);
            return;
        }
        let (row, prev, base) = (tri(l), tri(l - 1), l * l + l);
        let (q, c, s) = (&self.q, &self.c, &self.s);
        for m in 0..=l {
            // `∂_x q = −x g q_{l−1}^{m+1}` and `∂_y q = −y g q_{l−1}^{m+1}` (zero for m ≥ l − 1),
            // `∂_z q = h q_{l−1}^m` (zero for m = l).
            let (pa, na) = (3 * (base + m), 3 * (base - m));
            let mq = if m > 0 {
                let (mf, qm) = (T::from_f64(m as f64), &q[row + m]);
                lanes(|i| mf * qm[i])
            } else {
                zero
            };
            if m + 2 <= l {
                let (gc, qn) = (k.gx[row + m], &q[prev + m + 1]);
                let gq = lanes(|i| gc * qn[i]);
                let dqx = lanes(|i| -p.x[i] * gq[i]);
                let dqy = lanes(|i| -p.y[i] * gq[i]);
                if m == 0 {
                    (g[pa], g[pa + 1]) = (dqx, dqy);
                } else {
                    let (cm, sm, c1, s1) = (&c[m], &s[m], &c[m - 1], &s[m - 1]);
                    g[pa] = lanes(|i| dqx[i] * cm[i] + mq[i] * c1[i]);
                    g[pa + 1] = lanes(|i| dqy[i] * cm[i] - mq[i] * s1[i]);
                    g[na] = lanes(|i| dqx[i] * sm[i] + mq[i] * s1[i]);
                    g[na + 1] = lanes(|i| dqy[i] * sm[i] + mq[i] * c1[i]);
                }
            } else if m == 0 {
                (g[pa], g[pa + 1]) = (zero, zero);
            } else {
                let (c1, s1) = (&c[m - 1], &s[m - 1]);
                g[pa] = lanes(|i| mq[i] * c1[i]);
                g[pa + 1] = lanes(|i| -(mq[i] * s1[i]));
                g[na] = lanes(|i| mq[i] * s1[i]);
                g[na + 1] = lanes(|i| mq[i] * c1[i]);
            }
            if m < l {
                let (h, qm) = (k.gz[row + m], &q[prev + m]);
                let hq = lanes(|i| h * qm[i]);
                g[pa + 2] = hq;
                if m > 0 {
                    let (cm, sm) = (&c[m], &s[m]);
                    g[pa + 2] = lanes(|i| hq[i] * cm[i]);
                    g[na + 2] = lanes(|i| hq[i] * sm[i]);
                }
            } else {
                (g[pa + 2], g[na + 2]) = (zero, zero);
            }
        }
    }
}

/// Writes the tile (`tile[j][i]`, entry `j` of point `i`) to the rows of `tile.len()`
/// entries of the block's points in `out` (at most `B` rows). For a full block the bounds
/// are constants after inlining, and the transpose is fully unrolled.
#[inline(always)]
fn store<T: Copy>(tile: &[Lanes<T>], out: &mut [T]) {
    let w = tile.len();
    if out.len() == B * w {
        for (i, row) in out.chunks_exact_mut(w).enumerate() {
            for (o, t) in row.iter_mut().zip(tile) {
                *o = t[i];
            }
        }
    } else {
        for (i, row) in out.chunks_exact_mut(w).take(B).enumerate() {
            for (o, t) in row.iter_mut().zip(tile) {
                *o = t[i];
            }
        }
    }
}
