//! The `so(3)` matrices of the real irreps (theory/so3.md).

use equivariant::so3::angular_momentum::{angular_momentum, real_generators, so3_basis};
use nalgebra::DMatrix;
use num_complex::Complex64;

fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

/// `l = 1` in the real basis is the defining representation with axes `(y, z, x)`.
#[test]
fn real_l1_generators_are_the_defining_ones_with_axes_y_z_x() {
    let perm = [1usize, 2, 0];
    for (real, defining) in real_generators(1).iter().zip(so3_basis()) {
        let relabelled = DMatrix::from_fn(3, 3, |a, b| defining[(perm[a], perm[b])]);
        assert!(max_abs(&(real - relabelled)) < 1e-14);
    }
}

/// `[X_a, X_b] = ε_abc X_c` in every irrep, and the matrices are real antisymmetric.
#[test]
fn real_generators_satisfy_the_so3_commutation_relations() {
    for l in 0..12 {
        let x = real_generators(l);
        for (a, b, c) in [(0, 1, 2), (1, 2, 0), (2, 0, 1)] {
            let commutator = &x[a] * &x[b] - &x[b] * &x[a];
            assert!(max_abs(&(commutator - &x[c])) < 1e-12, "l = {l}");
        }
        for m in &x {
            assert!(max_abs(&(m + m.transpose())) < 1e-13, "l = {l}");
        }
    }
}

/// `[J_x, J_y] = i J_z` and the Casimir `J² = l(l+1)`.
#[test]
fn angular_momentum_matrices_satisfy_the_casimir_identity() {
    for l in 0..15 {
        let [jx, jy, jz] = angular_momentum(l);
        let i = Complex64::new(0.0, 1.0);
        let commutator = &jx * &jy - &jy * &jx - jz.map(|z| z * i);
        assert!(commutator.iter().all(|z| z.norm() < 1e-12));
        let casimir = &jx * &jx + &jy * &jy + &jz * &jz;
        let target = (l * (l + 1)) as f64;
        for r in 0..2 * l + 1 {
            for c in 0..2 * l + 1 {
                let expected = if r == c { target } else { 0.0 };
                assert!((casimir[(r, c)] - expected).norm() < 1e-10, "l = {l}");
            }
        }
    }
}
