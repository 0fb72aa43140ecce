//! The real irreducible representations of `SO(2)`, `O(2)` and `C_n`, labelled as in DESIGN.
//!
//! * `SO(2)`: `0` (trivial) and `k ≥ 1`, the 2-dim rotation `R(kθ)` (complex type over R:
//!   it is the realification of `e^{ikθ}`); `dρ(X) = k J`, `J = [[0,−1],[1,0]]`.
//! * `O(2)`: `0+` (trivial), `0-` (`det`), and `k ≥ 1`: `R(θ) S^e ↦ R(kθ) S^e`.
//! * `C_n = ⟨r⟩`: frequency `0 ≤ k ≤ n/2`, `r^j ↦ R(2πkj/n)`; 1-dim for `k = 0` and `k = n/2`,
//!   2-dim (complex type) otherwise.

use super::Rep;
use super::function::from_fn;
use crate::group::lie::rotation;
use crate::group::{Family, O2, O2Element, Permutation, PermutationGroup, SO2};
use crate::{Error, Result};
use nalgebra::DMatrix;
use std::f64::consts::PI;
use std::sync::Arc;

fn scaled_generator(k: f64) -> DMatrix<f64> {
    DMatrix::from_row_slice(2, 2, &[0.0, -k, k, 0.0])
}

fn parse_frequency(label: &str, group: &str) -> Result<usize> {
    label
        .parse::<usize>()
        .map_err(|_| Error::InvalidInput(format!("unknown irrep label {label:?} for {group}")))
}

/// The irrep of `SO(2)` labelled `k` (`0` trivial, `k ≥ 1` two-dimensional).
pub fn so2_irrep(group: &Arc<SO2>, label: &str) -> Result<Rep<SO2>> {
    let k = parse_frequency(label, "SO2")?;
    if k == 0 {
        return Ok(super::trivial(group));
    }
    let kf = k as f64;
    from_fn(
        group,
        2,
        Arc::new(move |theta: &f64| rotation(kf * theta)),
        vec![scaled_generator(kf)],
        label,
    )
}

/// The irrep of `O(2)` labelled `0+`, `0-` or `k ≥ 1`.
pub fn o2_irrep(group: &Arc<O2>, label: &str) -> Result<Rep<O2>> {
    match label {
        "0+" => Ok(super::trivial(group)),
        "0-" => super::sign(group),
        _ => {
            let k = parse_frequency(label, "O2")?;
            if k == 0 {
                return Err(Error::InvalidInput(
                    "O2 has the irreps 0+ and 0-, not 0".into(),
                ));
            }
            let kf = k as f64;
            from_fn(
                group,
                2,
                Arc::new(move |g: &O2Element| {
                    let mut m = rotation(kf * g.angle);
                    if g.reflection {
                        m.column_mut(1).neg_mut();
                    }
                    m
                }),
                vec![scaled_generator(kf)],
                label,
            )
        }
    }
}

/// The real irrep of `C_n` of frequency `0 ≤ k ≤ n/2`.
pub fn cyclic_irrep(group: &Arc<PermutationGroup>, label: &str) -> Result<Rep<PermutationGroup>> {
    let Family::Cyclic(n) = *group.family() else {
        return Err(Error::InvalidInput(format!(
            "{} is not a cyclic group",
            group.name_str()
        )));
    };
    let k = parse_frequency(label, group.name_str())?;
    if 2 * k > n {
        return Err(Error::InvalidInput(format!(
            "C{n} has real irreps of frequency 0..={}, not {k}",
            n / 2
        )));
    }
    let angle = move |g: &Permutation| 2.0 * PI * ((k * g.apply(0)) % n) as f64 / n as f64;
    if k == 0 || 2 * k == n {
        from_fn(
            group,
            1,
            Arc::new(move |g: &Permutation| DMatrix::from_element(1, 1, angle(g).cos().round())),
            Vec::new(),
            label,
        )
    } else {
        from_fn(
            group,
            2,
            Arc::new(move |g: &Permutation| rotation(angle(g))),
            Vec::new(),
            label,
        )
    }
}
