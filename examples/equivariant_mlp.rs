//! An `O(3)`-equivariant MLP `1o → 2x0e+2x1o+1x2e → 2x0e+2x1o+1x2e → 0e+1o` (gated and norm
//! nonlinearities), applied to a point `x` and to `g x` for a random rotation composed with the
//! inversion: the outputs satisfy `f(g x) = ρ_out(g) f(x)` to rounding.
//!
//! The `0e` output is `0` here: linear layers map scalars only to scalars, and the gated and
//! norm nonlinearities only rescale the non-scalar blocks, so the scalars of this MLP depend on
//! the `0e` part of the input alone (a point has none). Invariants such as `‖x‖²` need a
//! bilinear layer (a tensor product), as in e3nn or EMLP's bilinear layers.
//!
//! Run with `cargo run --release --example equivariant_mlp`.

use equivariant::Result;
use equivariant::group::{Group, O3};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::nn::equivariant_mlp::{EquivariantMlp, FieldBlock, HiddenLayer};
use equivariant::nn::point_cloud::Activation;
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::sync::Arc;

fn main() -> Result<()> {
    let group = Arc::new(O3);
    let irreps = |s: &str| -> Result<_> { build_rep(&group, &parse_rep(s)?) };
    let (v, w, h) = (irreps("1o")?, irreps("0e+1o")?, irreps("2x0e+2x1o+1x2e")?);
    let gated = HiddenLayer {
        rep: h.clone(),
        blocks: vec![
            FieldBlock::Scalar,
            FieldBlock::Scalar,
            FieldBlock::Gated { dim: 3, gate: 0 },
            FieldBlock::Gated { dim: 3, gate: 1 },
            FieldBlock::Gated { dim: 5, gate: 1 },
        ],
        activation: Activation::Silu,
    };
    let norm = HiddenLayer {
        rep: h,
        blocks: vec![
            FieldBlock::Scalar,
            FieldBlock::Scalar,
            FieldBlock::Norm { dim: 3 },
            FieldBlock::Norm { dim: 3 },
            FieldBlock::Norm { dim: 5 },
        ],
        activation: Activation::Silu,
    };
    let mlp = EquivariantMlp::new(&v, &[gated, norm], &w, 2024)?;
    for (i, layer) in mlp.linears().iter().enumerate() {
        println!(
            "layer {i}: {:?}, {} weights, {} biases",
            layer.dims(),
            layer.basis().len(),
            layer.bias_basis().len()
        );
    }

    let x = DMatrix::from_column_slice(3, 1, &[0.3, -1.2, 0.7]);
    let mut rng = StdRng::seed_from_u64(7);
    let mut g = group.random_element(&mut rng)?;
    g.inversion = true;
    let fx = mlp.forward(&x)?;
    let fgx = mlp.forward(&(v.matrix(&g) * &x))?;
    let expected = w.matrix(&g) * &fx;
    println!("g         = {}", group.describe(&g));
    println!("f(x)      = {:?}", fx.as_slice());
    println!("f(g x)    = {:?}", fgx.as_slice());
    println!("ρ(g) f(x) = {:?}", expected.as_slice());
    println!(
        "equivariance error ‖f(g x) − ρ(g) f(x)‖ = {:.3e}",
        (fgx - expected).norm()
    );
    Ok(())
}
