//! Decomposition of orthogonal representations of `SO(2)` and `O(2)` into the real irreps of
//! [`crate::rep::so2_irrep`] / [`crate::rep::o2_irrep`].
//!
//! For an orthogonal representation the Lie-algebra matrix `X = dρ(J)` is antisymmetric and
//! `−X² = XᵀX` is symmetric positive semi-definite with eigenvalues `k²`, `k` the
//! frequencies (`X` has eigenvalues `±ik` on the realified `e^{ikθ}`). On the `k²`-eigenspace
//! `E_k` (`k > 0`), any unit `v` gives the invariant plane `span(v, w)`, `w = X v / k`, with
//! `X v = k w`, `X w = −k v`: in the basis `(v, w)`, `X` is `kJ`, `J = [[0, −1], [1, 0]]`,
//! exactly the irrep `k`. The orthogonal complement of the plane in `E_k` is again invariant,
//! so the planes are found one by one. For `O(2)` the reflection `S` (symmetric involution
//! with `S X S = −X`) commutes with `X²`; taking `v` in the `+1`-eigenspace of `S` on `E_k`
//! gives `S w = −w`, i.e. `S ↦ diag(1, −1)` as in `o2_irrep`, and on `E_0` the `±1`
//! eigenspaces of `S` are the copies of `0+` and `0-`.
//!
//! Reference: Bröcker & tom Dieck, *Representations of Compact Lie Groups*, II.8.

use crate::linalg::complex_structure_pairs;
use crate::{Error, Result};
use nalgebra::DMatrix;

/// Frequencies must be integers to this tolerance (relative to `1 + ‖X‖`).
const FREQUENCY_TOLERANCE: f64 = 1e-6;

/// One irreducible block of a planar decomposition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanarBlock {
    /// The frequency `k`.
    pub frequency: usize,
    /// The label: `k` for `SO(2)`; `0+`, `0-` or `k` for `O(2)`.
    pub label: String,
    /// The first column of the block in `Q`.
    pub offset: usize,
    /// `1` (`k = 0`) or `2`.
    pub dim: usize,
}

/// `Qᵀ X Q = ⊕ k_b J` (and `Qᵀ S Q = ⊕ diag(1, −1)` or `±1`) with `Q` orthogonal.
#[derive(Clone, Debug)]
pub struct PlanarDecomposition {
    /// The orthogonal change of basis (columns: the blocks, ordered by frequency, `0+` first).
    pub q: DMatrix<f64>,
    /// The blocks in column order.
    pub blocks: Vec<PlanarBlock>,
    /// `max(‖X Q − Q B‖_F, ‖S Q − Q Σ‖_F, ‖QᵀQ − I‖_F)`.
    pub max_residual: f64,
}

/// Decomposes the orthogonal representation of `SO(2)` (`reflection = None`) or `O(2)` with
/// Lie-algebra matrix `generator = dρ(J)` and, for `O(2)`, `reflection = ρ(S)`.
///
/// Errors: [`Error::InvalidInput`] for non-square or mismatched matrices, a generator that
/// is not antisymmetric (a non-orthogonal representation: use the nullspace route) or has
/// non-integral frequencies, or a reflection that is not an orthogonal involution
/// anticommuting with the generator.
pub fn decompose_planar(
    generator: &DMatrix<f64>,
    reflection: Option<&DMatrix<f64>>,
) -> Result<PlanarDecomposition> {
    let d = generator.nrows();
    let scale = 1.0 + generator.amax();
    if generator.ncols() != d || reflection.is_some_and(|s| s.shape() != (d, d)) {
        return Err(Error::InvalidInput(format!(
            "the planar decomposition needs square matrices of one size, got {:?} and {:?}",
            generator.shape(),
            reflection.map(|s| s.shape())
        )));
    }
    if (generator + generator.transpose()).amax() > FREQUENCY_TOLERANCE * scale {
        return Err(Error::InvalidInput(
            "dρ(J) is not antisymmetric: the representation is not orthogonal".into(),
        ));
    }
    if let Some(s) = reflection {
        let involution = (s * s - DMatrix::identity(d, d)).amax();
        let symmetric = (s - s.transpose()).amax();
        let anticommutes = (s * generator + generator * s).amax();
        if involution.max(symmetric) > 1e-9 || anticommutes > FREQUENCY_TOLERANCE * scale {
            return Err(Error::InvalidInput(
                "ρ(reflection) must be a symmetric involution with S dρ(J) S = −dρ(J)".into(),
            ));
        }
    }
    if d == 0 {
        return Ok(PlanarDecomposition {
            q: DMatrix::zeros(0, 0),
            blocks: Vec::new(),
            max_residual: 0.0,
        });
    }
    let square = generator.transpose() * generator;
    let eigen = square.symmetric_eigen();
    let mut by_frequency: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, &lambda) in eigen.eigenvalues.iter().enumerate() {
        let k = lambda.max(0.0).sqrt();
        let rounded = k.round();
        if (k - rounded).abs() > FREQUENCY_TOLERANCE * scale {
            return Err(Error::InvalidInput(format!(
                "dρ(J) has eigenvalues ±{k:.6}i: not a representation of SO(2) (frequencies \
                 are integers)"
            )));
        }
        let k = rounded as usize;
        match by_frequency.iter_mut().find(|(f, _)| *f == k) {
            Some((_, columns)) => columns.push(i),
            None => by_frequency.push((k, vec![i])),
        }
    }
    by_frequency.sort_by_key(|(k, _)| *k);
    let mut columns: Vec<nalgebra::DVector<f64>> = Vec::with_capacity(d);
    let mut blocks = Vec::new();
    for (k, indices) in by_frequency {
        let space = eigen.eigenvectors.select_columns(&indices);
        let pieces = if k == 0 {
            split_trivial(&space, reflection)?
        } else {
            split_frequency(&space, generator, k, reflection)?
        };
        for (label, vectors) in pieces {
            blocks.push(PlanarBlock {
                frequency: k,
                label,
                offset: columns.len(),
                dim: vectors.len(),
            });
            columns.extend(vectors);
        }
    }
    let q = crate::linalg::matrix_from_columns(d, &columns);
    let mut target_x = DMatrix::zeros(d, d);
    let mut target_s = DMatrix::zeros(d, d);
    for b in &blocks {
        let o = b.offset;
        if b.dim == 2 {
            target_x[(o + 1, o)] = b.frequency as f64;
            target_x[(o, o + 1)] = -(b.frequency as f64);
            target_s[(o, o)] = 1.0;
            target_s[(o + 1, o + 1)] = -1.0;
        } else {
            target_s[(o, o)] = if b.label == "0-" { -1.0 } else { 1.0 };
        }
    }
    let mut max_residual = (generator * &q - &q * target_x).norm();
    max_residual = max_residual.max((q.transpose() * &q - DMatrix::identity(d, d)).norm());
    if let Some(s) = reflection {
        max_residual = max_residual.max((s * &q - &q * target_s).norm());
    }
    Ok(PlanarDecomposition {
        q,
        blocks,
        max_residual,
    })
}

type Pieces = Vec<(String, Vec<nalgebra::DVector<f64>>)>;

/// The eigenvectors of `S` restricted to the orthonormal columns of `space`, as
/// `(eigenvalue sign, vector)`.
fn reflection_split(
    space: &DMatrix<f64>,
    s: &DMatrix<f64>,
) -> Result<Vec<(bool, nalgebra::DVector<f64>)>> {
    let restricted = space.transpose() * s * space;
    let eigen = restricted.symmetric_eigen();
    let mut out = Vec::new();
    for (i, &mu) in eigen.eigenvalues.iter().enumerate() {
        if (mu.abs() - 1.0).abs() > 1e-6 {
            return Err(Error::InvalidInput(format!(
                "ρ(reflection) has eigenvalue {mu:.6} on a frequency space: not a representation \
                 of O(2)"
            )));
        }
        out.push((mu > 0.0, space * eigen.eigenvectors.column(i)));
    }
    Ok(out)
}

/// The copies of the trivial irrep (`SO(2)`: `0`) or of `0+` and `0-` (`O(2)`).
fn split_trivial(space: &DMatrix<f64>, reflection: Option<&DMatrix<f64>>) -> Result<Pieces> {
    let Some(s) = reflection else {
        return Ok(space
            .column_iter()
            .map(|c| ("0".to_string(), vec![c.into_owned()]))
            .collect());
    };
    let mut split = reflection_split(space, s)?;
    split.sort_by_key(|(even, _)| !*even);
    Ok(split
        .into_iter()
        .map(|(even, v)| (if even { "0+" } else { "0-" }.to_string(), vec![v]))
        .collect())
}

/// The planes `(v, X v / k)` of frequency `k` in `space` (module docs).
fn split_frequency(
    space: &DMatrix<f64>,
    generator: &DMatrix<f64>,
    k: usize,
    reflection: Option<&DMatrix<f64>>,
) -> Result<Pieces> {
    let kf = k as f64;
    if !space.ncols().is_multiple_of(2) {
        return Err(Error::InvalidInput(format!(
            "the frequency-{k} space has odd dimension {}: not a real representation of SO(2)",
            space.ncols()
        )));
    }
    let plane = |v: nalgebra::DVector<f64>| (k.to_string(), vec![v.clone(), generator * v / kf]);
    if let Some(s) = reflection {
        let starts: Vec<_> = reflection_split(space, s)?
            .into_iter()
            .filter(|(even, _)| *even)
            .map(|(_, v)| v)
            .collect();
        if 2 * starts.len() != space.ncols() {
            return Err(Error::InvalidInput(format!(
                "ρ(reflection) does not split the frequency-{k} space in halves: not a \
                 representation of O(2)"
            )));
        }
        return Ok(starts.into_iter().map(plane).collect());
    }
    let pairs = complex_structure_pairs(space, &(generator / kf))?;
    Ok((0..pairs.ncols() / 2)
        .map(|p| {
            let (v, w) = (pairs.column(2 * p), pairs.column(2 * p + 1));
            (k.to_string(), vec![v.into_owned(), w.into_owned()])
        })
        .collect())
}
