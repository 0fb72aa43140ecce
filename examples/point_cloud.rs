//! A two-layer tensor field network on a random point cloud: its invariant output for the
//! cloud and for rotated, reflected, translated and permuted copies, and the largest
//! difference.
//!
//! Run with `cargo run --release --example point_cloud`.

use equivariant::Result;
use equivariant::group::Rotation;
use equivariant::nn::point_cloud::{RadialBasis, TensorFieldNetwork, TfnConfig};
use rand::{RngExt, SeedableRng, rngs::StdRng};

fn main() -> Result<()> {
    let mut rng = StdRng::seed_from_u64(2018);
    let config = TfnConfig {
        irreps_in: "3x0e".parse()?,
        sh_lmax: 2,
        radial: RadialBasis::bessel(8, 1.5)?,
        hidden_scalars: 16,
        hidden_gated: "8x1o+4x2e".parse()?,
        num_outputs: 4,
        expected_neighbours: 12.0,
    };
    let net = TensorFieldNetwork::new(&config, 7)?;
    let n = 64;
    let xs: Vec<[f64; 3]> = (0..n)
        .map(|_| [0, 1, 2].map(|_| 4.0 * rng.random::<f64>()))
        .collect();
    // One-hot point types: scalars, untouched by O(3).
    let types: Vec<f64> = (0..n)
        .flat_map(|_| {
            let t = rng.random_range(0..3);
            (0..3).map(move |k| if k == t { 1.0 } else { 0.0 })
        })
        .collect();

    let rotation = Rotation::random(&mut rng);
    let rotated: Vec<[f64; 3]> = xs.iter().map(|&x| rotation.apply(x)).collect();
    let reflected: Vec<[f64; 3]> = xs.iter().map(|&[x, y, z]| [-x, y, z]).collect();
    let translated: Vec<[f64; 3]> = xs
        .iter()
        .map(|&[x, y, z]| [x + 10.0, y - 3.0, z + 0.5])
        .collect();
    let order: Vec<usize> = (0..n).rev().collect();
    let permuted: Vec<[f64; 3]> = order.iter().map(|&i| xs[i]).collect();
    let permuted_types: Vec<f64> = order
        .iter()
        .flat_map(|&i| types[3 * i..3 * i + 3].to_vec())
        .collect();

    let original = net.forward(&xs, &types)?;
    println!("hidden irreps after the gate: {}", net.gate().irreps_out());
    println!("{:<12} {original:+.12?}", "original");
    let mut largest = 0.0f64;
    for (name, positions, features) in [
        ("rotated", &rotated, &types),
        ("reflected", &reflected, &types),
        ("translated", &translated, &types),
        ("permuted", &permuted, &permuted_types),
    ] {
        let out = net.forward(positions, features)?;
        println!("{name:<12} {out:+.12?}");
        let difference = out
            .iter()
            .zip(&original)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        largest = largest.max(difference);
    }
    println!("largest difference: {largest:.3e}");
    Ok(())
}
