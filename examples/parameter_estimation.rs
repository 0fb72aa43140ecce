//! Parameter estimation with a sum-decomposed model `ρ(Σ_x φ(x))` (seed talk; Zaheer et al.,
//! *Deep Sets*, 2017). Sets `X_i` of 100 samples are drawn from Normal(μ, σ), Gamma(shape,
//! rate) and Exponential(rate) with random parameters (statrs distributions, sampled by their
//! inverse CDF at uniforms from a seeded `StdRng`); the set enters only through its pooled
//! power sums `(1/n) Σ (x, x², …, x^d)`, and `ρ` is a least-squares combination of a few
//! functions of them. Prints, per parameter, the held-out RMSE of two readouts — linear in
//! the pooled power sums (`d = 4`), and linear in moment functions (mean, standard deviation,
//! `1/mean`, `mean²/var`, `mean/var`) — next to the constant predictor, and checks that
//! shuffling a set leaves every estimate bit-for-bit unchanged.
//!
//! Run with `cargo run --release --example parameter_estimation`.

use equivariant::Result;
use equivariant::symmetric::symmetric_functions::SumDecomposed;
use equivariant::testing::sample_inverse_cdf;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use statrs::distribution::{ContinuousCDF, Exp, Gamma, Normal};
use statrs::statistics::Distribution;

const SET_SIZE: usize = 100;
const TRAIN: usize = 2000;
const TEST: usize = 500;

/// One drawn set with its true parameters and statrs's mean and variance of the law.
struct Draw {
    set: Vec<f64>,
    theta: Vec<f64>,
    mean: f64,
    variance: f64,
}

type Readout = fn(&[f64]) -> Vec<f64>;

/// Draws one set with fresh random parameters.
type Sampler = fn(&mut StdRng) -> Result<Draw>;

fn main() -> Result<()> {
    let mut rng = StdRng::seed_from_u64(2017);
    println!("{TRAIN} training and {TEST} held-out sets of {SET_SIZE} samples per family\n");
    let families: [(&str, &[&str], Sampler); 3] = [
        (
            "Normal(μ ~ U(−2,2), σ ~ U(0.5,2))",
            &["μ", "σ"],
            draw_normal,
        ),
        (
            "Gamma(shape ~ U(1,5), rate ~ U(0.5,2))",
            &["shape", "rate"],
            draw_gamma,
        ),
        ("Exponential(rate ~ U(0.5,3))", &["rate"], draw_exponential),
    ];
    for (name, params, draw) in families {
        let train: Vec<Draw> = (0..TRAIN).map(|_| draw(&mut rng)).collect::<Result<_>>()?;
        let test: Vec<Draw> = (0..TEST).map(|_| draw(&mut rng)).collect::<Result<_>>()?;
        println!("{name}");
        sampler_check(&train);
        println!(
            "  {:>6}  {:>10}  {:>14}  {:>14}  shuffle-invariant",
            "param", "constant", "linear in p/n", "moment ρ"
        );
        for (j, param) in params.iter().enumerate() {
            estimate(param, j, &train, &test, &mut rng)?;
        }
        println!();
    }
    Ok(())
}

/// Prints the mean and standard deviation of `z = (x̄ − E x)/√(Var x / n)` over the training
/// sets, with `E`, `Var` from statrs: about 0 and 1 if the inverse-CDF sampler is right.
fn sampler_check(draws: &[Draw]) {
    let n = SET_SIZE as f64;
    let z: Vec<f64> = draws
        .iter()
        .map(|d| (d.set.iter().sum::<f64>() / n - d.mean) / (d.variance / n).sqrt())
        .collect();
    let m = z.iter().sum::<f64>() / z.len() as f64;
    let s = (z.iter().map(|v| (v - m).powi(2)).sum::<f64>() / z.len() as f64).sqrt();
    println!("  sampler check against statrs mean/variance: z of sample means {m:+.3} ± {s:.3}");
}

/// Fits both readouts for parameter `j` and prints their held-out RMSE.
fn estimate(param: &str, j: usize, train: &[Draw], test: &[Draw], rng: &mut StdRng) -> Result<()> {
    let sets: Vec<Vec<f64>> = train.iter().map(|d| d.set.clone()).collect();
    let targets: Vec<f64> = train.iter().map(|d| d.theta[j]).collect();
    let constant = targets.iter().sum::<f64>() / targets.len() as f64;
    let linear = SumDecomposed::fit(4, linear_readout as Readout, &sets, &targets)?;
    let moment = SumDecomposed::fit(2, moment_readout(param) as Readout, &sets, &targets)?;
    let truth = test.iter().map(|d| d.theta[j]);
    let rmse_of = |model: &SumDecomposed<Readout>| -> Result<f64> {
        let errs: Vec<f64> = test
            .iter()
            .zip(truth.clone())
            .map(|(d, t)| Ok(model.predict(&d.set)? - t))
            .collect::<Result<_>>()?;
        Ok(rms(&errs))
    };
    let baseline: Vec<f64> = truth.clone().map(|t| constant - t).collect();
    let mut shuffled = test[0].set.clone();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.random_range(0..=i));
    }
    let invariant = [&linear, &moment]
        .iter()
        .map(|m| Ok(m.predict(&shuffled)? == m.predict(&test[0].set)?))
        .collect::<Result<Vec<bool>>>()?
        .iter()
        .all(|b| *b);
    println!(
        "  {param:>6}  {:>10.4}  {:>14.4}  {:>14.4}  {invariant}",
        rms(&baseline),
        rmse_of(&linear)?,
        rmse_of(&moment)?
    );
    Ok(())
}

fn rms(errors: &[f64]) -> f64 {
    (errors.iter().map(|e| e * e).sum::<f64>() / errors.len() as f64).sqrt()
}

/// `g(s) = (1, s_1, …, s_4)`: `ρ` linear in the pooled power sums themselves.
fn linear_readout(s: &[f64]) -> Vec<f64> {
    std::iter::once(1.0).chain(s.iter().copied()).collect()
}

/// Method-of-moments functions of `m = s_1`, `v = s_2 − s_1²`, one set per parameter.
fn moment_readout(param: &str) -> Readout {
    match param {
        "μ" => |s| vec![1.0, s[0]],
        "σ" => |s| vec![1.0, s[0], variance(s).sqrt()],
        "shape" => |s| vec![1.0, s[0] * s[0] / variance(s)],
        "rate" => |s| vec![1.0, 1.0 / s[0], s[0] / variance(s)],
        _ => |s| vec![1.0, s[0]],
    }
}

fn variance(s: &[f64]) -> f64 {
    (s[1] - s[0] * s[0]).max(1e-12)
}

fn statrs_error(e: impl std::fmt::Display) -> equivariant::Error {
    equivariant::Error::InvalidInput(format!("statrs: {e}"))
}

fn draw_normal(rng: &mut StdRng) -> Result<Draw> {
    let (mu, sigma) = (
        -2.0 + 4.0 * rng.random::<f64>(),
        0.5 + 1.5 * rng.random::<f64>(),
    );
    let dist = Normal::new(mu, sigma).map_err(statrs_error)?;
    Ok(draw_from(&dist, vec![mu, sigma], rng))
}

fn draw_gamma(rng: &mut StdRng) -> Result<Draw> {
    let (shape, rate) = (
        1.0 + 4.0 * rng.random::<f64>(),
        0.5 + 1.5 * rng.random::<f64>(),
    );
    let dist = Gamma::new(shape, rate).map_err(statrs_error)?;
    Ok(draw_from(&dist, vec![shape, rate], rng))
}

fn draw_exponential(rng: &mut StdRng) -> Result<Draw> {
    let rate = 0.5 + 2.5 * rng.random::<f64>();
    let dist = Exp::new(rate).map_err(statrs_error)?;
    Ok(draw_from(&dist, vec![rate], rng))
}

fn draw_from<D>(dist: &D, theta: Vec<f64>, rng: &mut StdRng) -> Draw
where
    D: ContinuousCDF<f64, f64> + Distribution<f64>,
{
    Draw {
        set: sample_inverse_cdf(dist, SET_SIZE, rng),
        theta,
        mean: dist.mean().unwrap_or(f64::NAN),
        variance: dist.variance().unwrap_or(f64::NAN),
    }
}
