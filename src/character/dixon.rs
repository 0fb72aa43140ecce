//! The numerical half of Burnside–Dixon–Schneider: class-multiplication coefficients and the
//! simultaneous eigenvectors of the class matrices.
//!
//! * **Coefficients.** `a_{jkl} = #{(x, y) ∈ C_j × C_k : xy = z_l}` for the representative
//!   `z_l` of class `l`. Writing `x = z_l u`, `y = u⁻¹` for `u ∈ G`, one pass over the group per
//!   class `l` finds them: `j = class(z_l u)`, `k = class(u⁻¹) = class(u)⁻¹`. Left
//!   multiplication by `z_l` is tabulated in `O(|G|)` along a breadth-first spanning tree of the
//!   Cayley graph (`u = p·s` for a generator `s` gives `z_l u = (z_l p)·s`), so the pass needs
//!   only the right-multiplication tables of the generators: `|G|·r` array look-ups in all,
//!   parallel over `l`.
//! * **Eigenvectors.** `(A_j)_{kl} = a_{jkl}` has the common eigenvectors
//!   `w_k = ω_χ(K_k) = h_k χ(g_k)/χ(1)` (one per irreducible `χ`), orthogonal for
//!   `⟨u, v⟩ = Σ_k u_k v̄_k / h_k`. With `D = diag(h_k^{-1/2})`, `B_j = D A_j D⁻¹` are commuting
//!   normal matrices; a random combination `H = Σ_j (α_j B_j + ᾱ_j B_jᵀ)/h_j` is Hermitian with
//!   the eigenvalue `2 Re Σ_j α_j χ(g_j)/χ(1)` on the eigenvector of `χ`. Eigenvalues closer than
//!   `CLUSTER_TOLERANCE · 2Σ_j|α_j|` (a bound on `‖H‖`) are treated as one cluster, whose
//!   eigenspace is split by a fresh random combination restricted to it (Schneider's
//!   refinement). Each pass over the group yields `COMBINATIONS_PER_PASS` combinations; after
//!   `MAX_PASSES` passes with a cluster left, the computation fails with `Error::Numerical`.

use crate::group::{FiniteGroup, PermutationGroup};
use crate::{Error, Result};
use nalgebra::{DMatrix, SymmetricEigen};
use num_complex::Complex64;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;

/// Relative gap (to the bound `2Σ|α_j|` on `‖H‖`) below which eigenvalues form a cluster.
pub const CLUSTER_TOLERANCE: f64 = 1e-6;
/// Random combinations of the class matrices formed per pass over the group.
pub const COMBINATIONS_PER_PASS: usize = 4;
/// Passes over the group before giving up on separating the characters.
pub const MAX_PASSES: usize = 6;

/// Multiplication by index: right multiplication by each generator and a spanning tree.
pub(crate) struct Multiplier {
    /// `right[s][i]` = index of `elements[i] · generators[s]`.
    right: Vec<Vec<u32>>,
    /// Breadth-first order from the identity; `tree[i] = (parent, generator)` with
    /// `elements[i] = elements[parent] · generators[generator]`.
    order: Vec<u32>,
    tree: Vec<(u32, u32)>,
}

impl Multiplier {
    pub(crate) fn new(group: &PermutationGroup) -> Result<Self> {
        let elements = group.elements()?;
        let n = elements.len();
        let generators = group.generators();
        let right = generators
            .iter()
            .map(|s| {
                elements
                    .par_iter()
                    .map(|g| {
                        group
                            .index_of(&g.compose(s))?
                            .map(|i| i as u32)
                            .ok_or_else(|| Error::Numerical("a product left the group".into()))
                    })
                    .collect::<Result<Vec<u32>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        let mut tree = vec![(u32::MAX, u32::MAX); n];
        tree[0] = (0, 0);
        let mut order = Vec::with_capacity(n);
        order.push(0u32);
        let mut head = 0;
        while head < order.len() {
            let i = order[head] as usize;
            head += 1;
            for (s, table) in right.iter().enumerate() {
                let j = table[i] as usize;
                if j != 0 && tree[j].0 == u32::MAX {
                    tree[j] = (i as u32, s as u32);
                    order.push(j as u32);
                }
            }
        }
        if order.len() != n {
            return Err(Error::Numerical(format!(
                "the generators reach {} of the {n} elements",
                order.len()
            )));
        }
        Ok(Multiplier { right, order, tree })
    }

    /// `table[u]` = index of `elements[z] · elements[u]` for every `u`.
    fn left_multiplication(&self, z: usize, table: &mut [u32]) {
        table[0] = z as u32;
        for &i in &self.order[1..] {
            let (parent, s) = self.tree[i as usize];
            table[i as usize] = self.right[s as usize][table[parent as usize] as usize];
        }
    }
}

/// What the eigenvector computation needs to know about the classes.
pub(crate) struct Classes<'a> {
    /// Class index of every element (by index).
    pub class_of: &'a [u32],
    /// Element index of each class representative.
    pub representatives: Vec<usize>,
    /// Class sizes `h_k` (class 0 is the identity).
    pub sizes: Vec<f64>,
    /// The class of the inverses of class `k`.
    pub inverse: Vec<usize>,
}

/// For each combination `β_t` (indexed by class `j`), the matrix `Σ_j β_{t,j} A_j`,
/// `(A_j)_{kl} = a_{jkl}`, from one pass over the group.
fn combined_class_matrices(
    multiplier: &Multiplier,
    classes: &Classes,
    betas: &[Vec<Complex64>],
) -> Vec<DMatrix<Complex64>> {
    let n = classes.class_of.len();
    let r = classes.sizes.len();
    let columns: Vec<Vec<Vec<Complex64>>> = (0..r)
        .into_par_iter()
        .map(|l| {
            let mut table = vec![0u32; n];
            multiplier.left_multiplication(classes.representatives[l], &mut table);
            // counts[j * r + k] = a_{jkl}
            let mut counts = vec![0u32; r * r];
            for (u, &zu) in table.iter().enumerate() {
                let j = classes.class_of[zu as usize] as usize;
                let k = classes.inverse[classes.class_of[u] as usize];
                counts[j * r + k] += 1;
            }
            betas
                .iter()
                .map(|beta| {
                    let mut column = vec![Complex64::new(0.0, 0.0); r];
                    for (j, b) in beta.iter().enumerate() {
                        let row = &counts[j * r..(j + 1) * r];
                        for (k, &c) in row.iter().enumerate() {
                            if c != 0 {
                                column[k] += b * c as f64;
                            }
                        }
                    }
                    column
                })
                .collect()
        })
        .collect();
    (0..betas.len())
        .map(|t| DMatrix::from_fn(r, r, |k, l| columns[l][t][k]))
        .collect()
}

/// The Hermitian matrix `H = B + B*`, `B = D M D⁻¹`, `D = diag(h^{-1/2})`.
fn hermitian(m: &DMatrix<Complex64>, sizes: &[f64]) -> DMatrix<Complex64> {
    let r = sizes.len();
    let roots: Vec<f64> = sizes.iter().map(|h| h.sqrt()).collect();
    let b = DMatrix::from_fn(r, r, |k, l| m[(k, l)] * (roots[l] / roots[k]));
    &b + b.adjoint()
}

/// One approximate irreducible character: its degree and values on the classes.
pub(crate) struct ApproximateCharacter {
    pub degree: u64,
    pub values: Vec<Complex64>,
    /// `|χ(1)_numerical − degree|`.
    pub degree_error: f64,
}

/// The irreducible characters, numerically (in no particular order).
/// `cluster_tolerance` is [`CLUSTER_TOLERANCE`] except in tests that force the splitting.
pub(crate) fn approximate_characters(
    group: &PermutationGroup,
    classes: &Classes,
    order: f64,
    seed: u64,
    cluster_tolerance: f64,
) -> Result<Vec<ApproximateCharacter>> {
    let r = classes.sizes.len();
    let multiplier = Multiplier::new(group)?;
    let mut rng = StdRng::seed_from_u64(seed);
    // Orthonormal bases of the subspaces still to split; `None` is the whole space.
    let mut pending: Vec<Option<DMatrix<Complex64>>> = vec![None];
    let mut vectors: Vec<nalgebra::DVector<Complex64>> = Vec::with_capacity(r);
    for _pass in 0..MAX_PASSES {
        let alphas: Vec<Vec<Complex64>> = (0..COMBINATIONS_PER_PASS)
            .map(|_| {
                (0..r)
                    .map(|_| {
                        Complex64::new(
                            rng.random::<f64>() * 2.0 - 1.0,
                            rng.random::<f64>() * 2.0 - 1.0,
                        )
                    })
                    .collect()
            })
            .collect();
        let betas: Vec<Vec<Complex64>> = alphas
            .iter()
            .map(|alpha| {
                alpha
                    .iter()
                    .zip(&classes.sizes)
                    .map(|(a, h)| a / *h)
                    .collect()
            })
            .collect();
        let matrices = combined_class_matrices(&multiplier, classes, &betas);
        for (alpha, m) in alphas.iter().zip(&matrices) {
            let h = hermitian(m, &classes.sizes);
            let bound: f64 = 2.0 * alpha.iter().map(|a| a.norm()).sum::<f64>();
            let tolerance = cluster_tolerance * bound.max(1.0);
            let mut next = Vec::new();
            for basis in pending.drain(..) {
                let restricted = match &basis {
                    None => h.clone(),
                    Some(w) => w.adjoint() * &h * w,
                };
                let eigen = SymmetricEigen::new(restricted);
                let mut idx: Vec<usize> = (0..eigen.eigenvalues.len()).collect();
                idx.sort_by(|&a, &b| eigen.eigenvalues[a].total_cmp(&eigen.eigenvalues[b]));
                let mut start = 0;
                while start < idx.len() {
                    let mut end = start + 1;
                    while end < idx.len()
                        && eigen.eigenvalues[idx[end]] - eigen.eigenvalues[idx[end - 1]] < tolerance
                    {
                        end += 1;
                    }
                    let local =
                        DMatrix::from_fn(eigen.eigenvectors.nrows(), end - start, |i, c| {
                            eigen.eigenvectors[(i, idx[start + c])]
                        });
                    let global = match &basis {
                        None => local,
                        Some(w) => w * local,
                    };
                    if end - start == 1 {
                        vectors.push(global.column(0).into_owned());
                    } else {
                        next.push(Some(global));
                    }
                    start = end;
                }
            }
            pending = next;
            if pending.is_empty() {
                break;
            }
        }
        if pending.is_empty() {
            break;
        }
    }
    if !pending.is_empty() {
        let sizes: Vec<usize> = pending
            .iter()
            .map(|b| b.as_ref().map_or(r, |w| w.ncols()))
            .collect();
        return Err(Error::Numerical(format!(
            "Dixon–Schneider: {} eigenspace(s) of dimensions {sizes:?} could not be split after {} random combinations",
            sizes.len(),
            MAX_PASSES * COMBINATIONS_PER_PASS
        )));
    }
    if vectors.len() != r {
        return Err(Error::Numerical(format!(
            "Dixon–Schneider found {} characters for {r} classes",
            vectors.len()
        )));
    }
    vectors
        .iter()
        .map(|u| character_from_eigenvector(u, &classes.sizes, order))
        .collect()
}

/// `w = D⁻¹u` scaled to `w_1 = 1`; `χ(1)² = |G| / Σ_k |w_k|²/h_k`, `χ(g_k) = χ(1) w_k / h_k`.
fn character_from_eigenvector(
    u: &nalgebra::DVector<Complex64>,
    sizes: &[f64],
    order: f64,
) -> Result<ApproximateCharacter> {
    let u0 = u[0];
    if u0.norm() < 1e-12 {
        return Err(Error::Numerical(
            "an eigenvector vanishes at the identity class".into(),
        ));
    }
    let w: Vec<Complex64> = u
        .iter()
        .zip(sizes)
        .map(|(uk, h)| uk * h.sqrt() / u0)
        .collect();
    let norm: f64 = w.iter().zip(sizes).map(|(wk, h)| wk.norm_sqr() / h).sum();
    let degree_numerical = (order / norm).sqrt();
    let degree = degree_numerical.round();
    let degree_error = (degree_numerical - degree).abs();
    if degree < 1.0 || degree_error > 1e-3 {
        return Err(Error::Numerical(format!(
            "a character degree came out as {degree_numerical}, not an integer"
        )));
    }
    let values = w
        .iter()
        .zip(sizes)
        .map(|(wk, h)| wk * (degree / h))
        .collect();
    Ok(ApproximateCharacter {
        degree: degree as u64,
        values,
        degree_error,
    })
}
