//! Running a per-point kernel over a batch: input checks, memory limits, and the split
//! into chunks of points evaluated in parallel with rayon (sequentially for small batches).

use super::float::ShFloat;
use super::kernel::{B, Columns, GROUP, Lanes, Scratch};
use super::options::Convention;
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
///
/// The common case (every point valid) is decided a chunk at a time by a branch-free fold
/// that the compiler vectorises (compiled for AVX2 when available: at `L = 1` this pass
/// over the input is a sizeable part of the whole evaluation); only when some chunk fails
/// are the points searched one by one for the error message.
pub(super) fn check_points<T: ShFloat>(xyz: &[[T; 3]], nonzero: bool) -> Result<()> {
    let huge = T::max_value();
    let valid = |p: &[T; 3]| {
        let finite = (p[0].abs() <= huge) & (p[1].abs() <= huge) & (p[2].abs() <= huge);
        let zero = p[0].is_zero() & p[1].is_zero() & p[2].is_zero();
        finite & !(nonzero & zero)
    };
    let mut all_valid = true;
    with_wide_vectors(
        #[inline(always)]
        || {
            all_valid = xyz
                .chunks(1024)
                .all(|chunk| chunk.iter().fold(true, |all, p| all & valid(p)));
        },
    );
    if all_valid {
        return Ok(());
    }
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

/// Calls `kernel(lanes, scratch, out)` for blocks of at most [`B`] points, `lanes` being
/// their coordinates `[x, y, z]` in the standard convention (see [`Columns`]) and `out` those
/// points' `width` entries each.
pub(super) fn run<T, F>(
    lmax: usize,
    (xyz, conv): (&[[T; 3]], Convention),
    out: &mut [T],
    width: usize,
    kernel: F,
) where
    T: ShFloat,
    F: Fn([Lanes<T>; 3], &mut Scratch<T>, &mut [T]) + Sync,
{
    let blocks = |ps: &[[T; 3]], os: &mut [T], scratch: &mut Scratch<T>| {
        with_wide_vectors(
            #[inline(always)]
            || {
                let mut columns = Columns::new();
                for (g, og) in ps.chunks(GROUP).zip(os.chunks_mut(GROUP * width)) {
                    columns.load(g, conv);
                    for (b, o) in og.chunks_mut(B * width).enumerate() {
                        kernel(columns.block(b), scratch, o);
                    }
                }
            },
        )
    };
    if xyz.len() * width <= PARALLEL_MIN_VALUES {
        return blocks(xyz, out, &mut Scratch::new(lmax, false));
    }
    let points = GROUP * (CHUNK_VALUES / (GROUP * width)).max(1);
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
    (xyz, conv): (&[[T; 3]], Convention),
    (out, grad): (&mut [T], &mut [T]),
    width: usize,
    kernel: F,
) where
    T: ShFloat,
    F: Fn([Lanes<T>; 3], &mut Scratch<T>, &mut [T], &mut [T]) + Sync,
{
    let blocks = |ps: &[[T; 3]], os: &mut [T], gs: &mut [T], scratch: &mut Scratch<T>| {
        with_wide_vectors(
            #[inline(always)]
            || {
                let mut columns = Columns::new();
                let groups = os
                    .chunks_mut(GROUP * width)
                    .zip(gs.chunks_mut(3 * GROUP * width));
                for (g, (og, gg)) in ps.chunks(GROUP).zip(groups) {
                    columns.load(g, conv);
                    let outs = og.chunks_mut(B * width).zip(gg.chunks_mut(3 * B * width));
                    for (b, (o, gr)) in outs.enumerate() {
                        kernel(columns.block(b), scratch, o, gr);
                    }
                }
            },
        )
    };
    if xyz.len() * width * 4 <= PARALLEL_MIN_VALUES {
        return blocks(xyz, out, grad, &mut Scratch::new(lmax, true));
    }
    let points = GROUP * (CHUNK_VALUES / (4 * GROUP * width)).max(1);
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
