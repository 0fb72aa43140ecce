//! `equivariant bench KIND [parameters] [--threads T] [--repeat R] [--json]`: times one piece
//! of work in-process, after one warm-up run, so that it can be compared with the peer
//! libraries on the same parameters (`../shared/peers/compare.py`). Prints `kind`, `params`,
//! `threads`, `repeat`, `median_seconds`, `min_seconds`.

use crate::{Error, Result};
use serde_json::{Value, json};
use std::time::Instant;

/// Median and minimum of the timed runs.
pub struct Timing {
    /// Median wall time of one run, in seconds.
    pub median: f64,
    /// Fastest run, in seconds.
    pub min: f64,
}

/// Runs `work` once to warm up, then `repeat` times, on a rayon pool of `threads` threads.
pub fn time_work(
    threads: usize,
    repeat: usize,
    mut work: impl FnMut() -> Result<()> + Send,
) -> Result<Timing> {
    if threads == 0 || repeat == 0 {
        return Err(Error::InvalidInput(format!(
            "bench needs --threads ≥ 1 and --repeat ≥ 1, got {threads} and {repeat}"
        )));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::InvalidInput(format!("cannot start {threads} threads: {e}")))?;
    pool.install(|| {
        work()?;
        let mut times = Vec::with_capacity(repeat);
        for _ in 0..repeat {
            let start = Instant::now();
            work()?;
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let mid = times.len() / 2;
        let median = if times.len() % 2 == 1 {
            times[mid]
        } else {
            (times[mid - 1] + times[mid]) / 2.0
        };
        Ok(Timing {
            median,
            min: times[0],
        })
    })
}

/// The report of one benchmark, as JSON or one human line.
pub fn report(
    kind: &str,
    params: Value,
    threads: usize,
    repeat: usize,
    timing: &Timing,
    json: bool,
) -> String {
    if json {
        return json!({
            "kind": kind,
            "params": params,
            "threads": threads,
            "repeat": repeat,
            "median_seconds": timing.median,
            "min_seconds": timing.min,
        })
        .to_string();
    }
    format!(
        "{kind} {params}: median {:.6} s, min {:.6} s ({repeat} runs, {threads} threads)",
        timing.median, timing.min
    )
}
