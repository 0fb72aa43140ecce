//! `equivariant bench KIND [parameters] [--threads T] [--repeat R] [--json]`: times one piece
//! of work in-process, after one warm-up run, so that it can be compared with the peer
//! libraries on the same parameters (`../shared/peers/compare.py`). Prints `kind`, `params`,
//! `threads`, `repeat`, `median_seconds`, `min_seconds`.

use crate::so3::tensor_product::{FullyConnectedTensorProduct, Real};
use crate::{Error, Result};
use rand::{RngExt, SeedableRng};
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

/// Options every benchmark takes.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct BenchOptions {
    /// Worker threads (default: every available core).
    #[arg(long)]
    threads: Option<usize>,
    /// Timed runs after the warm-up.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
    /// Print one JSON document.
    #[arg(long)]
    json: bool,
}

/// Floating-point precision of a benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Precision {
    /// `f32`.
    F32,
    /// `f64`.
    F64,
}

impl Precision {
    fn name(self) -> &'static str {
        match self {
            Precision::F32 => "f32",
            Precision::F64 => "f64",
        }
    }
}

/// The kinds of work `bench` times.
#[derive(clap::Subcommand, Debug)]
pub enum BenchKind {
    /// Real spherical harmonics (integral normalisation) of all l ≤ lmax on N random unit
    /// points.
    Sh {
        /// The largest degree.
        #[arg(long, default_value_t = 8)]
        lmax: usize,
        /// The number of points.
        #[arg(long, default_value_t = 1_000_000)]
        points: usize,
        /// f32 or f64.
        #[arg(long, value_enum, default_value = "f64")]
        precision: Precision,
        #[command(flatten)]
        options: BenchOptions,
    },
    /// One complex Wigner matrix D^l of a random rotation.
    WignerD {
        /// The degree.
        #[arg(long, default_value_t = 100)]
        l: usize,
        #[command(flatten)]
        options: BenchOptions,
    },
    /// Every complex Clebsch–Gordan coefficient with l1, l2, l3 ≤ lmax, from a cold cache.
    Cg {
        /// The largest degree.
        #[arg(long, default_value_t = 20)]
        lmax: usize,
        #[command(flatten)]
        options: BenchOptions,
    },
    /// e3nn's FullyConnectedTensorProduct forward on a batch (random inputs and weights).
    Tp {
        /// The first input irreps.
        #[arg(long, default_value = "16x0e+16x1o+16x2e")]
        in1: String,
        /// The second input irreps.
        #[arg(long, default_value = "0e+1o+2e")]
        in2: String,
        /// The output irreps.
        #[arg(long, default_value = "16x0e+16x1o+16x2e")]
        out: String,
        /// The batch size.
        #[arg(long, default_value_t = 10_000)]
        batch: usize,
        /// f32 or f64.
        #[arg(long, value_enum, default_value = "f32")]
        precision: Precision,
        #[command(flatten)]
        options: BenchOptions,
    },
    /// A basis of Hom_G(in, out) (`basis`'s routes; nothing written).
    Basis {
        #[command(flatten)]
        problem: super::basis::Problem,
        #[command(flatten)]
        options: BenchOptions,
    },
    /// The character table of a finite group.
    Chartable {
        /// Group name.
        #[arg(long, default_value = "S8")]
        group: String,
        #[command(flatten)]
        options: BenchOptions,
    },
}

/// Runs `bench KIND …`.
pub fn bench_command(kind: BenchKind) -> Result<String> {
    match kind {
        BenchKind::Sh {
            lmax,
            points,
            precision,
            options,
        } => {
            let params = json!({"lmax": lmax, "points": points, "precision": precision.name()});
            match precision {
                Precision::F32 => run(options, "sh", params, sh_work::<f32>(lmax, points)?),
                Precision::F64 => run(options, "sh", params, sh_work::<f64>(lmax, points)?),
            }
        }
        BenchKind::WignerD { l, options } => {
            let mut rng = rand::rngs::StdRng::seed_from_u64(1);
            let (alpha, beta, gamma) = crate::group::Rotation::random(&mut rng).to_euler_zyz();
            crate::so3::wigner_d::wigner_d_complex(l, alpha, beta, gamma)?;
            run(options, "wigner-d", json!({"l": l}), move || {
                crate::so3::wigner_d::wigner_d_complex(l, alpha, beta, gamma).map(drop)
            })
        }
        BenchKind::Cg { lmax, options } => {
            let table = crate::so3::clebsch_gordan::ClebschGordanTable::new(lmax)?;
            let params = json!({"lmax": lmax, "coefficients": table.len()});
            run(options, "cg", params, move || {
                crate::so3::clebsch_gordan::ClebschGordanTable::new(lmax).map(drop)
            })
        }
        BenchKind::Tp {
            in1,
            in2,
            out,
            batch,
            precision,
            options,
        } => {
            let tp = FullyConnectedTensorProduct::new(&in1.parse()?, &in2.parse()?, &out.parse()?)?;
            let params = json!({
                "in1": in1, "in2": in2, "out": out, "batch": batch,
                "precision": precision.name(), "weights": tp.weight_numel(),
            });
            match precision {
                Precision::F32 => run(options, "tp", params, tp_work::<f32>(tp, batch)?),
                Precision::F64 => run(options, "tp", params, tp_work::<f64>(tp, batch)?),
            }
        }
        BenchKind::Basis { problem, options } => {
            let request = super::basis::BasisRequest {
                group: &problem.group,
                rep_in: &problem.rep_in,
                rep_out: &problem.rep_out,
                method: problem.method,
                check: false,
                form: super::basis::Form::Operator,
                output: None,
                json: true,
            };
            let first: Value = serde_json::from_str(&super::basis::basis_command(&request)?)
                .map_err(|e| Error::Numerical(format!("basis report: {e}")))?;
            let params = json!({
                "group": problem.group, "in": problem.rep_in, "out": problem.rep_out,
                "method": first["method"], "dim": first["dim"],
            });
            run(options, "basis", params, move || {
                super::basis::basis_command(&request).map(drop)
            })
        }
        BenchKind::Chartable { group, options } => {
            let expr = crate::io::expr::parse_group(&group)?;
            // A fresh group each run, so that no cached enumeration or classes are reused.
            let fresh = move || match crate::group::build_group(&expr)? {
                crate::group::AnyGroup::Finite(g) => Ok(g),
                other => Err(Error::InvalidInput(format!(
                    "chartable needs a finite group, not {}",
                    other.name()
                ))),
            };
            // S_n by Murnaghan–Nakayama (as `chartable` does), every other group generically.
            if let crate::group::Family::Symmetric(n) = *fresh()?.family() {
                let params = json!({"group": group, "method": "Murnaghan-Nakayama"});
                return run(options, "chartable", params, move || {
                    crate::symmetric::character_table_sn(n).map(drop)
                });
            }
            run(options, "chartable", json!({"group": group}), move || {
                crate::character::character_table(fresh()?.as_ref()).map(drop)
            })
        }
    }
}

fn run(
    options: BenchOptions,
    kind: &str,
    params: Value,
    work: impl FnMut() -> Result<()> + Send,
) -> Result<String> {
    let threads = options
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let timing = time_work(threads, options.repeat, work)?;
    Ok(report(
        kind,
        params,
        threads,
        options.repeat,
        &timing,
        options.json,
    ))
}

/// The `sh` work: the harmonics of `points` Haar-random unit vectors into one buffer.
fn sh_work<T: crate::so3::spherical_harmonics::ShFloat>(
    lmax: usize,
    points: usize,
) -> Result<impl FnMut() -> Result<()> + Send> {
    use crate::so3::spherical_harmonics::{Convention, Normalization, SphericalHarmonics};
    let plan = SphericalHarmonics::<T>::new(lmax, Normalization::Integral, Convention::Standard)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(0);
    let xyz: Vec<[T; 3]> = (0..points)
        .map(|_| {
            let v = crate::group::Rotation::random(&mut rng).apply([0.0, 0.0, 1.0]);
            v.map(|c| T::from(c).unwrap_or_else(T::zero))
        })
        .collect();
    let mut out = plan.compute(&xyz)?;
    Ok(move || plan.compute_into(&xyz, &mut out))
}

/// The `tp` work: one forward pass of `tp` on `batch` random samples with random weights.
fn tp_work<T: Real>(
    tp: FullyConnectedTensorProduct,
    batch: usize,
) -> Result<impl FnMut() -> Result<()> + Send> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(3);
    let mut random = |n: usize| -> Vec<T> {
        (0..n)
            .map(|_| T::of_f64(rng.random::<f64>() * 2.0 - 1.0))
            .collect()
    };
    let x1 = random(batch * tp.irreps_in1().dim());
    let x2 = random(batch * tp.irreps_in2().dim());
    let weights = random(tp.weight_numel());
    tp.forward(&x1, &x2, &weights, batch)?;
    Ok(move || tp.forward(&x1, &x2, &weights, batch).map(drop))
}
