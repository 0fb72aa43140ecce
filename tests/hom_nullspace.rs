//! The nullspace route for bases of `Hom_G(V, W)` (theory/equivariant-maps.md): dimensions
//! against the character inner product, the orbit count and Schur's lemma; equivariance and
//! independence of the basis; the CLI; refusals.

mod common;

use common::{cli_json, finite, run_cli};
use equivariant::Error;
use equivariant::group::{AnyGroup, FiniteGroup, build_group};
use equivariant::hom::nullspace::{HomBasis, nullspace_basis};
use equivariant::io::build::{RepAtoms, build_rep};
use equivariant::io::expr::{parse_group, parse_rep};
use equivariant::symmetric::set_partitions::SetPartitionBasis;
use nalgebra::DMatrix;
use std::sync::Arc;

fn hom_on<G: RepAtoms>(
    group: &Arc<G>,
    rep_in: &str,
    rep_out: &str,
) -> equivariant::Result<HomBasis> {
    let v = build_rep(group, &parse_rep(rep_in)?)?;
    let w = build_rep(group, &parse_rep(rep_out)?)?;
    nullspace_basis(&*v, &*w)
}

/// The nullspace basis of `Hom_G(rep_in, rep_out)` for a group named as on the command line.
fn hom(group: &str, rep_in: &str, rep_out: &str) -> equivariant::Result<HomBasis> {
    match build_group(&parse_group(group)?)? {
        AnyGroup::Finite(g) => hom_on(&g, rep_in, rep_out),
        AnyGroup::SO2(g) => hom_on(&g, rep_in, rep_out),
        AnyGroup::O2(g) => hom_on(&g, rep_in, rep_out),
        AnyGroup::SO3(g) => hom_on(&g, rep_in, rep_out),
        AnyGroup::O3(g) => hom_on(&g, rep_in, rep_out),
    }
}

/// `⟨χ_V, χ_W⟩ = (1/|G|) Σ_g χ_V(g) χ_W(g)` (real characters), by enumerating the elements.
fn character_inner_product(group: &str, rep_in: &str, rep_out: &str) -> f64 {
    let g = finite(group);
    let v = build_rep(&g, &parse_rep(rep_in).unwrap()).unwrap();
    let w = build_rep(&g, &parse_rep(rep_out).unwrap()).unwrap();
    let elements = g.elements().unwrap();
    let sum: f64 = elements
        .iter()
        .map(|x| v.character(x) * w.character(x))
        .sum();
    sum / elements.len() as f64
}

/// Every element equivariant (residual < 1e-9) and the elements linearly independent (the
/// `dim W · dim V × dim` matrix of their vectorisations has full column rank).
fn assert_equivariant_and_independent(hom: &HomBasis) {
    assert!(hom.max_residual < 1e-9, "residual {}", hom.max_residual);
    if hom.is_empty() {
        return;
    }
    let rows = hom.basis[0].len();
    let stacked = DMatrix::from_fn(rows, hom.len(), |i, j| hom.basis[j].as_slice()[i]);
    assert_eq!(stacked.rank(1e-9), hom.len(), "basis not independent");
}

/// Theorem: for finite `G` and real `V, W`, `dim Hom_G(V, W) = ⟨χ_V, χ_W⟩`. Checked over S4
/// (`V^2 → V`), D4 (`V → V`, absolutely irreducible: 1), C5 (`V → V`, complex type: 2), Q8
/// (`V → V`, quaternionic type: 4), A4, D5 and the regular representation of S3 (`|G|`).
#[test]
fn dimension_equals_character_inner_product_for_finite_groups() {
    for (group, rep_in, rep_out, expected) in [
        ("S4", "V^2", "V", Some(5)),
        ("D4", "V", "V", Some(1)),
        ("C5", "V", "V", Some(2)),
        ("Q8", "V", "V", Some(4)),
        ("A4", "V", "V^2", None),
        ("D5", "V*V", "V", None),
        ("S3", "reg", "reg", Some(6)),
    ] {
        let inner = character_inner_product(group, rep_in, rep_out);
        let h = hom(group, rep_in, rep_out).unwrap();
        assert!(
            (inner - h.len() as f64).abs() < 1e-9,
            "{group}: {rep_in} → {rep_out}: dim {} but ⟨χ, χ⟩ = {inner}",
            h.len()
        );
        if let Some(expected) = expected {
            assert_eq!(h.len(), expected, "{group}: {rep_in} → {rep_out}");
        }
        assert_equivariant_and_independent(&h);
    }
}

/// Theorem: for `S_n` on `V^{⊗k} → V^{⊗l}` the dimension is the number of set partitions of
/// `k + l` points with at most `n` blocks (Bell(k + l) for `n ≥ k + l`); permutation
/// constraints are integral, so the route is exact.
#[test]
fn symmetric_group_dimension_is_the_orbit_count() {
    for (n, k, l, bell) in [
        (4, 2, 1, Some(5)),
        (5, 2, 2, Some(15)),
        (3, 2, 2, None),
        (2, 1, 2, None),
    ] {
        let h = hom(&format!("S{n}"), &format!("V^{k}"), &format!("V^{l}")).unwrap();
        let orbits = SetPartitionBasis::new(n, k, l).unwrap().len();
        assert_eq!(h.len(), orbits, "S{n}: V^{k} → V^{l}");
        if let Some(b) = bell {
            assert_eq!(h.len(), b);
        }
        assert!(h.exact);
        assert_equivariant_and_independent(&h);
    }
}

/// Theorem (Schur's lemma for compact Lie groups, real irreps of real type):
/// `dim Hom(⊕ m_i ρ_i, ⊕ n_i ρ_i) = Σ m_i n_i`. `1⊗1 = 0 ⊕ 1 ⊕ 2` gives 3; for O(3) parity
/// must match: `Hom(1o, 1e) = 0`, `1o⊗1o ⊇ 1e` once. The Lie algebra plus the discrete
/// generators pin the constraints down (SO(2) on V: rotations commute, dimension 2).
#[test]
fn lie_group_dimensions_follow_schur() {
    for (group, rep_in, rep_out, expected) in [
        ("SO3", "1*1", "1*1", 3),
        ("SO3", "1", "2", 0),
        ("O3", "1o", "1e", 0),
        ("O3", "1o*1o", "1e", 1),
        ("O3", "1o*1o", "0e+1e+2e", 3),
        ("SO2", "V", "V", 2),
        ("O2", "V", "V", 1),
    ] {
        let h = hom(group, rep_in, rep_out).unwrap();
        assert_eq!(h.len(), expected, "{group}: {rep_in} → {rep_out}");
        assert_equivariant_and_independent(&h);
    }
}

/// The SVD route reports its singular-value gap: for C5 on V (rotation by 2π/5, not
/// integral) the kept/dropped ratio is large and the basis commutes with the rotation.
#[test]
fn non_integral_constraints_use_the_svd_with_a_gap() {
    let h = hom("C5", "V", "V").unwrap();
    assert!(!h.exact);
    assert!(h.gap.is_some_and(|g| g > 1e6), "gap {:?}", h.gap);
    assert_equivariant_and_independent(&h);
}

/// `basis --method nullspace --group Q8 --in V --out V --json`: dimension 4 (quaternionic),
/// exact; `--method auto` keeps the orbit route for S_n and takes the Schur route for SO(3);
/// the written array has shape `[dim, out_dim, in_dim]` with a sidecar.
#[test]
fn cli_nullspace_route() {
    let doc = cli_json(&[
        "basis",
        "--method",
        "nullspace",
        "--group",
        "Q8",
        "--in",
        "V",
        "--out",
        "V",
        "--json",
    ]);
    assert_eq!(doc["dim"], 4);
    assert_eq!(doc["method"], "nullspace");
    assert_eq!(doc["exact"], true);
    let auto = cli_json(&[
        "basis", "--group", "S4", "--in", "V", "--out", "V", "--json",
    ]);
    assert_eq!(auto["method"], "orbits");
    let auto = cli_json(&[
        "basis", "--group", "SO3", "--in", "1*1", "--out", "1*1", "--json",
    ]);
    assert_eq!(auto["method"], "schur");
    assert_eq!(auto["dim"], 3);
    let dir = std::env::temp_dir().join(format!("equivariant-hom-null-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("B.npy");
    let doc = cli_json(&[
        "basis",
        "--method",
        "nullspace",
        "--group",
        "D4",
        "--in",
        "V",
        "--out",
        "V+V",
        "--output",
        path.to_str().unwrap(),
        "--json",
    ]);
    let file = npyz::NpyFile::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(
        file.shape().to_vec(),
        vec![doc["dim"].as_u64().unwrap(), 4, 2]
    );
    let sidecar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("B.json")).unwrap()).unwrap();
    assert_eq!(sidecar["elements"][0]["kind"], "nullspace vector");
}

/// Requests too large for both the stacked and the blockwise solve are refused with TooLarge
/// naming the size (library and CLI), and different groups are refused, without panicking.
/// `S10` on `V^2 → V^2` (10⁴ unknowns, a 1.6 GiB stack) is solved blockwise; `S20` (1.6·10⁵
/// unknowns, an `n`-cycle with about 8000 solutions) is refused.
#[test]
fn too_large_requests_are_refused() {
    let s10 = hom("S10", "V^2", "V^2").unwrap();
    assert_eq!(s10.len(), 15);
    assert_equivariant_and_independent(&s10);
    match hom("S20", "V^2", "V^2") {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains(" × "), "{needed}"),
        other => panic!("expected TooLarge, got {:?}", other.map(|h| h.len())),
    }
    let (code, _, stderr) = run_cli(&[
        "basis",
        "--method",
        "nullspace",
        "--group",
        "S20",
        "--in",
        "V^2",
        "--out",
        "V^2",
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("Hom(400 → 400)"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (s3, s4) = (finite("S3"), finite("S4"));
    let v3 = build_rep(&s3, &parse_rep("V").unwrap()).unwrap();
    let v4 = build_rep(&s4, &parse_rep("V").unwrap()).unwrap();
    assert!(matches!(
        nullspace_basis(&*v3, &*v4),
        Err(Error::InvalidInput(_))
    ));
}
