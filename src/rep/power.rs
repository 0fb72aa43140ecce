//! Symmetric and exterior powers `Sym^k ρ` and `Λ^k ρ = Alt^k ρ`.
//!
//! `Sym^k V` is identified with homogeneous polynomials of degree `k` in `x_1, …, x_d`
//! (`x_j ↔ e_j`), on which `g` acts by `x_j ↦ Σ_i ρ(g)_{ij} x_i`. In the monomial basis the
//! matrix is read off by multiplying out `Π_j (Σ_i ρ_{ij} x_i)^{β_j}`; the basis
//! `f_α = √(k!/α!) x^α` is orthonormal for the inner product inherited from `V^{⊗k}`, so
//! the returned matrix is `M'_{αβ} = M_{αβ} √(α!/β!)`, orthogonal whenever `ρ(g)` is.
//! The Lie algebra acts by derivations, `X·x^β = Σ_j β_j x^{β−e_j} Σ_i X_{ij} x_i`.
//!
//! `Λ^k V` has the orthonormal basis `e_I = e_{i_1} ∧ … ∧ e_{i_k}`, `i_1 < … < i_k`, and
//! `(Λ^k A)_{IJ} = det A[I, J]` (Cauchy–Binet); `X` acts by
//! `X·e_J = Σ_p e_{j_1} ∧ … ∧ X e_{j_p} ∧ … ∧ e_{j_k}`.
//!
//! Dimensions `C(d+k−1, k)` and `C(d, k)`; characters for `k = 2`:
//! `χ_{Sym²}(g) = (χ(g)² + χ(g²))/2`, `χ_{Λ²}(g) = (χ(g)² − χ(g²))/2`
//! (Fulton & Harris, *Representation Theory*, §2.1 and Exercise 2.2).

use super::{Rep, Representation, check_dimension};
use crate::group::Group;
use crate::{Error, Result, error::human_bytes};
use nalgebra::DMatrix;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Binomial coefficient as `f64` (for size checks before anything is allocated).
fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    (0..k.min(n - k)).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// Largest `d` for which `Λ^k` with `k > d/2` is built (its character needs `det ρ(g)`).
const MAX_DETERMINANT_DIM: usize = 512;

/// Largest memory for the monomial tables of `Sym^k` (1 GiB).
const MAX_TABLE_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

/// `χ_{Sym^k}(g) = h_k` and `χ_{Λ^k}(g) = e_k`, the complete homogeneous and elementary
/// symmetric polynomials of the eigenvalues of `ρ(g)`, from the power sums
/// `p_j = χ(g^j)` by Newton's identities `m h_m = Σ_{j=1}^m p_j h_{m−j}` and
/// `m e_m = Σ_{j=1}^m (−1)^{j−1} p_j e_{m−j}` (Macdonald, *Symmetric Functions and Hall
/// Polynomials*, I.2). No matrix of `ρ` is formed when its character has a formula.
fn power_character<G: Group>(
    rep: &dyn Representation<G>,
    g: &G::Element,
    k: usize,
    symmetric: bool,
) -> f64 {
    let group = rep.group();
    let mut power = g.clone();
    let mut p = Vec::with_capacity(k + 1);
    p.push(0.0);
    for j in 1..=k {
        if j > 1 {
            power = group.multiply(&power, g);
        }
        p.push(rep.character(&power));
    }
    let mut c = vec![1.0; 1];
    for m in 1..=k {
        let sum: f64 = (1..=m)
            .map(|j| {
                let sign = if symmetric || j % 2 == 1 { 1.0 } else { -1.0 };
                sign * p[j] * c[m - j]
            })
            .sum();
        c.push(sum / m as f64);
    }
    c[k]
}

fn ln_factorial(n: usize) -> f64 {
    (2..=n).map(|i| (i as f64).ln()).sum()
}

/// Exponent vectors of degree `0..=k` in `d` variables, with the index of `α + e_i`.
struct Monomials {
    d: usize,
    /// `levels[m]` lists the exponent vectors of degree `m`.
    levels: Vec<Vec<Vec<u32>>>,
    /// `raise[m][a * d + i]` is the index in level `m + 1` of `levels[m][a] + e_i`.
    raise: Vec<Vec<usize>>,
}

impl Monomials {
    fn new(d: usize, k: usize) -> Self {
        let mut levels: Vec<Vec<Vec<u32>>> = vec![vec![vec![0; d]]];
        let mut raise = Vec::new();
        for _ in 0..k {
            let current = levels.last().expect("level 0 exists");
            let mut next: Vec<Vec<u32>> = Vec::new();
            let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
            let mut table = Vec::with_capacity(current.len() * d);
            for alpha in current {
                for i in 0..d {
                    let mut beta = alpha.clone();
                    beta[i] += 1;
                    let id = *index.entry(beta.clone()).or_insert_with(|| {
                        next.push(beta);
                        next.len() - 1
                    });
                    table.push(id);
                }
            }
            levels.push(next);
            raise.push(table);
        }
        Monomials { d, levels, raise }
    }

    fn top(&self) -> &[Vec<u32>] {
        self.levels.last().expect("level 0 exists")
    }

    /// `ln √(α!)` for each top-degree monomial.
    fn half_ln_factorials(&self) -> Vec<f64> {
        self.top()
            .iter()
            .map(|a| 0.5 * a.iter().map(|&e| ln_factorial(e as usize)).sum::<f64>())
            .collect()
    }

    /// Multiplies a polynomial of degree `m` by the linear form `Σ_i l_i x_i`.
    fn times_linear(&self, m: usize, poly: &[f64], l: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.levels[m + 1].len()];
        for (a, &c) in poly.iter().enumerate() {
            if c == 0.0 {
                continue;
            }
            for (i, &li) in l.iter().enumerate() {
                if li != 0.0 {
                    out[self.raise[m][a * self.d + i]] += c * li;
                }
            }
        }
        out
    }

    /// Rescales a matrix in the monomial basis to the orthonormal basis `√(k!/α!) x^α`.
    fn orthonormal(&self, mut m: DMatrix<f64>) -> DMatrix<f64> {
        let h = self.half_ln_factorials();
        for c in 0..m.ncols() {
            for r in 0..m.nrows() {
                if m[(r, c)] != 0.0 {
                    m[(r, c)] *= (h[r] - h[c]).exp();
                }
            }
        }
        m
    }

    fn sym_matrix(&self, a: &DMatrix<f64>) -> DMatrix<f64> {
        let k = self.levels.len() - 1;
        let columns: Vec<Vec<f64>> = (0..self.d)
            .map(|j| a.column(j).iter().copied().collect())
            .collect();
        let n = self.top().len();
        let mut m = DMatrix::zeros(n, n);
        for (b, beta) in self.top().iter().enumerate() {
            let mut poly = vec![1.0];
            let mut degree = 0;
            for (j, &e) in beta.iter().enumerate() {
                for _ in 0..e {
                    poly = self.times_linear(degree, &poly, &columns[j]);
                    degree += 1;
                }
            }
            debug_assert_eq!(degree, k);
            m.column_mut(b).copy_from_slice(&poly);
        }
        self.orthonormal(m)
    }

    fn sym_derivation(&self, x: &DMatrix<f64>) -> DMatrix<f64> {
        let k = self.levels.len() - 1;
        let n = self.top().len();
        let mut m = DMatrix::zeros(n, n);
        if k == 0 {
            return m;
        }
        // Index of β − e_j: invert the raise table of level k − 1.
        let mut lower: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for a in 0..self.levels[k - 1].len() {
            for j in 0..self.d {
                lower
                    .entry(self.raise[k - 1][a * self.d + j])
                    .or_default()
                    .push((j, a));
            }
        }
        for (b, beta) in self.top().iter().enumerate() {
            for &(j, gamma) in lower.get(&b).map(Vec::as_slice).unwrap_or(&[]) {
                let weight = beta[j] as f64;
                for i in 0..self.d {
                    let xij = x[(i, j)];
                    if xij != 0.0 {
                        m[(self.raise[k - 1][gamma * self.d + i], b)] += weight * xij;
                    }
                }
            }
        }
        self.orthonormal(m)
    }
}

struct Sym<G: Group> {
    rep: Rep<G>,
    k: u32,
    dim: usize,
    /// Built on the first matrix request (characters need no tables).
    monomials: OnceLock<Monomials>,
}

impl<G: Group> Sym<G> {
    fn tables(&self) -> &Monomials {
        self.monomials
            .get_or_init(|| Monomials::new(self.rep.dim(), self.k as usize))
    }
}

impl<G: Group> Representation<G> for Sym<G> {
    fn group(&self) -> &Arc<G> {
        self.rep.group()
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        self.tables().sym_matrix(&self.rep.matrix(g))
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.rep
            .lie_algebra_matrices()
            .iter()
            .map(|x| self.tables().sym_derivation(x))
            .collect()
    }
    fn description(&self) -> String {
        format!("sym{}({})", self.k, self.rep.description())
    }
    fn character(&self, g: &G::Element) -> f64 {
        power_character(self.rep.as_ref(), g, self.k as usize, true)
    }
}

/// The symmetric power `Sym^k ρ`, of dimension `C(d+k−1, k)` (refused up front when its
/// matrices or its monomial tables would exceed the size limits). `Sym^0 = triv`,
/// `Sym^1 ρ = ρ`; of a 1-dimensional `ρ`, `Sym^k ρ = ρ^{⊗k}`.
pub fn sym<G: Group + 'static>(rep: &Rep<G>, k: u32) -> Result<Rep<G>> {
    let d = rep.dim();
    let what = format!("sym{k}({})", rep.description());
    // C(d+k−1, k), which is 0 for d = 0 < k.
    let count = if d == 0 {
        0.0
    } else {
        binomial(d + k as usize - 1, k as usize)
    };
    let dim = check_dimension(&what, count)?;
    match (k, d) {
        (0, _) => return Ok(super::trivial(rep.group())),
        // Sym^k of the zero space is the zero space.
        (1, _) | (_, 0) => return Ok(rep.clone()),
        (_, 1) => return super::tensor_power(rep, k),
        _ => {}
    }
    // The tables hold every monomial of degree ≤ k with its exponents and raising indices.
    let monomials: f64 = (0..=k as usize).map(|m| binomial(d + m - 1, m)).sum();
    let bytes = monomials * d as f64 * 24.0;
    if bytes > MAX_TABLE_BYTES {
        return Err(Error::TooLarge {
            what: format!("the monomial tables of {what}"),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_TABLE_BYTES),
        });
    }
    Ok(Arc::new(Sym {
        rep: rep.clone(),
        k,
        dim,
        monomials: OnceLock::new(),
    }))
}

/// Increasing `k`-subsets of `0..d` in lexicographic order.
fn subsets(d: usize, k: usize) -> Vec<Vec<usize>> {
    fn extend(
        start: usize,
        d: usize,
        k: usize,
        prefix: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if prefix.len() == k {
            out.push(prefix.clone());
            return;
        }
        // Leave room for the indices still to come.
        for i in start..=d - (k - prefix.len()) {
            prefix.push(i);
            extend(i + 1, d, k, prefix, out);
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    if k <= d {
        extend(0, d, k, &mut Vec::new(), &mut out);
    }
    out
}

struct Alt<G: Group> {
    rep: Rep<G>,
    k: u32,
    subsets: Arc<Vec<Vec<usize>>>,
    index: Arc<HashMap<Vec<usize>, usize>>,
}

impl<G: Group> Alt<G> {
    fn minors(&self, a: &DMatrix<f64>) -> DMatrix<f64> {
        let n = self.subsets.len();
        let k = self.k as usize;
        DMatrix::from_fn(n, n, |r, c| {
            if k == 0 {
                return 1.0;
            }
            let rows = &self.subsets[r];
            let cols = &self.subsets[c];
            DMatrix::from_fn(k, k, |i, j| a[(rows[i], cols[j])]).determinant()
        })
    }

    fn derivation(&self, x: &DMatrix<f64>) -> DMatrix<f64> {
        let n = self.subsets.len();
        let d = x.nrows();
        let mut m = DMatrix::zeros(n, n);
        for (c, subset) in self.subsets.iter().enumerate() {
            for p in 0..subset.len() {
                for i in 0..d {
                    let xij = x[(i, subset[p])];
                    if xij == 0.0 || (i != subset[p] && subset.contains(&i)) {
                        continue;
                    }
                    // Replace j_p by i, then sort, counting transpositions for the sign.
                    let mut wedge = subset.clone();
                    wedge[p] = i;
                    let mut sign = 1.0;
                    for a in 0..wedge.len() {
                        for b in 0..wedge.len() - 1 - a {
                            if wedge[b] > wedge[b + 1] {
                                wedge.swap(b, b + 1);
                                sign = -sign;
                            }
                        }
                    }
                    m[(self.index[&wedge], c)] += sign * xij;
                }
            }
        }
        m
    }
}

impl<G: Group> Representation<G> for Alt<G> {
    fn group(&self) -> &Arc<G> {
        self.rep.group()
    }
    fn dim(&self) -> usize {
        self.subsets.len()
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        self.minors(&self.rep.matrix(g))
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.rep
            .lie_algebra_matrices()
            .iter()
            .map(|x| self.derivation(x))
            .collect()
    }
    fn description(&self) -> String {
        format!("alt{}({})", self.k, self.rep.description())
    }
    /// Newton's identities for `k ≤ d/2`; otherwise `Λ^k V ≅ Λ^{d−k} V* ⊗ det V`, so
    /// `χ(g) = det ρ(g) · e_{d−k}` of the eigenvalues of `ρ(g⁻¹)` (Newton's identities lose
    /// accuracy as `k` approaches `d`). Zero for `k > d`.
    fn character(&self, g: &G::Element) -> f64 {
        let (d, k) = (self.rep.dim(), self.k as usize);
        if k > d {
            return 0.0;
        }
        if 2 * k <= d {
            return power_character(self.rep.as_ref(), g, k, false);
        }
        let det = self.rep.matrix(g).determinant();
        let inverse = self.group().inverse(g);
        det * power_character(self.rep.as_ref(), &inverse, d - k, false)
    }
}

/// The exterior power `Λ^k ρ = Alt^k ρ`, of dimension `C(d, k)` (zero when `k > d`).
pub fn alt<G: Group + 'static>(rep: &Rep<G>, k: u32) -> Result<Rep<G>> {
    let d = rep.dim();
    let what = format!("alt{k}({})", rep.description());
    check_dimension(&what, binomial(d, k as usize))?;
    // Past d/2 the character needs det ρ(g), an O(d³) factorisation.
    if 2 * k as usize > d && k as usize <= d && d > MAX_DETERMINANT_DIM {
        return Err(Error::TooLarge {
            what: format!("the character of {what}, which needs det ρ(g)"),
            needed: format!("a {d}×{d} determinant"),
            limit: format!("{MAX_DETERMINANT_DIM}×{MAX_DETERMINANT_DIM}"),
        });
    }
    let subsets = subsets(d, k as usize);
    let index = subsets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), i))
        .collect();
    Ok(Arc::new(Alt {
        rep: rep.clone(),
        k,
        subsets: Arc::new(subsets),
        index: Arc::new(index),
    }))
}
