//! Build a few groups and representations, print their characters, and check a layer.
//!
//! Run with `cargo run --release --example representations`.

use equivariant::group::{FiniteGroup, Group, PermutationGroup, Polyhedral};
use equivariant::rep;
use equivariant::testing::assert_equivariant;
use nalgebra::DVector;
use std::sync::Arc;

fn main() -> equivariant::Result<()> {
    // The icosahedral rotation group and Sym²(V) = 1 ⊕ 5 (the trace and the traceless part).
    let ico = Arc::new(PermutationGroup::polyhedral(Polyhedral::I)?);
    let v = rep::defining(&ico);
    let sym2 = rep::sym(&v, 2)?;
    println!(
        "I: order {}, Sym²(V) has dimension {}",
        ico.order()?,
        sym2.dim()
    );
    for class in ico.conjugacy_classes()? {
        println!(
            "  class of order {:>2} (size {:>2}): χ_V = {:>7.4}, χ_Sym² = {:>7.4}",
            class.element_order,
            class.size,
            v.character(&class.representative),
            sym2.character(&class.representative)
        );
    }

    // A Deep Sets layer x ↦ λx + γ(1ᵀx)1 is S_n-equivariant; the harness reports the residual.
    let s6 = Arc::new(PermutationGroup::symmetric(6)?);
    let perm = rep::defining(&s6);
    let layer = |x: &DVector<f64>| x * 0.8 + DVector::from_element(x.len(), -0.1 * x.sum());
    let report = assert_equivariant(layer, s6.as_ref(), &perm, &perm)?;
    println!(
        "Deep Sets layer on {}: worst residual {:.2e} over {} random permutations",
        s6.name(),
        report.worst_residual,
        report.samples
    );
    Ok(())
}
