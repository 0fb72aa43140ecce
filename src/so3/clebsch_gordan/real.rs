//! Real-basis Clebsch–Gordan tensors and the orthogonal matrix decomposing `l1 ⊗ l2`.
//!
//! With `U^l` the unitary from the complex to the standard real basis
//! ([`crate::so3::real_basis`]) and `C_c` the complex coefficients as a
//! `(2l1+1)(2l2+1) × (2l3+1)` matrix (rows in Kronecker order `(m1+l1)(2l2+1) + (m2+l2)`),
//!
//! ```text
//! C = φ · (U^{l1} ⊗ U^{l2}) C_c (U^{l3})†,      φ = 1 if l1 + l2 + l3 is even, −i if odd,
//! ```
//!
//! is real and intertwines the real irreps: `(D_real^{l1} ⊗ D_real^{l2}) C = C D_real^{l3}`
//! (from `(D^{l1} ⊗ D^{l2}) C_c = C_c D^{l3}`, the reality of `C_c` and `D_real = U D* U†`).
//! Its columns are orthonormal (`‖C‖² = 2l3 + 1`), as `C_c`'s are and `U` is unitary.
//!
//! Each `U` row mixes only `±m`, so an entry `C[m1][m2][m3]` can be non-zero only when
//! `|m3| = |m1| + |m2|` or `|m3| = ||m1| − |m2||`, and — invariance under the rotation by `π`
//! about `x`, which acts on the real basis by `(−1)^{l+m}` for `m ≥ 0` and `(−1)^{l+|m|+1}`
//! for `m < 0` — only when the number of negative `m_i` has the parity of `l1 + l2 + l3`.
//! So there are at most two non-zeros per `(m1, m2)`; the sparse list
//! ([`RealCoupling::nonzeros`]) holds exactly those.
//!
//! e3nn's `wigner_3j(l1, l2, l3)` is this tensor divided by `√(2l3+1)`, with every index
//! relabelled by the axis permutation `P(x, y, z) = (z, x, y)`, up to one sign per triple
//! (theory/clebsch-gordan.md).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use nalgebra::DMatrix;
use num_complex::Complex64;

use super::recursion::CgLine;
use super::triangle;
use crate::error::human_bytes;
use crate::so3::real_basis::complex_to_real;
use crate::{Error, Result};

/// The most memory one dense real tensor may take.
pub const MAX_TENSOR_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// Largest imaginary part (or entry forbidden by the selection rules) tolerated before the
/// construction is reported as a numerical failure.
const TOLERANCE: f64 = 1e-12;

/// A non-zero entry `C[i][j][k]` of a real coupling tensor (`i = m1 + l1`, …).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CouplingEntry {
    /// `m1 + l1`.
    pub i: usize,
    /// `m2 + l2`.
    pub j: usize,
    /// `m3 + l3`.
    pub k: usize,
    /// The value.
    pub value: f64,
}

/// The real Clebsch–Gordan tensor `C[m1][m2][m3]` of a triangle-allowed triple (module docs).
#[derive(Clone, Debug)]
pub struct RealCoupling {
    ls: [usize; 3],
    dense: Vec<f64>,
    nonzeros: Vec<CouplingEntry>,
}

impl RealCoupling {
    /// Computes the tensor (uncached; see [`real_clebsch_gordan`]). [`Error::InvalidInput`]
    /// when the triangle condition fails, [`Error::TooLarge`] above [`MAX_TENSOR_BYTES`],
    /// [`Error::Numerical`] if the imaginary part fails to vanish.
    pub fn new(l1: usize, l2: usize, l3: usize) -> Result<Self> {
        if !triangle(l1, l2, l3) {
            return Err(Error::InvalidInput(format!(
                "({l1}, {l2}, {l3}) violates the triangle condition |l1 - l2| <= l3 <= l1 + l2"
            )));
        }
        let shape = [2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1];
        let bytes = shape.iter().map(|&n| n as f64).product::<f64>() * 8.0;
        if bytes > MAX_TENSOR_BYTES {
            return Err(Error::TooLarge {
                what: format!("the real Clebsch-Gordan tensor ({l1}, {l2}, {l3})"),
                needed: human_bytes(bytes),
                limit: human_bytes(MAX_TENSOR_BYTES),
            });
        }
        let complex = change_basis([l1, l2, l3], &complex_tensor(l1, l2, l3));
        let dense = take_real_part([l1, l2, l3], &complex)?;
        let nonzeros = sparse_entries(shape, &dense);
        Ok(Self {
            ls: [l1, l2, l3],
            dense,
            nonzeros,
        })
    }

    /// `[l1, l2, l3]`.
    pub fn ls(&self) -> [usize; 3] {
        self.ls
    }

    /// `[2l1+1, 2l2+1, 2l3+1]`.
    pub fn shape(&self) -> [usize; 3] {
        self.ls.map(|l| 2 * l + 1)
    }

    /// The dense tensor, row-major: entry `[i][j][k]` at `(i·(2l2+1) + j)·(2l3+1) + k`.
    pub fn dense(&self) -> &[f64] {
        &self.dense
    }

    /// `C[i][j][k]` (indices `m + l`), or `None` outside the shape.
    pub fn get(&self, i: usize, j: usize, k: usize) -> Option<f64> {
        let [n1, n2, n3] = self.shape();
        (i < n1 && j < n2 && k < n3).then(|| self.dense[(i * n2 + j) * n3 + k])
    }

    /// The entries allowed by the selection rules (module docs), ordered by `(i, j, k)`:
    /// at most two per `(i, j)`.
    pub fn nonzeros(&self) -> &[CouplingEntry] {
        &self.nonzeros
    }

    /// The tensor as the `(2l1+1)(2l2+1) × (2l3+1)` matrix with rows in Kronecker order
    /// `i·(2l2+1) + j`: its columns are orthonormal.
    pub fn matrix(&self) -> DMatrix<f64> {
        let [n1, n2, n3] = self.shape();
        DMatrix::from_row_slice(n1 * n2, n3, &self.dense)
    }
}

/// The real coupling tensor of `(l1, l2, l3)`, memoised for the life of the process (errors as
/// [`RealCoupling::new`]).
///
/// ```
/// use equivariant::so3::clebsch_gordan::real_clebsch_gordan;
/// // 1 ⊗ 1 → 1 is the cross product in the axes (y, z, x), scaled by 1/√2.
/// let c = real_clebsch_gordan(1, 1, 1).unwrap();
/// let (y, z, x) = (0, 1, 2);
/// assert!((c.get(x, y, z).unwrap().abs() - 0.5f64.sqrt()).abs() < 1e-15);
/// assert_eq!(c.get(x, y, z), c.get(y, x, z).map(|v| -v));
/// ```
pub fn real_clebsch_gordan(l1: usize, l2: usize, l3: usize) -> Result<Arc<RealCoupling>> {
    type Cache = RwLock<HashMap<(usize, usize, usize), Arc<RealCoupling>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (l1, l2, l3);
    if let Some(found) = cache.read().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(found);
    }
    let computed = Arc::new(RealCoupling::new(l1, l2, l3)?);
    let mut guard = cache.write().unwrap_or_else(|e| e.into_inner());
    Ok(guard.entry(key).or_insert(computed).clone())
}

/// The orthogonal `(2l1+1)(2l2+1)`-square matrix whose columns are the real CG columns for
/// `l3 = |l1−l2|, …, l1+l2` in order (rows in Kronecker order `(m1+l1)(2l2+1) + (m2+l2)`),
/// so that `Cᵀ (D1 ⊗ D2) C = ⊕_{l3} D_real^{l3}`: the explicit decomposition of `l1 ⊗ l2`.
///
/// ```
/// use equivariant::so3::clebsch_gordan::coupling_matrix;
/// let c = coupling_matrix(1, 2).unwrap();
/// let identity = c.transpose() * &c;
/// assert!((identity - nalgebra::DMatrix::<f64>::identity(15, 15)).amax() < 1e-14);
/// ```
pub fn coupling_matrix(l1: usize, l2: usize) -> Result<DMatrix<f64>> {
    let n = (2 * l1 + 1) * (2 * l2 + 1);
    let bytes = (n as f64).powi(2) * 8.0;
    if bytes > MAX_TENSOR_BYTES {
        return Err(Error::TooLarge {
            what: format!("the coupling matrix of {l1} x {l2}"),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_TENSOR_BYTES),
        });
    }
    let mut out = DMatrix::zeros(n, n);
    let mut column = 0;
    for l3 in l1.abs_diff(l2)..=l1 + l2 {
        let block = real_clebsch_gordan(l1, l2, l3)?.matrix();
        out.columns_mut(column, 2 * l3 + 1).copy_from(&block);
        column += 2 * l3 + 1;
    }
    Ok(out)
}

/// The complex coefficients `⟨l1 m1 l2 m2 | l3 m1+m2⟩` as a dense `[i][j]` array (the `m3`
/// index is implied); zero where `|m1 + m2| > l3`.
fn complex_tensor(l1: usize, l2: usize, l3: usize) -> Vec<f64> {
    let n2 = 2 * l2 + 1;
    let mut out = vec![0.0; (2 * l1 + 1) * n2];
    let mut line = CgLine::default();
    for (a, m1) in (-(l1 as i64)..=l1 as i64).enumerate() {
        for (b, m2) in (-(l2 as i64)..=l2 as i64).enumerate() {
            if (m1 + m2).unsigned_abs() <= l3 as u64 {
                out[a * n2 + b] = line.coefficient(l1 as i64, m1, l2 as i64, m2, l3 as i64);
            }
        }
    }
    out
}

/// The non-zero entries `(column, value)` of each row of `U^l`.
fn sparse_rows(u: &DMatrix<Complex64>) -> Vec<Vec<(usize, Complex64)>> {
    u.row_iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, z)| z.norm() != 0.0)
                .map(|(c, z)| (c, *z))
                .collect()
        })
        .collect()
}

/// `φ (U1 ⊗ U2) C_c U3†` as a dense complex `[i][j][k]` array, using that `U` has at most two
/// non-zeros per row and per column.
fn change_basis(ls: [usize; 3], complex: &[f64]) -> Vec<Complex64> {
    let [l1, l2, l3] = ls;
    let (n2, n3) = (2 * l2 + 1, 2 * l3 + 1);
    let u1 = sparse_rows(&complex_to_real(l1));
    let u2 = sparse_rows(&complex_to_real(l2));
    // Columns of U3 are the rows of U3ᵀ; (U3†)[k][c] = conj(U3[c][k]).
    let u3_columns = sparse_rows(&complex_to_real(l3).transpose());
    let phase = if (l1 + l2 + l3).is_multiple_of(2) {
        Complex64::new(1.0, 0.0)
    } else {
        Complex64::new(0.0, -1.0)
    };
    let mut out = vec![Complex64::new(0.0, 0.0); u1.len() * n2 * n3];
    for (a, row1) in u1.iter().enumerate() {
        for (b, row2) in u2.iter().enumerate() {
            for &(i, x) in row1 {
                for &(j, y) in row2 {
                    let big_m = i as i64 - l1 as i64 + j as i64 - l2 as i64;
                    if big_m.unsigned_abs() > l3 as u64 {
                        continue;
                    }
                    let coefficient = phase * x * y * complex[i * n2 + j];
                    for &(c, w) in &u3_columns[(big_m + l3 as i64) as usize] {
                        out[(a * n2 + b) * n3 + c] += coefficient * w.conj();
                    }
                }
            }
        }
    }
    out
}

/// Whether the selection rules (module docs) allow `C[m1][m2][m3]` to be non-zero.
fn allowed(ls: [usize; 3], ms: [i64; 3]) -> bool {
    let [a, b, c] = ms.map(i64::abs);
    let negatives = ms.iter().filter(|&&m| m < 0).count();
    (c == a + b || c == (a - b).abs()) && (negatives + ls.iter().sum::<usize>()).is_multiple_of(2)
}

/// The real part of the changed-basis tensor, with the entries forbidden by the selection
/// rules set to exactly zero; [`Error::Numerical`] if an imaginary part or a forbidden entry
/// exceeds [`TOLERANCE`].
fn take_real_part(ls: [usize; 3], complex: &[Complex64]) -> Result<Vec<f64>> {
    let [n1, n2, n3] = ls.map(|l| 2 * l + 1);
    let mut out = vec![0.0; complex.len()];
    let mut worst: f64 = 0.0;
    for i in 0..n1 {
        for j in 0..n2 {
            for k in 0..n3 {
                let idx = (i * n2 + j) * n3 + k;
                let z = complex[idx];
                worst = worst.max(z.im.abs());
                let ms = [i, j, k].map(|x| x as i64);
                let ms = [
                    ms[0] - ls[0] as i64,
                    ms[1] - ls[1] as i64,
                    ms[2] - ls[2] as i64,
                ];
                if allowed(ls, ms) {
                    out[idx] = z.re;
                } else {
                    worst = worst.max(z.re.abs());
                }
            }
        }
    }
    if worst > TOLERANCE {
        return Err(Error::Numerical(format!(
            "real Clebsch-Gordan tensor {ls:?}: imaginary or forbidden part {worst:e}"
        )));
    }
    Ok(out)
}

/// The entries allowed by the selection rules and non-zero, ordered by `(i, j, k)`.
fn sparse_entries(shape: [usize; 3], dense: &[f64]) -> Vec<CouplingEntry> {
    let [_, n2, n3] = shape;
    dense
        .iter()
        .enumerate()
        .filter(|(_, v)| **v != 0.0)
        .map(|(idx, &value)| CouplingEntry {
            i: idx / (n2 * n3),
            j: (idx / n3) % n2,
            k: idx % n3,
            value,
        })
        .collect()
}
