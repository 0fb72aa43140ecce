//! The set-partition (orbit) basis of `S_n`-equivariant maps `(Rⁿ)^{⊗k} → (Rⁿ)^{⊗l}`
//! (Maron et al. 2019, Thm. 1): combinatorics, dimension formulas, equivariance,
//! independence, spanning, operator forms, and refusals. Each test states its theorem.

use equivariant::Error;
use equivariant::group::{FiniteGroup, PermutationGroup};
use equivariant::linalg::{QMatrix, nullspace, qmatrix_from_i64};
use equivariant::rep::{defining, tensor_power};
use equivariant::symmetric::set_partitions::{
    SetPartition, SetPartitionBasis, bell, count_with_at_most, hom_dimension,
    hom_dimension_by_irreducibles, set_partitions, set_partitions_with_at_most, stirling2,
    tensor_power_multiplicities,
};
use equivariant::testing::random_elements;
use nalgebra::DMatrix;
use num_bigint::BigUint;
use std::collections::HashSet;
use std::sync::Arc;

/// The dense matrix of a CSR matrix (small cases only).
fn dense(csr: &nalgebra_sparse::CsrMatrix<f64>) -> DMatrix<f64> {
    DMatrix::from(csr)
}

/// Integer-valued test tensors (so that every sum below is exact in `f64`).
fn integer_tensor(len: usize, seed: usize) -> Vec<f64> {
    (0..len)
        .map(|i| ((i * 7919 + seed * 104_729) % 23) as f64 - 11.0)
        .collect()
}

/// Bell numbers: `Bell(m)` is the first entry of row `m` of the Bell (Aitken) triangle, whose
/// rows start with the last entry of the previous row and add the entry above-left.
#[test]
fn bell_numbers_match_the_bell_triangle() {
    let mut row = vec![BigUint::from(1u32)];
    for m in 0..15 {
        assert_eq!(bell(m), row[0], "Bell({m})");
        let mut next = vec![row.last().unwrap().clone()];
        for entry in &row {
            let value = next.last().unwrap() + entry;
            next.push(value);
        }
        row = next;
    }
    assert_eq!(bell(14), BigUint::from(190_899_322u64));
}

/// `Σ_b S(m, b) = Bell(m)`, and the enumeration has `S(m, b)` partitions with `b` blocks.
#[test]
fn stirling_numbers_sum_to_bell_and_count_blocks() {
    for m in 0..=9 {
        let total: BigUint = (0..=m).map(|b| stirling2(m, b)).sum();
        assert_eq!(total, bell(m), "m = {m}");
        let all = set_partitions(m).unwrap();
        for b in 0..=m {
            let with_b = all.iter().filter(|p| p.num_blocks() == b).count();
            assert_eq!(BigUint::from(with_b), stirling2(m, b), "S({m}, {b})");
        }
    }
    assert_eq!(stirling2(10, 3), BigUint::from(9330u32));
    assert_eq!(stirling2(3, 5), BigUint::from(0u32));
}

/// The enumeration lists each set partition once, as valid restricted growth strings in
/// strictly increasing lexicographic order, and respects the block bound.
#[test]
fn enumeration_is_lexicographic_and_complete() {
    for m in 0..=8 {
        for max_blocks in 0..=m + 1 {
            let parts = set_partitions_with_at_most(m, max_blocks).unwrap();
            assert_eq!(
                BigUint::from(parts.len()),
                count_with_at_most(m, max_blocks)
            );
            assert!(parts.windows(2).all(|w| w[0].rgs() < w[1].rgs()));
            for p in &parts {
                assert!(p.num_blocks() <= max_blocks);
                assert_eq!(&SetPartition::from_rgs(p.rgs().to_vec()).unwrap(), p);
            }
        }
    }
}

/// Display is `{1,3}{2}{4}` (1-based, blocks by smallest point) and parsing round-trips;
/// the equality pattern of a tuple is its set partition.
#[test]
fn display_parse_and_pattern() {
    let p = SetPartition::from_rgs(vec![0, 1, 0, 2]).unwrap();
    assert_eq!(p.to_string(), "{1,3}{2}{4}");
    assert_eq!(p.blocks(), vec![vec![0, 2], vec![1], vec![3]]);
    assert_eq!("{4}{3,1}{2}".parse::<SetPartition>().unwrap(), p);
    assert_eq!(SetPartition::pattern(&[7, 5, 7, 9]), p);
    assert_eq!(SetPartition::from_rgs(vec![]).unwrap().to_string(), "∅");
    for q in set_partitions(5).unwrap() {
        assert_eq!(q.to_string().parse::<SetPartition>().unwrap(), q);
    }
}

/// Burnside: the number of set partitions of `k + l` points with at most `n` blocks equals
/// `(1/n!) Σ_μ |C_μ| fix(μ)^{k+l}` and `Σ_λ m_λ(k) m_λ(l)`, for `n ≤ 6`, `k + l ≤ 6`
/// (including `n < k + l`), and the basis has that many elements.
#[test]
fn count_with_at_most_n_blocks_equals_character_formula() {
    for n in 1..=6 {
        for k in 0..=6 {
            for l in 0..=6 - k {
                let count = count_with_at_most(k + l, n);
                assert_eq!(hom_dimension(n, k, l).unwrap(), count, "n={n} k={k} l={l}");
                assert_eq!(
                    hom_dimension_by_irreducibles(n, k, l).unwrap(),
                    count,
                    "n={n} k={k} l={l}"
                );
                let basis = SetPartitionBasis::new(n, k, l).unwrap();
                assert_eq!(BigUint::from(basis.len()), count);
            }
        }
    }
    // V = trivial ⊕ standard for n ≥ 2: m_{[n]}(1) = m_{[n−1,1]}(1) = 1.
    let m = tensor_power_multiplicities(5, 1).unwrap();
    let nonzero: Vec<String> = m
        .iter()
        .filter(|(_, c)| *c > BigUint::from(0u32))
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(nonzero.len(), 2);
    assert!(nonzero.contains(&"[5]".to_string()) && nonzero.contains(&"[4,1]".to_string()));
}

/// Every `B_π` commutes with the group: `B P_k(g) = P_l(g) B` for random `g ∈ S_n`, exactly,
/// with `P_m = defining^{⊗m}` (0/1 matrices, so the products are exact).
#[test]
fn basis_elements_are_equivariant() {
    for (n, k, l) in [
        (3, 1, 1),
        (4, 2, 2),
        (3, 2, 2),
        (4, 1, 3),
        (4, 3, 1),
        (5, 2, 1),
    ] {
        let group = Arc::new(PermutationGroup::symmetric(n).unwrap());
        let v = defining(&group);
        let pk = tensor_power(&v, k as u32).unwrap();
        let pl = tensor_power(&v, l as u32).unwrap();
        let basis = SetPartitionBasis::new(n, k, l).unwrap();
        for g in random_elements(group.as_ref(), 5, 11).unwrap() {
            let (a, b) = (pk.matrix(&g), pl.matrix(&g));
            for idx in 0..basis.len() {
                let m = dense(&basis.sparse(idx).unwrap());
                assert_eq!(
                    &m * &a,
                    &b * &m,
                    "n={n} k={k} l={l} {}",
                    basis.partitions()[idx]
                );
            }
        }
    }
}

/// The supports of the `B_π` partition `[n]^l × [n]^k` (each entry is 1 in exactly one
/// element, the one whose `π` is the entry's equality pattern); disjoint non-empty supports
/// make the elements linearly independent, and `|supp B_π| = (n)_b`.
#[test]
fn orbit_supports_partition_the_index_tuples() {
    for (n, k, l) in [
        (2, 2, 2),
        (3, 2, 2),
        (4, 2, 2),
        (5, 2, 1),
        (3, 3, 2),
        (3, 0, 3),
    ] {
        let basis = SetPartitionBasis::new(n, k, l).unwrap();
        let mut hits = vec![0usize; basis.out_dim() * basis.in_dim()];
        for idx in 0..basis.len() {
            let m = basis.sparse(idx).unwrap();
            assert!(m.nnz() > 0);
            assert_eq!(m.nnz() as u128, basis.nnz(idx).unwrap());
            for (row, col, &v) in m.triplet_iter() {
                assert_eq!(v, 1.0);
                hits[row * basis.in_dim() + col] += 1;
                let tuple = digits(row, n, l).into_iter().chain(digits(col, n, k));
                let pattern = SetPartition::pattern(&tuple.collect::<Vec<_>>());
                assert_eq!(pattern, basis.partitions()[idx]);
            }
        }
        assert!(hits.iter().all(|&h| h == 1), "n={n} k={k} l={l}");
    }
}

/// The base-`n` digits of `index` (`len` of them, first slowest).
fn digits(mut index: usize, n: usize, len: usize) -> Vec<usize> {
    let mut out = vec![0; len];
    for d in out.iter_mut().rev() {
        *d = index % n;
        index /= n;
    }
    out
}

/// The commutant `{A : P_l(g) A = A P_k(g)}` for the generators `g` of `S_n`, by the exact
/// nullspace over `Q`: `A[g·i, g·j] = A[i, j]` for every `(i, j)` and generator.
fn commutant(n: usize, k: usize, l: usize) -> QMatrix {
    let group = PermutationGroup::symmetric(n).unwrap();
    let (in_dim, out_dim) = (n.pow(k as u32), n.pow(l as u32));
    let act = |g: &[usize], index: usize, len: usize| {
        digits(index, n, len)
            .into_iter()
            .fold(0, |acc, d| acc * n + g[d])
    };
    let unknowns = in_dim * out_dim;
    let mut rows = Vec::new();
    for g in group.generators() {
        let images: Vec<usize> = (0..n).map(|i| g.apply(i)).collect();
        for i in 0..out_dim {
            for j in 0..in_dim {
                let mut row = vec![0i64; unknowns];
                row[act(&images, i, l) * in_dim + act(&images, j, k)] += 1;
                row[i * in_dim + j] -= 1;
                rows.extend(row);
            }
        }
    }
    let count = rows.len() / unknowns;
    nullspace(&qmatrix_from_i64(count, unknowns, &rows).unwrap())
}

/// Spanning: the number of elements equals the dimension of the commutant computed by the
/// exact nullspace, for `n = 2, 3, 4` with `k = l = 2` (15 for `n ≥ 4`, 14 and 8 below) and a
/// few mixed orders; with independence (disjoint supports) the elements are a basis.
#[test]
fn basis_spans_the_commutant() {
    for (n, k, l, expected) in [
        (2, 2, 2, 8),
        (3, 2, 2, 14),
        (4, 2, 2, 15),
        (3, 1, 2, 5),
        (4, 1, 3, 15),
        (5, 1, 1, 2),
    ] {
        let basis = SetPartitionBasis::new(n, k, l).unwrap();
        assert_eq!(basis.len(), expected, "n={n} k={k} l={l}");
        assert_eq!(commutant(n, k, l).ncols(), expected, "n={n} k={k} l={l}");
    }
}

/// The operator `apply` equals the sparse matrix times `x`, exactly on integer tensors, for
/// every element; and the diagram operators satisfy `D_σ = Σ_{π ≥ σ} B_π` (zeta transform,
/// the inverse of the Möbius inversion used by `apply`).
#[test]
fn operator_equals_sparse_matrix_times_x() {
    for (n, k, l) in [
        (4, 2, 2),
        (3, 2, 2),
        (5, 1, 2),
        (3, 3, 1),
        (4, 0, 2),
        (4, 2, 0),
        (2, 3, 3),
    ] {
        let basis = SetPartitionBasis::new(n, k, l).unwrap();
        let x = integer_tensor(basis.in_dim(), n + k + l);
        let xv = nalgebra::DVector::from_vec(x.clone());
        let matrices: Vec<_> = (0..basis.len())
            .map(|i| dense(&basis.sparse(i).unwrap()))
            .collect();
        for (idx, m) in matrices.iter().enumerate() {
            let expected = (m * &xv).as_slice().to_vec();
            assert_eq!(basis.apply(idx, &x).unwrap(), expected, "n={n} k={k} l={l}");
            let sigma = &basis.partitions()[idx];
            let zeta = basis
                .partitions()
                .iter()
                .zip(&matrices)
                .filter(|(pi, _)| sigma.refines(pi))
                .fold(DMatrix::zeros(m.nrows(), m.ncols()), |acc, (_, b)| acc + b);
            let diagram = (zeta * &xv).as_slice().to_vec();
            assert_eq!(basis.apply_diagram(idx, &x).unwrap(), diagram);
        }
    }
}

/// The weighted layer `Σ_π w_π B_π x` equals the sum of the sparse products, exactly on
/// integer weights and tensors.
#[test]
fn weighted_application_equals_sum_of_elements() {
    for (n, k, l) in [(4, 2, 2), (3, 2, 2), (3, 1, 3), (5, 2, 1)] {
        let basis = SetPartitionBasis::new(n, k, l).unwrap();
        let x = integer_tensor(basis.in_dim(), 3);
        let w: Vec<f64> = (0..basis.len()).map(|i| (i % 5) as f64 - 2.0).collect();
        let mut expected = DMatrix::zeros(basis.out_dim(), basis.in_dim());
        for (i, &wi) in w.iter().enumerate() {
            expected += dense(&basis.sparse(i).unwrap()) * wi;
        }
        let expected = expected * nalgebra::DVector::from_vec(x.clone());
        assert_eq!(basis.apply_weighted(&w, &x).unwrap(), expected.as_slice());
    }
}

/// For `n ≥ 4` there are exactly the 15 order-2 → order-2 operations of Maron et al.
/// (Bell(4)); the all-distinct one `{1}{2}{3}{4}` is first missing at `n = 3`.
#[test]
fn fifteen_operations_of_order_two_to_two() {
    for n in 4..=9 {
        let basis = SetPartitionBasis::new(n, 2, 2).unwrap();
        assert_eq!(basis.len(), 15);
        let names: HashSet<String> = basis.partitions().iter().map(|p| p.to_string()).collect();
        assert_eq!(names.len(), 15);
        for name in [
            "{1,2,3,4}",
            "{1,3}{2,4}",
            "{1,4}{2,3}",
            "{1}{2}{3}{4}",
            "{1,2}{3,4}",
        ] {
            assert!(names.contains(name), "{name}");
        }
    }
    let small = SetPartitionBasis::new(3, 2, 2).unwrap();
    assert_eq!(small.len(), 14);
    assert!(small.index_of(&"{1}{2}{3}{4}".parse().unwrap()).is_none());
}

/// Bad input is refused with an error, never a panic: `n = 0`, wrong lengths, missing
/// elements, invalid strings, matrices and tensors above the caps.
#[test]
fn bad_input_is_refused() {
    assert!(matches!(
        SetPartitionBasis::new(0, 1, 1),
        Err(Error::InvalidInput(_))
    ));
    let basis = SetPartitionBasis::new(4, 2, 2).unwrap();
    assert!(matches!(
        basis.apply(0, &[1.0; 15]),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        basis.apply(15, &[1.0; 16]),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(basis.sparse(99), Err(Error::InvalidInput(_))));
    assert!(matches!(
        basis.apply_weighted(&[1.0; 14], &[1.0; 16]),
        Err(Error::InvalidInput(_))
    ));
    assert!(SetPartition::from_rgs(vec![0, 2]).is_err());
    assert!(SetPartition::from_rgs(vec![1]).is_err());
    for bad in ["", "{1,2", "{1}{1}", "{2}", "{0}", "x{1}", "{1}y", "{a}"] {
        assert!(bad.parse::<SetPartition>().is_err(), "{bad:?}");
    }
    // The all-distinct element at n = 1000 has 1000·999·998·997 ≈ 10^12 ones.
    let large = SetPartitionBasis::new(1000, 2, 2).unwrap();
    let singletons = large.index_of(&"{1}{2}{3}{4}".parse().unwrap()).unwrap();
    match large.sparse(singletons) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains("TiB"), "{needed}"),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(matches!(
        SetPartitionBasis::new(10, 10, 10),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        SetPartitionBasis::new(2, 40, 0),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        SetPartitionBasis::new(6, 7, 7),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(set_partitions(14), Err(Error::TooLarge { .. })));
    assert!(hom_dimension(0, 1, 1).is_err());
    assert!(hom_dimension(3, 5000, 1).is_err());
}
