//! Isotypic decomposition and the dimension of `Hom_G` from characters.

mod common;

use common::{FINITE_GROUPS, finite};
use equivariant::character::{character_of, character_table};
use equivariant::decompose::isotypic_decomposition;
use equivariant::group::{FiniteGroup, PermutationGroup};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::linalg::{nullspace, nullspace_svd, qmatrix_from_i64};
use equivariant::rep::{self, Rep};
use nalgebra::DMatrix;
use std::sync::Arc;

fn build(group: &Arc<PermutationGroup>, expr: &str) -> Rep<PermutationGroup> {
    build_rep(group, &parse_rep(expr).unwrap()).unwrap()
}

/// The projectors are idempotent, commute with ρ, are mutually orthogonal, sum to the
/// identity, have rank m·dim, and Q⁻¹ρQ is block diagonal (residual < 1e-10).
#[test]
fn isotypic_projectors_are_complete_orthogonal_idempotents() {
    for &name in FINITE_GROUPS {
        let group = finite(name);
        let table = character_table(&group).unwrap();
        for expr in ["V", "V^2", "reg", "sym2(V) + V"] {
            let rep = build(&group, expr);
            let d = rep.dim();
            let decomposition = isotypic_decomposition(&table, rep.as_ref()).unwrap();
            assert!(decomposition.max_residual < 1e-10, "{name} {expr}");
            let mut sum = DMatrix::<f64>::zeros(d, d);
            for (i, c) in decomposition.components.iter().enumerate() {
                let p = &c.projector;
                assert!(
                    (p * p - p).norm() < 1e-9,
                    "{name} {expr} {}: not idempotent",
                    c.label
                );
                for s in group.generators() {
                    let m = rep.matrix(&s);
                    assert!(
                        (&m * p - p * &m).norm() < 1e-9,
                        "{name} {expr}: not equivariant"
                    );
                }
                for other in &decomposition.components[i + 1..] {
                    assert!((p * &other.projector).norm() < 1e-9, "{name} {expr}");
                }
                assert_eq!(c.basis.ncols(), c.multiplicity * c.irrep_dim);
                sum += p;
            }
            assert!(
                (sum - DMatrix::identity(d, d)).norm() < 1e-9,
                "{name} {expr}: Σ P ≠ I"
            );
            let q = &decomposition.change_of_basis;
            assert!(
                (q.transpose() * q - DMatrix::identity(d, d)).norm() < 1e-9,
                "{name} {expr}"
            );
        }
    }
}

/// `dim Hom_G(V, W) = Σ_R m_R(V) m_R(W) dim End_G(R)` (Schur's lemma over R), compared with the
/// nullspace of the intertwining equations `ρ_W(s) A = A ρ_V(s)` over the generators: exact
/// over Q for permutation representations, by SVD otherwise.
#[test]
fn hom_dimension_from_characters_matches_the_intertwiner_nullspace() {
    let cases = [
        ("S4", "V", "V^2"),
        ("S5", "V^2", "V"),
        ("A5", "V", "reg"),
        ("Q8", "V", "V"),
        ("Q8", "reg", "V + triv"),
        ("C3", "V", "V^2"),
        ("C5", "V", "reg"),
        ("D4", "V^2", "V + sign"),
        ("I", "V", "sym2(V)"),
        ("Td", "V", "V^2"),
        ("C2xS3", "V", "V^2"),
        ("T", "V + reg", "V"),
    ];
    for (name, v_text, w_text) in cases {
        let group = finite(name);
        let table = character_table(&group).unwrap();
        let v = build(&group, v_text);
        let w = build(&group, w_text);
        let mv = table
            .multiplicities(&character_of(&table, v.as_ref()).unwrap())
            .unwrap();
        let mw = table
            .multiplicities(&character_of(&table, w.as_ref()).unwrap())
            .unwrap();
        let from_characters: u64 = table
            .real_irreps()
            .iter()
            .zip(mv.real.unwrap())
            .zip(mw.real.unwrap())
            .map(|((r, a), b)| a * b * r.real_type.endomorphism_dim() as u64)
            .sum();
        // Constraints on vec(A) (column-major, A is dim W × dim V):
        // (ρ_V(s)ᵀ ⊗ I − I ⊗ ρ_W(s)) vec(A) = 0.
        let (dv, dw) = (v.dim(), w.dim());
        let mut rows: Vec<DMatrix<f64>> = Vec::new();
        for s in group.generators() {
            let (a, b) = (v.matrix(&s), w.matrix(&s));
            let c = equivariant::linalg::kron(&a.transpose(), &DMatrix::identity(dw, dw)).unwrap()
                - equivariant::linalg::kron(&DMatrix::identity(dv, dv), &b).unwrap();
            rows.push(c);
        }
        let stacked = DMatrix::from_fn(rows.len() * dv * dw, dv * dw, |r, c| {
            rows[r / (dv * dw)][(r % (dv * dw), c)]
        });
        let integral = stacked.iter().all(|x| (x - x.round()).abs() < 1e-12);
        let nullity = if integral {
            let entries: Vec<i64> = stacked.iter().map(|x| x.round() as i64).collect();
            // qmatrix_from_i64 reads row-major; nalgebra iterates column-major.
            let exact = qmatrix_from_i64(stacked.ncols(), stacked.nrows(), &entries)
                .unwrap()
                .transpose();
            nullspace(&exact).ncols() as u64
        } else {
            nullspace_svd(&stacked, None).unwrap().basis.ncols() as u64
        };
        assert_eq!(from_characters, nullity, "{name}: Hom({v_text}, {w_text})");
    }
}

/// A representation given in a non-orthogonal basis is unitarised first: the isotypic
/// decomposition still block-diagonalises it.
#[test]
fn non_orthogonal_representations_are_unitarised() {
    let group = finite("S4");
    let v2 = build(&group, "V^2 + sign");
    let d = v2.dim();
    let basis = DMatrix::from_fn(d, d, |i, j| {
        if i == j {
            2.0
        } else {
            ((i * 7 + j * 3) % 5) as f64 / 10.0
        }
    });
    let basis_inv = basis.clone().try_inverse().unwrap();
    let inner = v2.clone();
    let conjugated = rep::from_fn(
        &group,
        d,
        Arc::new(move |g| &basis * inner.matrix(g) * &basis_inv),
        Vec::new(),
        "B V^2 B⁻¹",
    )
    .unwrap();
    let table = character_table(&group).unwrap();
    let decomposition = isotypic_decomposition(&table, conjugated.as_ref()).unwrap();
    assert!(!decomposition.orthogonal);
    assert!(
        decomposition.max_residual < 1e-9,
        "{}",
        decomposition.max_residual
    );
    let g = group.elements().unwrap()[5].clone();
    let q = &decomposition.change_of_basis;
    let block = q.clone().try_inverse().unwrap() * conjugated.matrix(&g) * q;
    let mut start = 0;
    for c in &decomposition.components {
        let size = c.basis.ncols();
        let mut off = block.rows(start, size).into_owned();
        off.columns_mut(start, size).fill(0.0);
        assert!(off.norm() < 1e-9);
        start += size;
    }
}

/// The check: V⊗V of S5 (ordered pairs) is 2x[5] + 3x[4,1] + [3,2] + [3,1,1].
#[test]
fn s5_tensor_square_decomposes_by_partitions() {
    let group = finite("S5");
    let table = character_table(&group).unwrap();
    let rep = build(&group, "V^2");
    let m = table
        .multiplicities(&character_of(&table, rep.as_ref()).unwrap())
        .unwrap();
    assert_eq!(
        m.describe_complex(&table),
        "2x[5] + 3x[4,1] + [3,2] + [3,1,1]"
    );
}

#[test]
fn representations_of_another_group_are_refused() {
    let s4 = finite("S4");
    let s5 = finite("S5");
    let table = character_table(&s4).unwrap();
    assert!(isotypic_decomposition(&table, rep::defining(&s5).as_ref()).is_err());
}

/// Every real irreducible can be named in an expression by its label (`[3,1,1]`, `X.4`,
/// `X.2+X.3`), and what is built has the table's character and decomposes as that irreducible
/// once.
#[test]
fn irreps_by_label_are_the_tables_real_irreducibles() {
    for name in [
        "S4", "A5", "Q8", "D5", "C5", "C6", "C2xS3", "C3xD4", "T", "Ih",
    ] {
        let group = finite(name);
        let table = character_table(&group).unwrap();
        for (i, real) in table.real_irreps().iter().enumerate() {
            let rep = build(&group, &real.label);
            assert_eq!(rep.dim() as u64, real.dim, "{name} {}", real.label);
            let chi = character_of(&table, rep.as_ref()).unwrap();
            for (value, expected) in chi.iter().zip(&real.character) {
                assert!((value.re - expected).abs() < 1e-9, "{name} {}", real.label);
            }
            let m = table.multiplicities(&chi).unwrap().real.unwrap();
            assert!(
                m.iter().enumerate().all(|(j, &mj)| mj == u64::from(i == j)),
                "{name}"
            );
        }
    }
}
