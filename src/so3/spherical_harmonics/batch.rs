//! Running a per-point kernel over a batch: input checks, memory limits, and the split
//! into chunks of points evaluated in parallel with rayon (sequentially for small batches).

use super::float::ShFloat;
use super::kernel::{B, Scratch};
use crate::error::human_bytes;
use crate::{Error, Result};
use rayon::prelude::*;

/// Outputs larger than this (in bytes) are refused before allocating.
pub const MEMORY_LIMIT: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;
/// Batches with at most this many output values run on the calling thread.
const PARALLEL_MIN_VALUES: usize = 1 << 15;
/// About this many output values per parallel task.
const CHUNK_VALUES: usize = 1 << 14;

/// Refuses an output of `n × per_point` values of `bytes_each` bytes above [`MEMORY_LIMIT`];
/// returns `n × per_point`.
pub(super) fn checked_len(
    what: &str,
    n: usize,
    per_point: usize,
    bytes_each: usize,
) -> Result<usize> {
    let bytes = n as f64 * per_point as f64 * bytes_each as f64;
    let len = n.checked_mul(per_point).filter(|_| bytes <= MEMORY_LIMIT);
    len.ok_or_else(|| Error::TooLarge {
        what: format!("{what} of {n} points ({per_point} values each)"),
        needed: human_bytes(bytes),
        limit: human_bytes(MEMORY_LIMIT),
    })
}

/// Checks that a caller's buffer has `expected` entries.
pub(super) fn check_buffer(
    name: &str,
    len: usize,
    expected: usize,
    n: usize,
    per_point: usize,
) -> Result<()> {
    if len == expected {
        return Ok(());
    }
    Err(Error::InvalidInput(format!(
        "{name} has {len} entries, expected {expected} ({n} points × {per_point})"
    )))
}

/// Checks that every point is finite; with `nonzero`, also that none is the zero vector.
pub(super) fn check_points<T: ShFloat>(xyz: &[[T; 3]], nonzero: bool) -> Result<()> {
    for (i, p) in xyz.iter().enumerate() {
        if !p.iter().all(|v| v.is_finite()) {
            return Err(Error::InvalidInput(format!(
                "point {i} = {p:?} is not finite"
            )));
        }
        if nonzero && p.iter().all(|v| v.is_zero()) {
            return Err(Error::InvalidInput(format!(
                "point {i} is the zero vector, which has no direction"
            )));
        }
    }
    Ok(())
}

/// The Euclidean norm of a point in `f64` (no overflow for any finite input).
pub(super) fn norm_f64<T: ShFloat>([x, y, z]: [T; 3]) -> f64 {
    x.to_f64_exact()
        .hypot(y.to_f64_exact())
        .hypot(z.to_f64_exact())
}

/// Calls `kernel(points, scratch, out)` for blocks of at most [`B`] points, `out` being
/// those points' `width` entries each.
pub(super) fn run<T, F>(lmax: usize, xyz: &[[T; 3]], out: &mut [T], width: usize, kernel: F)
where
    T: ShFloat,
    F: Fn(&[[T; 3]], &mut Scratch<T>, &mut [T]) + Sync,
{
    let blocks = |ps: &[[T; 3]], os: &mut [T], scratch: &mut Scratch<T>| {
        with_wide_vectors(
            #[inline(always)]
            || {
                for (p, o) in ps.chunks(B).zip(os.chunks_mut(B * width)) {
                    kernel(p, scratch, o);
                }
            },
        )
    };
    if xyz.len() * width <= PARALLEL_MIN_VALUES {
        return blocks(xyz, out, &mut Scratch::new(lmax, false));
    }
    let points = B * (CHUNK_VALUES / (B * width)).max(1);
    let chunks = xyz
        .par_chunks(points)
        .zip(out.par_chunks_mut(points * width));
    chunks.for_each_init(
        || Scratch::new(lmax, false),
        |scratch, (ps, os)| blocks(ps, os, scratch),
    );
}

/// As [`run`] with two outputs per point, of `width` and `3 × width` entries.
pub(super) fn run_with_gradients<T, F>(
    lmax: usize,
    xyz: &[[T; 3]],
    (out, grad): (&mut [T], &mut [T]),
    width: usize,
    kernel: F,
) where
    T: ShFloat,
    F: Fn(&[[T; 3]], &mut Scratch<T>, &mut [T], &mut [T]) + Sync,
{
    let blocks = |ps: &[[T; 3]], os: &mut [T], gs: &mut [T], scratch: &mut Scratch<T>| {
        with_wide_vectors(
            #[inline(always)]
            || {
                let outs = os.chunks_mut(B * width).zip(gs.chunks_mut(3 * B * width));
                for (p, (o, g)) in ps.chunks(B).zip(outs) {
                    kernel(p, scratch, o, g);
                }
            },
        )
    };
    if xyz.len() * width * 4 <= PARALLEL_MIN_VALUES {
        return blocks(xyz, out, grad, &mut Scratch::new(lmax, true));
    }
    let points = B * (CHUNK_VALUES / (4 * B * width)).max(1);
    let outs = out
        .par_chunks_mut(points * width)
        .zip(grad.par_chunks_mut(3 * points * width));
    let chunks = xyz.par_chunks(points).zip(outs);
    chunks.for_each_init(
        || Scratch::new(lmax, true),
        |scratch, (ps, (os, gs))| blocks(ps, os, gs, scratch),
    );
}

/// Runs `f`, compiled for AVX2 when the processor has it (the block kernels' lane loops then
/// use 256-bit vectors; no fused multiply-add, so the results are the same bit for bit).
#[inline(always)]
fn with_wide_vectors(f: impl FnOnce()) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor supports AVX2, the only feature `avx2` enables.
        return unsafe { avx2(f) };
    }
    f()
}

/// `f()` compiled with AVX2 enabled (its inlined body included).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn avx2(f: impl FnOnce()) {
    f()
}
