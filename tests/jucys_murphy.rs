//! The Jucys–Murphy decomposition of representations of `S_n` into Young's orthogonal form
//! (theory/young-forms.md): `Qᵀ ρ(g) Q = ⊕ ρ_λ(g)` on random elements, multiplicities by
//! Murnaghan–Nakayama, and the Schur route it feeds for `S_n` beyond the reach of the
//! generic character table.

mod common;

use common::finite;
use equivariant::group::{Group, Permutation, PermutationGroup};
use equivariant::hom::{Method, hom_basis};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::rep::{Rep, Representation};
use equivariant::symmetric::jucys_murphy::decompose_sn;
use equivariant::symmetric::young_forms::YoungBasis;
use equivariant::symmetric::{Partition, character};
use nalgebra::DMatrix;
use num_traits::ToPrimitive;
use quickcheck::{QuickCheck, TestResult};
use rand::SeedableRng;
use std::sync::Arc;

const EXPRESSIONS: &[&str] = &[
    "V",
    "V^2",
    "sym2(V)",
    "alt2(V)",
    "V+sign",
    "sign*V^2",
    "sym2(V)+V",
];

fn rep(group: &Arc<PermutationGroup>, expr: &str) -> Rep<PermutationGroup> {
    build_rep(group, &parse_rep(expr).unwrap()).unwrap()
}

/// A permutation of cycle type `μ` on the points `0 … n−1`.
fn of_cycle_type(mu: &Partition, n: usize) -> Permutation {
    let mut images: Vec<usize> = (0..n).collect();
    let mut start = 0;
    for &part in mu.parts() {
        for k in 0..part {
            images[start + k] = start + (k + 1) % part;
        }
        start += part;
    }
    Permutation::from_images(images).unwrap()
}

/// `⟨χ_ρ, χ_λ⟩ = Σ_μ χ_ρ(μ) χ^λ(μ) / z_μ` with `χ^λ` by Murnaghan–Nakayama.
fn multiplicity(r: &dyn Representation<PermutationGroup>, lambda: &Partition, n: usize) -> f64 {
    Partition::all(n)
        .iter()
        .map(|mu| {
            let chi = character(lambda, mu).unwrap().to_f64().unwrap();
            r.character(&of_cycle_type(mu, n)) * chi / mu.centraliser_order().to_f64().unwrap()
        })
        .sum()
}

/// Theorem (Okounkov–Vershik): the joint eigenvectors of the Jucys–Murphy elements, completed
/// by Young's orthogonal form, give an orthogonal `Q` with `Qᵀ ρ(g) Q = ⊕ ρ_λ(g)` for every `g`
/// (checked on random elements, not only the generators), with `S^λ` occurring
/// `⟨χ_ρ, χ^λ⟩` times.
#[test]
fn jucys_murphy_elements_decompose_into_youngs_orthogonal_form() {
    fn property(n: usize, e: usize, seed: u64) -> TestResult {
        let n = 3 + n % 5;
        let group = finite(&format!("S{n}"));
        let r = rep(&group, EXPRESSIONS[e % EXPRESSIONS.len()]);
        let d = decompose_sn(r.as_ref()).unwrap();
        assert!(d.max_residual < 1e-10, "{}", d.max_residual);
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        for _ in 0..3 {
            let g = group.random_element(&mut rng).unwrap();
            let blocks: Vec<DMatrix<f64>> = d
                .blocks
                .iter()
                .map(|(lambda, _, _)| {
                    YoungBasis::new(lambda)
                        .unwrap()
                        .orthogonal_matrix(&g)
                        .unwrap()
                })
                .collect();
            let target = equivariant::linalg::direct_sum(&blocks);
            let defect = (d.q.transpose() * r.matrix(&g) * &d.q - target).norm();
            assert!(
                defect < 1e-10,
                "S{n} {}: defect {defect:e}",
                r.description()
            );
        }
        for lambda in Partition::all(n) {
            let copies = d.blocks.iter().filter(|(l, _, _)| *l == lambda).count();
            assert_eq!(
                copies as f64,
                multiplicity(r.as_ref(), &lambda, n).round(),
                "S{n} {lambda}"
            );
        }
        TestResult::passed()
    }
    QuickCheck::new()
        .tests(30)
        .quickcheck(property as fn(usize, usize, u64) -> TestResult);
}

/// The Schur route for `S_n` beyond the generic character table's reach (`S_8`, `S_9`, `S_10`):
/// the dimension equals `Σ_μ χ_V(μ) χ_W(μ) / z_μ`, every element is equivariant, and where the
/// orbit route applies the spans agree.
#[test]
fn schur_route_for_large_symmetric_groups() {
    for (group, v, w) in [
        ("S8", "[5,2,1]", "[5,2,1]+V"),
        ("S8", "sym2(V)", "V^2"),
        ("S9", "[5,4]+V", "[5,4]*V"),
        ("S10", "V^2", "V^2"),
    ] {
        let g = finite(group);
        let n = g.degree();
        let (rv, rw) = (rep(&g, v), rep(&g, w));
        let basis = hom_basis(rv.as_ref(), rw.as_ref(), Method::Schur).unwrap();
        let expected: f64 = Partition::all(n)
            .iter()
            .map(|mu| {
                let x = of_cycle_type(mu, n);
                rv.character(&x) * rw.character(&x) / mu.centraliser_order().to_f64().unwrap()
            })
            .sum();
        assert_eq!(basis.len() as f64, expected.round(), "{group}: {v} → {w}");
        assert!(
            basis.max_residual < 1e-10,
            "{group}: {}",
            basis.max_residual
        );
        if let Ok(orbits) = hom_basis(rv.as_ref(), rw.as_ref(), Method::Orbits) {
            let angle = equivariant::hom::check::max_principal_angle(
                &basis.to_dense().unwrap(),
                &orbits.to_dense().unwrap(),
            );
            assert!(angle < 1e-9, "{group}: {angle:e}");
        }
    }
}
