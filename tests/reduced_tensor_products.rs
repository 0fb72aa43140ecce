//! Reduced tensor products (theory/reduced-tensor-products.md): equivariance of the change of
//! basis under Haar-random `O(3)` elements, orthonormal rows in the symmetric subspace, the
//! Clebsch–Gordan count for plain products, agreement with e3nn 0.6.0 itself
//! (`tests/data/e3nn_rtp_reference.json`, from `tests/data/generate_e3nn_rtp_reference.py`), the
//! command line, and refusals.

mod common;

use common::{cli_json, run_cli};
use equivariant::Error;
use equivariant::group::Rotation;
use equivariant::linalg::kron_all;
use equivariant::so3::decompose::Parity;
use equivariant::so3::irreps::{Irrep, Irreps};
use equivariant::so3::reduced_tensor_products::{
    ReducedTensorProducts, RotationGroup, reduced_tensor_power, reduced_tensor_products,
};
use equivariant::so3::wigner_d::wigner_d_real;
use nalgebra::{DMatrix, Matrix3};
use npyz::NpyFile;
use quickcheck::QuickCheck;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use serde_json::Value;
use std::collections::BTreeMap;

/// Formulas with their per-letter irreps, covering plain products, symmetric, antisymmetric,
/// nested symmetries and mixed irreps.
const CASES: &[(&str, &[(char, &str)])] = &[
    ("ij", &[('i', "1o"), ('j', "1o")]),
    ("ij=ji", &[('i', "1o")]),
    ("ij=-ji", &[('i', "1o")]),
    ("ijk", &[('i', "1o"), ('j', "1o"), ('k', "1o")]),
    ("ijk=jik=jki", &[('i', "1o")]),
    ("ijk=-jik=-ikj", &[('i', "2e")]),
    ("ijkl=jikl=ijlk=klij", &[('i', "1o")]),
    ("ij=ji", &[('i', "0e+1o")]),
    ("ijk=jik", &[('i', "1o"), ('k', "2e")]),
    ("ij", &[('i', "1o"), ('j', "1o+1e")]),
    ("ijk=kji", &[('i', "0o+1e"), ('j', "2o")]),
];

fn irreps(text: &str) -> Irreps {
    text.parse().unwrap()
}

fn build(formula: &str, given: &[(char, &str)], group: RotationGroup) -> ReducedTensorProducts {
    let given: Vec<(char, Irreps)> = given.iter().map(|&(c, t)| (c, irreps(t))).collect();
    reduced_tensor_products(formula, &given, group).unwrap()
}

/// `⊕ p(g) D_real^l(R)` over the copies `(l, parity)`; `g = ±R`.
fn block_matrix(copies: &[(usize, Option<Parity>)], r: &Rotation, inversion: bool) -> DMatrix<f64> {
    let (a, b, c) = r.to_euler_zyz();
    let n: usize = copies.iter().map(|(l, _)| 2 * l + 1).sum();
    let mut m = DMatrix::zeros(n, n);
    let mut offset = 0;
    for &(l, p) in copies {
        let sign = if inversion && p == Some(Parity::Odd) {
            -1.0
        } else {
            1.0
        };
        let d = 2 * l + 1;
        m.view_mut((offset, offset), (d, d))
            .copy_from(&(wigner_d_real(l, a, b, c).unwrap() * sign));
        offset += d;
    }
    m
}

fn copies_of(irreps: &Irreps, group: RotationGroup) -> Vec<(usize, Option<Parity>)> {
    irreps
        .copies()
        .map(|i| (i.l, (group == RotationGroup::O3).then_some(i.parity)))
        .collect()
}

/// `ρ(g) = ⊗_m ρ_m(g)` on the tensor space, built densely from the Wigner matrices.
fn tensor_rep(rtp: &ReducedTensorProducts, r: &Rotation, inversion: bool) -> DMatrix<f64> {
    let factors: Vec<DMatrix<f64>> = rtp
        .irreps_in
        .iter()
        .map(|i| block_matrix(&copies_of(i, rtp.group), r, inversion))
        .collect();
    kron_all(&factors).unwrap()
}

fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

/// `(P x)[i_1 … i_k] = s x[i_{π(1)} … i_{π(k)}]` on `R^{d_1} ⊗ … ⊗ R^{d_k}`, written out from
/// the multi-indices (independently of the library's orbit code).
fn relation_matrix(dims: &[usize], pi: &[usize], sign: f64) -> DMatrix<f64> {
    let n: usize = dims.iter().product();
    let flat = |idx: &[usize]| idx.iter().zip(dims).fold(0, |acc, (&i, &d)| acc * d + i);
    let mut m = DMatrix::zeros(n, n);
    let mut idx = vec![0usize; dims.len()];
    for j in 0..n {
        let mut rest = j;
        for (slot, &d) in idx.iter_mut().zip(dims).rev() {
            *slot = rest % d;
            rest /= d;
        }
        let pulled: Vec<usize> = pi.iter().map(|&p| idx[p]).collect();
        m[(j, flat(&pulled))] += sign;
    }
    m
}

/// Each relation `x = s P_π x` of the formula, as `(π, s)` read off the letters by hand.
fn relations(formula: &str) -> Vec<(Vec<usize>, f64)> {
    let terms: Vec<&str> = formula.split('=').collect();
    let first: Vec<char> = terms[0].chars().collect();
    terms[1..]
        .iter()
        .map(|t| {
            let (sign, letters) = match t.strip_prefix('-') {
                Some(rest) => (-1.0, rest),
                None => (1.0, *t),
            };
            let pi = letters
                .chars()
                .map(|c| first.iter().position(|&f| f == c).unwrap())
                .collect();
            (pi, sign)
        })
        .collect()
}

/// Theorem: `Q ρ(g) = D_out(g) Q` for Haar-random `g ∈ O(3)` (uniform rotation, fair coin for
/// the inversion), for every case, with residual below `1e-10`; also under `SO(3)`.
#[test]
fn change_of_basis_is_equivariant_under_random_o3_elements() {
    fn prop(seed: u64) -> bool {
        let mut rng = StdRng::seed_from_u64(seed);
        let built = CASES.iter().flat_map(|(f, g)| {
            [
                build(f, g, RotationGroup::O3),
                build(f, g, RotationGroup::SO3),
            ]
        });
        built.into_iter().all(|rtp| {
            let r = Rotation::random(&mut rng);
            let inversion = rtp.group == RotationGroup::O3 && rng.random::<bool>();
            let q = &rtp.change_of_basis;
            let lhs = q * tensor_rep(&rtp, &r, inversion);
            let rhs = block_matrix(&rtp.blocks(), &r, inversion) * q;
            let residual = max_abs(&(lhs - rhs));
            assert!(residual < 1e-10, "{}: {residual:e}", rtp.formula);
            assert!(rtp.max_residual < 1e-10, "{}", rtp.formula);
            true
        })
    }
    QuickCheck::new()
        .tests(20)
        .quickcheck(prop as fn(u64) -> bool);
}

/// `Q Qᵀ = I`, every row satisfies every relation (`Q (s P_π)ᵀ = Q`), and the rows span the
/// whole symmetric subspace: `dim S = n − rank[I − s_r P_r]_r` (SVD), which is also
/// `Σ (2l + 1) · multiplicity` over `irreps_out`.
#[test]
fn rows_are_an_orthonormal_basis_of_the_symmetric_subspace() {
    for (formula, given) in CASES {
        let rtp = build(formula, given, RotationGroup::O3);
        let q = &rtp.change_of_basis;
        let dims = rtp.dims();
        let n: usize = dims.iter().product();
        assert_eq!(q.ncols(), n);
        let gram = q * q.transpose();
        assert!(max_abs(&(gram - DMatrix::identity(q.nrows(), q.nrows()))) < 1e-12);
        let rels = relations(formula);
        let mut stacked = DMatrix::zeros(n * rels.len().max(1), n);
        for (r, (pi, sign)) in rels.iter().enumerate() {
            let p = relation_matrix(&dims, pi, *sign);
            assert!(max_abs(&(q * p.transpose() - q)) < 1e-12, "{formula}");
            stacked
                .view_mut((r * n, 0), (n, n))
                .copy_from(&(DMatrix::identity(n, n) - p));
        }
        let rank = stacked
            .singular_values()
            .iter()
            .filter(|&&s| s > 1e-8)
            .count();
        assert_eq!(q.nrows(), n - rank, "{formula}");
        let from_irreps: usize = rtp
            .multiplicities
            .iter()
            .map(|&(l, _, m)| (2 * l + 1) * m)
            .sum();
        assert_eq!(from_irreps, q.nrows(), "{formula}");
    }
}

/// Theorem (Clebsch–Gordan series, parities multiplying): without relations the output of
/// `V_1 ⊗ … ⊗ V_k` is the iterated triangle rule, counted here by a direct recursion over
/// random small irreps.
#[test]
fn plain_products_have_the_clebsch_gordan_multiplicities() {
    fn prop(seed: u64) -> bool {
        let mut rng = StdRng::seed_from_u64(seed);
        let k = rng.random_range(1..=3usize);
        let letters: Vec<char> = "ijk".chars().take(k).collect();
        let mut given = Vec::new();
        let mut total = 1usize;
        for &c in &letters {
            let copies: Vec<Irrep> = (0..rng.random_range(1..=2usize))
                .map(|_| {
                    let l = rng.random_range(0..=2usize);
                    let p = if rng.random::<bool>() {
                        Parity::Even
                    } else {
                        Parity::Odd
                    };
                    Irrep::new(l, p).unwrap()
                })
                .collect();
            let irreps = Irreps::from_irreps(copies).unwrap();
            total *= irreps.dim();
            given.push((c, irreps));
        }
        if total > 400 {
            return true;
        }
        // counts[(l, parity)] after each factor, starting from the trivial irrep.
        let mut counts: BTreeMap<(usize, i8), usize> = BTreeMap::from([((0, 1), 1)]);
        for (_, irreps) in &given {
            let mut next = BTreeMap::new();
            for (&(l1, p1), &m) in &counts {
                for ir in irreps.copies() {
                    let p2 = if ir.parity == Parity::Even { 1 } else { -1 };
                    for l in l1.abs_diff(ir.l)..=l1 + ir.l {
                        *next.entry((l, p1 * p2)).or_insert(0) += m;
                    }
                }
            }
            counts = next;
        }
        let formula: String = letters.iter().collect();
        let rtp = reduced_tensor_products(&formula, &given, RotationGroup::O3).unwrap();
        let ours: BTreeMap<(usize, i8), usize> = rtp
            .multiplicities
            .iter()
            .map(|&(l, p, m)| ((l, if p == Some(Parity::Even) { 1 } else { -1 }), m))
            .collect();
        ours == counts
    }
    QuickCheck::new()
        .tests(40)
        .quickcheck(prop as fn(u64) -> bool);
}

fn reference() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/e3nn_rtp_reference.json"
    ))
    .expect("reference file");
    serde_json::from_str(&text).expect("valid JSON")
}

fn reference_input(case: &Value) -> Vec<(char, Irreps)> {
    case["irreps"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(c, t)| (c.chars().next().unwrap(), irreps(t.as_str().unwrap())))
        .collect()
}

/// e3nn's `ReducedTensorProducts(formula, **irreps).irreps_out` is our `irreps_out`, string for
/// string (including e3nn's order: odd before even within one `l`).
#[test]
fn irreps_out_agree_with_e3nn() {
    let data = reference();
    let cases = data["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 10);
    for case in cases {
        let formula = case["formula"].as_str().unwrap();
        let rtp =
            reduced_tensor_products(formula, &reference_input(case), RotationGroup::O3).unwrap();
        assert_eq!(
            rtp.irreps_out(),
            case["irreps_out"].as_str().unwrap(),
            "{formula}"
        );
        let in_strings: Vec<String> = rtp.irreps_in.iter().map(|i| i.to_string()).collect();
        let expected: Vec<&str> = case["irreps_in"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(in_strings, expected, "{formula}");
    }
}

/// `A = D_real(P)` for the axis relabelling `P(x, y, z) = (z, x, y)`, summed over copies:
/// `D_e3nn(R) = A D_real(R) Aᵀ` (tests/so3_e3nn.rs).
fn e3nn_axes(copies: &[(usize, Option<Parity>)]) -> DMatrix<f64> {
    let p =
        Rotation::from_matrix(&Matrix3::new(0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0)).unwrap();
    block_matrix(copies, &p, false)
}

/// Orthonormal basis of the row space of `m` (rows of the result), by SVD; asserts full rank.
fn row_basis(m: &DMatrix<f64>) -> DMatrix<f64> {
    let svd = m.clone().svd(false, true);
    let v_t = svd.v_t.unwrap();
    let rank = svd.singular_values.iter().filter(|&&s| s > 1e-8).count();
    assert_eq!(rank, m.nrows(), "rows not independent");
    v_t.rows(0, rank).into_owned()
}

/// e3nn's change of basis, taken to our basis by `A_outᵀ C (⊗_m A_m)` (theory/conventions.md),
/// is equivariant for our real Wigner matrices, and for each output irrep its rows span the
/// same space as ours: the largest principal angle is below `1e-9`.
#[test]
fn change_of_basis_spans_agree_with_e3nn_per_irrep() {
    let data = reference();
    let mut compared = 0;
    let mut rng = StdRng::seed_from_u64(7);
    for case in data["cases"].as_array().unwrap() {
        let Some(values) = case["change_of_basis"].as_array() else {
            continue;
        };
        let formula = case["formula"].as_str().unwrap();
        let rtp =
            reduced_tensor_products(formula, &reference_input(case), RotationGroup::O3).unwrap();
        let (rows, n) = rtp.change_of_basis.shape();
        let flat: Vec<f64> = values.iter().map(|v| v.as_f64().unwrap()).collect();
        let theirs = DMatrix::from_row_slice(rows, n, &flat);
        let in_axes: Vec<DMatrix<f64>> = rtp
            .irreps_in
            .iter()
            .map(|i| e3nn_axes(&copies_of(i, RotationGroup::O3)))
            .collect();
        let blocks = rtp.blocks();
        let converted = e3nn_axes(&blocks).transpose() * theirs * kron_all(&in_axes).unwrap();
        let r = Rotation::random(&mut rng);
        let lhs = &converted * tensor_rep(&rtp, &r, true);
        let rhs = block_matrix(&blocks, &r, true) * &converted;
        assert!(max_abs(&(lhs - rhs)) < 1e-9, "{formula}: conversion");
        let mut offset = 0;
        let mut by_type: BTreeMap<(usize, Option<Parity>), Vec<usize>> = BTreeMap::new();
        for &(l, p) in &blocks {
            by_type
                .entry((l, p))
                .or_default()
                .extend(offset..offset + 2 * l + 1);
            offset += 2 * l + 1;
        }
        for ((l, p), indices) in by_type {
            let ours = rtp.change_of_basis.select_rows(&indices);
            let basis = row_basis(&converted.select_rows(&indices));
            // sin of the largest principal angle: the part of e3nn's rows outside our span.
            let outside = &basis - &basis * ours.transpose() * &ours;
            let sine = outside.singular_values().max();
            assert!(sine < 1e-9, "{formula}, {l}{p:?}: {sine:e}");
        }
        compared += 1;
    }
    assert_eq!(compared, 9);
}

/// Under `SO(3)` the parities drop out: `ij` of `1o ⊗ 1e` is `1x0+1x1+1x2`, the `O(3)` answer
/// `1x0o+1x1o+1x2o` without its parities.
#[test]
fn so3_drops_the_parities() {
    let given = [('i', "1o"), ('j', "1e")];
    let o3 = build("ij", &given, RotationGroup::O3);
    let so3 = build("ij", &given, RotationGroup::SO3);
    assert_eq!(o3.irreps_out(), "1x0o+1x1o+1x2o");
    assert_eq!(so3.irreps_out(), "1x0+1x1+1x2");
}

/// A letter the formula exchanges with a given one inherits its irreps (as e3nn allows), and
/// giving the same irreps to every index is the same as giving them letter by letter.
#[test]
fn letters_inherit_irreps_through_the_relations() {
    let inherited = build("ijk=jki", &[('j', "1o")], RotationGroup::O3);
    assert_eq!(inherited.irreps_in, vec![irreps("1o"); 3]);
    let power = reduced_tensor_power("ijk=jki", &irreps("1o"), RotationGroup::O3).unwrap();
    assert_eq!(power.irreps_out(), inherited.irreps_out());
    assert_eq!(power.change_of_basis, inherited.change_of_basis);
}

/// Bad input is an error naming the problem, never a panic; oversized requests are refused
/// with the size they would need.
#[test]
fn bad_input_is_refused() {
    let o3 = RotationGroup::O3;
    let invalid = |formula: &str, given: &[(char, &str)], needle: &str| {
        let given: Vec<(char, Irreps)> = given.iter().map(|&(c, t)| (c, irreps(t))).collect();
        match reduced_tensor_products(formula, &given, o3) {
            Err(Error::InvalidInput(message)) => {
                assert!(message.contains(needle), "{formula}: {message}")
            }
            other => panic!("{formula}: expected InvalidInput, got {other:?}"),
        }
    };
    invalid("ij=ji", &[('i', "1o"), ('x', "1o")], "does not appear");
    invalid("ij", &[('i', "1o")], "has no irreps");
    invalid("ij=ji", &[('i', "1o"), ('j', "2e")], "same irreps");
    invalid("ijk=jki", &[('i', "1o"), ('k', "1e")], "same irreps");
    invalid(
        "ij",
        &[('i', "1o"), ('i', "1o"), ('j', "0e")],
        "more than once",
    );
    invalid("ij", &[('i', ""), ('j', "0e")], "zero representation");
    for formula in ["", "ij=j", "ij=jk", "i1", "ii", "ij=-"] {
        let result = reduced_tensor_products(formula, &[('i', irreps("1o"))], o3);
        assert!(
            matches!(result, Err(Error::Parse { .. })),
            "{formula:?}: {result:?}"
        );
    }
    // 3^13 > 2^20 tensor entries; Sym^12 of R^3: 91 × 3^12 > 2^24 entries of Q;
    // 3^7 = 2187 > 2048 subspace dimension.
    for formula in [
        "abcdefghijklm",
        "abcdefghijkl=bacdefghijkl=bcdefghijkla",
        "abcdefg",
    ] {
        match reduced_tensor_power(formula, &irreps("1o"), o3) {
            Err(Error::TooLarge { needed, .. }) => assert!(!needed.is_empty()),
            other => panic!(
                "{formula}: expected TooLarge, got {:?}",
                other.map(|r| r.irreps_out())
            ),
        }
    }
}

/// `equivariant rtp`: DESIGN-style keys, the `.npy` of shape `[dim, d_1, …, d_k]` equal to the
/// library's `Q`, and errors on stderr with a non-zero exit.
#[test]
fn command_line_writes_the_change_of_basis() {
    let dir = std::env::temp_dir().join(format!("equivariant-rtp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Q.npy");
    let doc = cli_json(&[
        "rtp",
        "--formula",
        "ijk=jik",
        "--irreps",
        "i=1o",
        "--irreps",
        "k=2e",
        "--output",
        path.to_str().unwrap(),
        "--json",
    ]);
    for key in [
        "formula",
        "irreps_in",
        "irreps_out",
        "dim",
        "max_residual",
        "seconds",
        "output",
    ] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    let rtp = build("ijk=jik", &[('i', "1o"), ('k', "2e")], RotationGroup::O3);
    assert_eq!(doc["irreps_out"], rtp.irreps_out());
    assert_eq!(doc["dim"], rtp.dim_out());
    assert_eq!(doc["irreps_in"][1]["letter"], "j");
    assert_eq!(doc["irreps_in"][2]["irreps"], "1x2e");
    assert!(doc["max_residual"].as_f64().unwrap() < 1e-10);
    let file = NpyFile::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(file.shape(), &[rtp.dim_out() as u64, 3, 3, 5]);
    let values = file.into_vec::<f64>().unwrap();
    let q = DMatrix::from_row_slice(rtp.dim_out(), 45, &values);
    assert!(max_abs(&(q - &rtp.change_of_basis)) < 1e-15);
    let so3 = cli_json(&[
        "rtp",
        "--formula",
        "ij=-ji",
        "--irreps",
        "1o",
        "--group",
        "SO3",
        "--json",
    ]);
    assert_eq!(so3["irreps_out"], "1x1");
    for bad in [
        vec!["rtp", "--formula", "ij", "--irreps", "i=1o"],
        vec!["rtp", "--formula", "ij=ji", "--irreps", "ii=1o"],
        vec![
            "rtp",
            "--formula",
            "ij=ji",
            "--irreps",
            "1o",
            "--group",
            "SO2",
        ],
    ] {
        let (code, stdout, stderr) = run_cli(&bad);
        assert_ne!(code, 0, "{bad:?}");
        assert!(stdout.is_empty() && !stderr.is_empty(), "{bad:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
