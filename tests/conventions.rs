//! Pins the conventions of `theory/conventions.md` to explicit values, so a change of
//! convention fails a test rather than passing silently.

mod common;

use common::finite;
use equivariant::group::{FiniteGroup, Group, Permutation};
use equivariant::linalg::permutation_matrix;
use equivariant::rep;
use nalgebra::DMatrix;
use std::f64::consts::PI;

fn close(a: &DMatrix<f64>, b: &DMatrix<f64>) -> bool {
    a.shape() == b.shape() && (a - b).norm() < 1e-12
}

fn rotation(t: f64) -> DMatrix<f64> {
    DMatrix::from_row_slice(2, 2, &[t.cos(), -t.sin(), t.sin(), t.cos()])
}

/// `P(p) e_i = e_{p(i)}` and `(p·q)(i) = p(q(i))`, so `P(p·q) = P(p)P(q)`.
#[test]
fn permutation_matrices_send_e_i_to_e_p_of_i() {
    let p = Permutation::from_cycles(3, &[vec![0, 1, 2]]).unwrap(); // 0→1→2→0
    let m = permutation_matrix(&p.images()).unwrap();
    assert_eq!(m[(1, 0)], 1.0);
    assert_eq!(m[(2, 1)], 1.0);
    assert_eq!(m[(0, 2)], 1.0);
    let q = Permutation::from_cycles(3, &[vec![0, 1]]).unwrap();
    assert_eq!(p.compose(&q).apply(0), p.apply(q.apply(0)));
    assert_eq!(p.to_string(), "(1,2,3)");
}

/// `C_n`: `r ↦ R(2π/n)`; `D_n`: `r ↦ R(2π/n)`, `s ↦ diag(1, −1)`.
#[test]
fn cyclic_and_dihedral_defining_matrices() {
    let c6 = finite("C6");
    let r = &c6.generators()[0];
    assert!(close(&c6.defining_matrix(r), &rotation(2.0 * PI / 6.0)));
    let d5 = finite("D5");
    let (r, s) = (&d5.generators()[0], &d5.generators()[1]);
    assert!(close(&d5.defining_matrix(r), &rotation(2.0 * PI / 5.0)));
    assert!(close(
        &d5.defining_matrix(s),
        &DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, -1.0])
    ));
    assert_eq!(d5.describe(s), "s");
    assert_eq!(d5.describe(r), "r");
}

/// `Q8`'s `V` is left multiplication on `H` in the basis `(1, i, j, k)`: `V(i) 1 = i`,
/// `V(i) j = k` (so left, not right, multiplication: `j·i = −k`).
#[test]
fn quaternion_v_is_left_multiplication() {
    let q8 = finite("Q8");
    let i = &q8.generators()[0];
    assert_eq!(q8.describe(i), "i");
    let m = q8.defining_matrix(i);
    assert_eq!(m[(1, 0)], 1.0); // i·1 = i
    assert_eq!(m[(3, 2)], 1.0); // i·j = k
    assert_eq!(m[(0, 1)], -1.0); // i·i = −1
}

/// `S_n` classes in GAP's `Partitions(n)` order: `[1,…,1]` first, `[n]` last; for `A_n`
/// the split twin follows its class.
#[test]
fn symmetric_and_alternating_class_order() {
    let s5 = finite("S5").conjugacy_classes().unwrap();
    let types: Vec<Vec<usize>> = s5.iter().map(|c| c.cycle_type.clone().unwrap()).collect();
    assert_eq!(
        types,
        vec![
            vec![1, 1, 1, 1, 1],
            vec![2, 1, 1, 1],
            vec![2, 2, 1],
            vec![3, 1, 1],
            vec![3, 2],
            vec![4, 1],
            vec![5]
        ]
    );
    let a5 = finite("A5").conjugacy_classes().unwrap();
    let types: Vec<Vec<usize>> = a5.iter().map(|c| c.cycle_type.clone().unwrap()).collect();
    assert_eq!(
        types,
        vec![vec![1; 5], vec![2, 2, 1], vec![3, 1, 1], vec![5], vec![5]]
    );
}

/// `Sym²` of `R²` in the basis `x², √2·xy, y²` (exponents raised from `x_1` first) and `Λ²` of
/// `R³` in `e_1∧e_2, e_1∧e_3, e_2∧e_3`; Kronecker products with the first factor slowest.
#[test]
fn bases_of_powers_and_tensor_products() {
    let c4 = finite("C4");
    let v = rep::defining(&c4);
    let r = c4.generators()[0].clone(); // R(π/2): x ↦ y, y ↦ −x
    let sym2 = rep::sym(&v, 2).unwrap().matrix(&r);
    // x² ↦ y², y² ↦ x², xy ↦ −xy: in the order (x², xy, y²).
    let expected = DMatrix::from_row_slice(3, 3, &[0.0, 0.0, 1.0, 0.0, -1.0, 0.0, 1.0, 0.0, 0.0]);
    assert!(close(&sym2, &expected), "{sym2}");
    let s3 = finite("S3");
    let v3 = rep::defining(&s3);
    let t = Permutation::from_cycles(3, &[vec![1, 2]]).unwrap(); // swaps e_2, e_3
    let alt2 = rep::alt(&v3, 2).unwrap().matrix(&t);
    // e1∧e2 ↦ e1∧e3, e1∧e3 ↦ e1∧e2, e2∧e3 ↦ e3∧e2 = −e2∧e3.
    let expected = DMatrix::from_row_slice(3, 3, &[0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, -1.0]);
    assert!(close(&alt2, &expected), "{alt2}");
    let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.0]);
    let k = equivariant::linalg::kron(&a, &DMatrix::identity(2, 2)).unwrap();
    assert_eq!(k[(0, 2)], 2.0); // block (0,1) of A ⊗ I is 2·I
}
