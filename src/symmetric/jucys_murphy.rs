//! Decomposition of orthogonal representations of `S_n` into Young's orthogonal form, by the
//! Jucys–Murphy elements (Okounkov & Vershik, *A new approach to representation theory of
//! symmetric groups*, Selecta Math. 2 (1996)).
//!
//! The Jucys–Murphy elements `X_k = Σ_{i<k} (i, k)` (`X_1 = 0`, `X_{k+1} = s_k X_k s_k + s_k`)
//! commute, and on Young's basis `v_T` of `S^λ` they are diagonal: `X_k v_T = c_T(k) v_T`, the
//! content (column − row) of the box of `k` in the standard tableau `T`. A content vector
//! determines `T`, so in any representation `ρ` the joint eigenspace `E_T` of the `ρ(X_k)` for
//! the contents of `T` has dimension `m_λ`, the multiplicity of `S^λ`. Starting from an
//! orthonormal basis of `E_{T_0}` for the first tableau `T_0` of each shape, Young's orthogonal
//! form fixes the rest: if `s_i T` is standard (`|r| ≥ 2`, `r = c_T(i+1) − c_T(i)`), then
//! `s_i v_T = (1/r) v_T + √(1 − 1/r²) v_{s_i T}`, so
//!
//! `v_{s_i T} = (ρ(s_i) v_T − v_T / r) / √(1 − 1/r²)`,
//!
//! and every standard tableau is reached from `T_0` by such moves. The copies `v_{T,c}` (`c`
//! over an orthonormal basis of `E_{T_0}`) are the columns of an orthogonal `Q` with
//! `Qᵀ ρ(g) Q = ⊕ ρ_λ(g)` in Young's orthogonal form ([`super::young_forms`]) — no sum over the
//! `n!` elements. The joint eigenspaces are found by restricting the `ρ(X_k)` one after the
//! other, only along the content prefixes of the wanted `T_0` (`O(n d³)` for dimension `d`).

use super::partition::Partition;
use super::young_forms::YoungBasis;
use crate::group::{Family, Group, Permutation, PermutationGroup};
use crate::rep::Representation;
use crate::{Error, Result};
use nalgebra::{DMatrix, DVector};
use std::collections::HashMap;

/// Largest dimension decomposed (the eigen-decompositions cost `O(n d³)`).
pub const MAX_JM_DIM: usize = 2048;
/// Largest memory of the `ρ(s_i)` and `ρ(X_k)` (1 GiB).
pub const MAX_JM_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;
/// Largest `n` (the partitions of `n` are listed: `p(40) = 37338`).
pub const MAX_JM_DEGREE: usize = 40;
/// Eigenvalues of the `ρ(X_k)` must be integers (contents) to this tolerance.
const CONTENT_TOLERANCE: f64 = 1e-6;

/// `Qᵀ ρ(g) Q = ⊕ ρ_λ(g)` in Young's orthogonal form, `Q` orthogonal.
#[derive(Clone, Debug)]
pub struct SnDecomposition {
    /// The change of basis: for each shape (in [`Partition::all`] order) with `m_λ > 0`, its
    /// copies one after the other, each `f^λ` columns in the tableau order of [`YoungBasis`].
    pub q: DMatrix<f64>,
    /// `(λ, first column, f^λ)` of every copy, in column order.
    pub blocks: Vec<(Partition, usize, usize)>,
    /// `max_i ‖ρ(s_i) Q − Q ⊕ ρ_λ(s_i)‖_F` and `‖QᵀQ − I‖_F`.
    pub max_residual: f64,
}

/// The contents `c(1), …, c(n)` of the letters of a tableau given by its rows.
fn contents(rows: &[Vec<usize>], n: usize) -> Vec<i64> {
    let mut c = vec![0; n];
    for (row, entries) in rows.iter().enumerate() {
        for (column, &letter) in entries.iter().enumerate() {
            c[letter - 1] = column as i64 - row as i64;
        }
    }
    c
}

/// The subspaces `E_{T_0}` (orthonormal columns) for the wanted content vectors, by restricting
/// `ρ(X_k)`, `k = 2, …, n`, along their prefixes.
fn joint_eigenspaces(
    jm: &[DMatrix<f64>],
    basis: DMatrix<f64>,
    k: usize,
    wanted: Vec<(usize, &[i64])>,
    found: &mut Vec<(usize, DMatrix<f64>)>,
) -> Result<()> {
    if wanted.is_empty() || basis.ncols() == 0 {
        return Ok(());
    }
    if k == jm.len() {
        found.extend(wanted.into_iter().map(|(w, _)| (w, basis.clone())));
        return Ok(());
    }
    let restricted = basis.transpose() * &jm[k] * &basis;
    let eigen = restricted.symmetric_eigen();
    for value in eigen.eigenvalues.iter() {
        if (value - value.round()).abs() > CONTENT_TOLERANCE * (1.0 + value.abs()) {
            return Err(Error::InvalidInput(format!(
                "a Jucys–Murphy element has the eigenvalue {value:.6}, not a content: not an \
                 orthogonal representation of S_n"
            )));
        }
    }
    let mut values: Vec<i64> = wanted.iter().map(|(_, c)| c[k]).collect();
    values.sort_unstable();
    values.dedup();
    for v in values {
        let columns: Vec<usize> = (0..eigen.eigenvalues.len())
            .filter(|&i| eigen.eigenvalues[i].round() as i64 == v)
            .collect();
        let sub = &basis * eigen.eigenvectors.select_columns(&columns);
        let next = wanted.iter().filter(|(_, c)| c[k] == v).copied().collect();
        joint_eigenspaces(jm, sub, k + 1, next, found)?;
    }
    Ok(())
}

/// Decomposes an orthogonal representation of `S_n` into Young's orthogonal form (module
/// docs).
///
/// Errors: [`Error::InvalidInput`] when the group is not `S_n`, `ρ(s_i)` is not orthogonal, or
/// the Jucys–Murphy spectra are not contents; [`Error::TooLarge`] above [`MAX_JM_DIM`] or
/// [`MAX_JM_DEGREE`];
/// [`Error::Numerical`] when the copies do not fill the space.
pub fn decompose_sn(rep: &dyn Representation<PermutationGroup>) -> Result<SnDecomposition> {
    let group = rep.group();
    let Family::Symmetric(n) = *group.family() else {
        return Err(Error::InvalidInput(format!(
            "the Jucys–Murphy decomposition is for S_n, not {}",
            group.name()
        )));
    };
    let d = rep.dim();
    if n > MAX_JM_DEGREE {
        return Err(Error::TooLarge {
            what: format!("the Jucys–Murphy decomposition for S{n} (it lists the partitions of n)"),
            needed: format!("n = {n}"),
            limit: format!("n = {MAX_JM_DEGREE}"),
        });
    }
    // 2n − 1 dense d × d matrices: the s_i and the Jucys–Murphy elements.
    let bytes = (2 * n) as f64 * d as f64 * d as f64 * 8.0;
    if bytes > MAX_JM_BYTES {
        return Err(Error::TooLarge {
            what: format!("the Jucys–Murphy matrices of a {d}-dimensional representation of S{n}"),
            needed: crate::error::human_bytes(bytes),
            limit: crate::error::human_bytes(MAX_JM_BYTES),
        });
    }
    if d > MAX_JM_DIM {
        return Err(Error::TooLarge {
            what: format!(
                "the Jucys–Murphy decomposition of a {d}-dimensional representation of S{n}"
            ),
            needed: format!("dimension {d}"),
            limit: format!("dimension {MAX_JM_DIM}"),
        });
    }
    let degree = group.degree();
    let swap = |i: usize| {
        let mut images: Vec<usize> = (0..degree).collect();
        images.swap(i - 1, i);
        Permutation::from_images(images)
    };
    // s_i = (i, i+1) on letters, i = 1..n−1 (points i−1 and i).
    let s: Vec<DMatrix<f64>> = (1..n)
        .map(|i| Ok(rep.matrix(&swap(i)?)))
        .collect::<Result<_>>()?;
    for (i, m) in s.iter().enumerate() {
        if (m * m.transpose() - DMatrix::identity(d, d)).amax() > 1e-9 {
            return Err(Error::InvalidInput(format!(
                "ρ(s_{}) is not orthogonal: the Jucys–Murphy decomposition needs an orthogonal \
                 representation",
                i + 1
            )));
        }
    }
    // X_1 = 0, X_{k+1} = s_k X_k s_k + s_k (index k − 1).
    let mut jm = vec![DMatrix::<f64>::zeros(d, d)];
    for k in 1..n {
        let next = &s[k - 1] * &jm[k - 1] * &s[k - 1] + &s[k - 1];
        jm.push(next);
    }
    // Only shapes with f^λ ≤ d can occur (and only their tableaux are listed).
    let shapes: Vec<Partition> = Partition::all(n)
        .into_iter()
        .filter(|p| p.dimension() <= num_bigint::BigUint::from(d))
        .collect();
    let bases: Vec<YoungBasis> = shapes.iter().map(YoungBasis::new).collect::<Result<_>>()?;
    let first: Vec<Vec<i64>> = bases
        .iter()
        .map(|b| contents(b.tableaux()[0].rows(), n))
        .collect();
    let wanted: Vec<(usize, &[i64])> = first.iter().map(|c| c.as_slice()).enumerate().collect();
    let mut found = Vec::new();
    joint_eigenspaces(&jm, DMatrix::identity(d, d), 1, wanted, &mut found)?;
    found.sort_by_key(|(w, _)| *w);
    let mut columns: Vec<DVector<f64>> = Vec::with_capacity(d);
    let mut blocks = Vec::new();
    for (w, start) in found {
        let basis = &bases[w];
        let copies = adapted_copies(basis, &start, &s, n)?;
        for copy in copies {
            blocks.push((shapes[w].clone(), columns.len(), basis.dim()));
            columns.extend(copy);
        }
    }
    if columns.len() != d {
        return Err(Error::Numerical(format!(
            "the Jucys–Murphy copies span {} of {d} dimensions",
            columns.len()
        )));
    }
    let q = crate::linalg::matrix_from_columns(d, &columns);
    let mut max_residual = (q.transpose() * &q - DMatrix::identity(d, d)).norm();
    let index: HashMap<&Partition, usize> =
        shapes.iter().enumerate().map(|(i, p)| (p, i)).collect();
    for i in 1..n {
        let p = swap(i)?;
        let blocks_i: Vec<DMatrix<f64>> = blocks
            .iter()
            .map(|(lambda, _, _)| bases[index[lambda]].orthogonal_matrix(&p))
            .collect::<Result<_>>()?;
        let target = crate::linalg::direct_sum(&blocks_i);
        max_residual = max_residual.max((&s[i - 1] * &q - &q * target).norm());
    }
    Ok(SnDecomposition {
        q,
        blocks,
        max_residual,
    })
}

/// The copies of `S^λ` (each its `f^λ` vectors in tableau order) generated from an orthonormal
/// basis of `E_{T_0}` by Young's orthogonal form (module docs).
fn adapted_copies(
    basis: &YoungBasis,
    start: &DMatrix<f64>,
    s: &[DMatrix<f64>],
    n: usize,
) -> Result<Vec<Vec<DVector<f64>>>> {
    let tableaux = basis.tableaux();
    let position: HashMap<&[Vec<usize>], usize> = tableaux
        .iter()
        .enumerate()
        .map(|(i, t)| (t.rows(), i))
        .collect();
    let mut vectors: Vec<Option<DMatrix<f64>>> = vec![None; tableaux.len()];
    vectors[0] = Some(start.clone());
    let mut queue = vec![0];
    while let Some(t) = queue.pop() {
        let rows = tableaux[t].rows();
        let c = contents(rows, n);
        for i in 1..n {
            let r = c[i] - c[i - 1];
            if r.abs() < 2 {
                continue;
            }
            let swapped: Vec<Vec<usize>> = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|&x| match x {
                            x if x == i => i + 1,
                            x if x == i + 1 => i,
                            x => x,
                        })
                        .collect()
                })
                .collect();
            let u = *position.get(swapped.as_slice()).ok_or_else(|| {
                Error::Numerical(format!("s_{i} of a standard tableau is not listed"))
            })?;
            if vectors[u].is_some() {
                continue;
            }
            let v = vectors[t].as_ref().expect("visited");
            let rf = r as f64;
            vectors[u] = Some((&s[i - 1] * v - v / rf) / (1.0 - 1.0 / (rf * rf)).sqrt());
            queue.push(u);
        }
    }
    let vectors: Vec<DMatrix<f64>> = vectors
        .into_iter()
        .map(|v| v.ok_or_else(|| Error::Numerical("a standard tableau was not reached".into())))
        .collect::<Result<_>>()?;
    Ok((0..start.ncols())
        .map(|c| vectors.iter().map(|v| v.column(c).into_owned()).collect())
        .collect())
}
