//! `max(x) ≈ (Σ x_i^p)^{1/p}` for large `p` (seed talk), with the bound
//! `max x ≤ (Σ x^p)^{1/p} ≤ k^{1/p} max x` for positive `x`. Prints, for a random positive
//! vector of length 10 and for one with ten tied maxima (where the upper bound is attained),
//! the power-sum root, its error and the bound `(k^{1/p} − 1) max x`, as `p` grows.
//!
//! Run with `cargo run --release --example max_power_mean`.

use equivariant::Result;
use equivariant::symmetric::symmetric_functions::power_sum_root;
use rand::{RngExt, SeedableRng, rngs::StdRng};

fn main() -> Result<()> {
    let mut rng = StdRng::seed_from_u64(2017);
    let random: Vec<f64> = (0..10).map(|_| 0.1 + 9.9 * rng.random::<f64>()).collect();
    let tied = vec![5.0; 10];
    for (label, x) in [("random x", &random), ("ten tied maxima", &tied)] {
        report(label, x)?;
    }
    Ok(())
}

fn report(label: &str, x: &[f64]) -> Result<()> {
    let k = x.len() as f64;
    let max = x.iter().copied().fold(0.0, f64::max);
    println!("{label}: k = {}, max = {max:.6}", x.len());
    println!(
        "  {:>5}  {:>12}  {:>12}  {:>12}  holds",
        "p", "(Σx^p)^(1/p)", "error", "bound"
    );
    for p in [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0] {
        let r = power_sum_root(x, p)?;
        let bound = (k.powf(1.0 / p) - 1.0) * max;
        let holds = r >= max && r - max <= bound * (1.0 + 1e-12);
        println!(
            "  {p:>5}  {r:>12.6}  {:>12.3e}  {bound:>12.3e}  {holds}",
            r - max
        );
    }
    println!();
    Ok(())
}
