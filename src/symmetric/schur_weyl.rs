//! Schur–Weyl duality on tensor powers `V^{⊗k}`, `V = R^d`: the symmetric group `S_k`
//! permuting the tensor factors, its isotypic projectors and Young symmetrisers, and the
//! subspaces cut out by index symmetries such as e3nn's `"ij=ji"`.
//!
//! **Coordinates.** `V^{⊗k}` has the basis `e_{i_1} ⊗ … ⊗ e_{i_k}`, `0 ≤ i_m < d`, flattened in
//! row-major order (`i_1` most significant): flat index `Σ_m i_m d^{k−m}`, as NumPy's C order.
//!
//! **Action.** `σ ∈ S_k` acts by
//!
//! ```text
//! (P_σ x)[i_1, …, i_k] = x[i_{σ(1)}, …, i_{σ(k)}],   i.e.  P_σ (v_1 ⊗ … ⊗ v_k) = v_{σ⁻¹(1)} ⊗ … ⊗ v_{σ⁻¹(k)},
//! ```
//!
//! the factor in position `m` moving to position `σ(m)`. With [`Permutation::compose`]
//! (`(στ)(m) = σ(τ(m))`) this is a homomorphism, `P_σ P_τ = P_{στ}`:
//! `(P_σ P_τ x)[i] = (P_τ x)[i_{σ(1)}, …] = x[i_{σ(τ(1))}, …] = (P_{στ} x)[i]`.
//! `P_σ` is a permutation matrix, so `P_σᵀ = P_σ⁻¹ = P_{σ⁻¹}`, and it commutes with the
//! diagonal action `g^{⊗k}` of `GL(d)`.
//!
//! **Isotypic projectors.** For `λ ⊢ k`, `P_λ = (f^λ/k!) Σ_{σ∈S_k} χ^λ(σ) P_σ` is the image of
//! the central idempotent of the group algebra (Fulton & Harris, *Representation Theory*,
//! (2.32)); it is an orthogonal projector, `Σ_λ P_λ = I`, `P_λ P_μ = 0` for `λ ≠ μ`, and by
//! Schur–Weyl duality `V^{⊗k} ≅ ⊕_λ S^λ ⊗ S_λ(V)` (Fulton & Harris §6.1, Theorem 6.3; Goodman
//! & Wallach, *Symmetry, Representations, and Invariants*, §9.1), so
//! `rank P_λ = f^λ · dim S_λ(R^d)` with the Weyl dimension given by the hook-content formula
//! [`weyl_dimension`]. `P_{(k)}` is the symmetriser onto `Sym^k V`, `P_{(1^k)}` the
//! antisymmetriser onto `Λ^k V`.
//!
//! **Young symmetrisers.** For a standard tableau `T` of shape `λ` with row group `R_T` and
//! column group `C_T` (on the positions `1…k` = the entries of `T`), `a_T = Σ_{p∈R_T} p`,
//! `b_T = Σ_{q∈C_T} sgn(q) q` and this module's convention is `c_T = b_T a_T` (Fulton & Harris
//! §4.1 write `a_λ b_λ`; both products satisfy the same identities). It is quasi-idempotent,
//! `c_T² = (k!/f^λ) c_T`, and its image on `V^{⊗k}` has dimension `dim S_λ(V)` (Fulton &
//! Harris Lemma 4.25, Theorem 6.3).
//!
//! **Index symmetries.** [`IndexSymmetry`] parses formulas like `"ij=ji"`, `"ijk=jik=jki"`,
//! `"ij=-ji"`; [`symmetry_subspace`] returns an orthonormal basis of
//! `{x : x = s_r P_{π_r} x for every relation r}` — exactly, from the signed orbits of the
//! relations on multi-indices (each orbit whose signs are consistent contributes one basis
//! vector `Σ_J ±e_J / √|orbit|`).
//!
//! Sizes are refused up front: `d^k ≤` [`MAX_TENSOR_DIM`] and `k! ≤` [`MAX_GROUP_ORDER`].
//!
//! The theory, with the tests that check each statement, is `theory/schur-weyl.md`.

use std::str::FromStr;

use nalgebra::DMatrix;
use nalgebra_sparse::CsrMatrix;
use num_bigint::{BigInt, BigUint};
use num_rational::BigRational;
use num_traits::ToPrimitive;

use super::next_permutation;
use super::partition::Partition;
use super::table::character_table_sn;
use super::tableau::StandardTableau;
use crate::group::Permutation;
use crate::linalg::exact::QMatrix;
use crate::linalg::{orthonormalize, permutation_csr};
use crate::{Error, Result};

/// Largest tensor dimension `d^k` accepted (a dense `d^k × d^k` matrix of `f64` is 8 MiB).
pub const MAX_TENSOR_DIM: usize = 1024;

/// Largest `k!` summed over (`k ≤ 8`).
pub const MAX_GROUP_ORDER: usize = 40_320;

/// `d^k` after checking `d, k ≥ 1` and `d^k ≤` [`MAX_TENSOR_DIM`].
fn tensor_dim(d: usize, k: usize) -> Result<usize> {
    if d == 0 || k == 0 {
        return Err(Error::InvalidInput(format!(
            "V^(⊗k) needs d ≥ 1 and k ≥ 1 (got d = {d}, k = {k})"
        )));
    }
    match u32::try_from(k).ok().and_then(|k32| d.checked_pow(k32)) {
        Some(n) if n <= MAX_TENSOR_DIM => Ok(n),
        _ => Err(Error::TooLarge {
            what: format!("the tensor power (R^{d})^(⊗{k})"),
            needed: format!("dimension {d}^{k}"),
            limit: MAX_TENSOR_DIM.to_string(),
        }),
    }
}

/// Checks `k! ≤` [`MAX_GROUP_ORDER`].
fn check_group_order(k: usize) -> Result<()> {
    let order = (1..=k).try_fold(1usize, |acc, m| acc.checked_mul(m));
    match order {
        Some(o) if o <= MAX_GROUP_ORDER => Ok(()),
        _ => Err(Error::TooLarge {
            what: format!("a sum over S_{k}"),
            needed: format!("{k}! elements"),
            limit: MAX_GROUP_ORDER.to_string(),
        }),
    }
}

/// The multi-indices of `V^{⊗k}`: `digits[J·k + m] = i_{m+1}` of the flat index `J`, and the
/// strides `d^{k−1−m}` of position `m`.
struct Indexing {
    n: usize,
    k: usize,
    digits: Vec<usize>,
    strides: Vec<usize>,
}

impl Indexing {
    fn new(d: usize, k: usize) -> Result<Self> {
        let n = tensor_dim(d, k)?;
        let mut strides = vec![1usize; k];
        for m in (0..k.saturating_sub(1)).rev() {
            strides[m] = strides[m + 1] * d;
        }
        let mut digits = vec![0usize; n * k];
        for j in 0..n {
            for m in 0..k {
                digits[j * k + m] = (j / strides[m]) % d;
            }
        }
        Ok(Indexing {
            n,
            k,
            digits,
            strides,
        })
    }

    /// `images[j]` with `P_σ e_j = e_{images[j]}`: the multi-index `i` goes to `i'` with
    /// `i'_{σ(m)} = i_m`.
    fn images(&self, sigma: &[usize]) -> Vec<usize> {
        (0..self.n)
            .map(|j| {
                let digits = &self.digits[j * self.k..(j + 1) * self.k];
                sigma
                    .iter()
                    .zip(digits)
                    .map(|(&s, &i)| i * self.strides[s])
                    .sum()
            })
            .collect()
    }
}

fn check_degree(k: usize, sigma: &Permutation) -> Result<()> {
    if sigma.degree() != k {
        return Err(Error::InvalidInput(format!(
            "permutation {sigma} has degree {}, expected k = {k}",
            sigma.degree()
        )));
    }
    Ok(())
}

/// The matrix `P_σ` of `σ ∈ S_k` on `V^{⊗k}`, `V = R^d`, permuting tensor factors:
/// `(P_σ x)[i_1, …, i_k] = x[i_{σ(1)}, …, i_{σ(k)}]`, a homomorphism `P_σ P_τ = P_{στ}` (see the
/// module documentation). Sparse, `d^k` ones.
///
/// [`Error::InvalidInput`] unless `σ` has degree `k` and `d, k ≥ 1`; [`Error::TooLarge`] when
/// `d^k >` [`MAX_TENSOR_DIM`].
///
/// ```
/// use equivariant::group::Permutation;
/// use equivariant::symmetric::schur_weyl::factor_permutation;
/// // The swap on R^2 ⊗ R^2 exchanges e_0⊗e_1 (flat 1) and e_1⊗e_0 (flat 2).
/// let swap = Permutation::from_images(vec![1, 0])?;
/// let p = factor_permutation(2, 2, &swap)?;
/// assert_eq!(p.get_entry(2, 1).unwrap().into_value(), 1.0);
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn factor_permutation(d: usize, k: usize, sigma: &Permutation) -> Result<CsrMatrix<f64>> {
    check_degree(k, sigma)?;
    let indexing = Indexing::new(d, k)?;
    permutation_csr(&indexing.images(&sigma.images()))
}

/// Every permutation of `0..k` preserving each block of `blocks` (a partition of `0..k` into
/// sets), as image vectors: the Young subgroup `S_{B_1} × … × S_{B_r}`.
fn block_permutations(k: usize, blocks: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut out = vec![(0..k).collect::<Vec<_>>()];
    for block in blocks {
        let mut arrangement = block.clone();
        let mut arrangements = Vec::new();
        loop {
            arrangements.push(arrangement.clone());
            if !next_permutation(&mut arrangement) {
                break;
            }
        }
        out = out
            .iter()
            .flat_map(|base| {
                arrangements.iter().map(move |arr| {
                    let mut images = base.clone();
                    for (&from, &to) in block.iter().zip(arr) {
                        images[from] = to;
                    }
                    images
                })
            })
            .collect();
    }
    out
}

/// Sign of a permutation given by images.
fn sign_of(images: &[usize]) -> i64 {
    let mut seen = vec![false; images.len()];
    let mut transpositions = 0;
    for start in 0..images.len() {
        let mut j = start;
        let mut len = 0usize;
        while !seen[j] {
            seen[j] = true;
            j = images[j];
            len += 1;
        }
        transpositions += len.saturating_sub(1);
    }
    if transpositions % 2 == 0 { 1 } else { -1 }
}

/// `Σ_{σ∈S_k} χ^λ(σ) P_σ` with integer entries, with `f^λ` and `k!`.
fn character_sum(d: usize, lambda: &Partition) -> Result<(DMatrix<i64>, i64, i64)> {
    let k = lambda.size();
    check_group_order(k)?;
    let indexing = Indexing::new(d, k)?;
    let table = character_table_sn(k)?;
    let row = table
        .index_of(lambda)
        .ok_or_else(|| Error::InvalidInput(format!("{lambda} is not a partition of {k}")))?;
    let mut sum = DMatrix::<i64>::zeros(indexing.n, indexing.n);
    let mut sigma: Vec<usize> = (0..k).collect();
    let mut order = 0i64;
    loop {
        order += 1;
        let cycle_type = Permutation::from_images(sigma.clone())?.cycle_type();
        let column = table
            .index_of(&Partition::new(cycle_type)?)
            .ok_or_else(|| Error::InvalidInput("cycle type outside the table".into()))?;
        let chi = to_i64(table.value_i128(row, column))?;
        if chi != 0 {
            for (j, image) in indexing.images(&sigma).into_iter().enumerate() {
                sum[(image, j)] += chi;
            }
        }
        if !next_permutation(&mut sigma) {
            break;
        }
    }
    let degree = to_i64(table.value_i128(row, 0))?;
    Ok((sum, degree, order))
}

fn to_i64(x: i128) -> Result<i64> {
    i64::try_from(x).map_err(|_| Error::Numerical(format!("{x} does not fit i64")))
}

/// The isotypic projector `P_λ = (f^λ/k!) Σ_{σ∈S_k} χ^λ(σ) P_σ` on `V^{⊗k}`, `V = R^d`,
/// `k = |λ|`, exactly over `Q` (characters from the exact Murnaghan–Nakayama table).
///
/// Errors as [`isotypic_projector`].
pub fn isotypic_projector_exact(d: usize, lambda: &Partition) -> Result<QMatrix> {
    let (sum, degree, order) = character_sum(d, lambda)?;
    let scale = BigRational::new(BigInt::from(degree), BigInt::from(order));
    Ok(sum.map(|x| BigRational::from_integer(BigInt::from(x)) * &scale))
}

/// The isotypic projector `P_λ = (f^λ/k!) Σ_{σ∈S_k} χ^λ(σ) P_σ` in `f64`: the integer sum is
/// exact and divided once, so every entry is the correctly rounded rational.
/// `P_{(k)}` symmetrises, `P_{(1^k)}` antisymmetrises; `rank P_λ = f^λ ·`
/// [`weyl_dimension`]`(λ, d)` (Fulton & Harris §6.1).
///
/// [`Error::InvalidInput`] for `d = 0` or `λ = ∅`; [`Error::TooLarge`] when `d^k >`
/// [`MAX_TENSOR_DIM`] or `k! >` [`MAX_GROUP_ORDER`].
///
/// ```
/// use equivariant::symmetric::Partition;
/// use equivariant::symmetric::schur_weyl::isotypic_projector;
/// let sym = isotypic_projector(3, &"[2]".parse::<Partition>()?)?;
/// assert!((sym.trace() - 6.0).abs() < 1e-12); // dim Sym² R³
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn isotypic_projector(d: usize, lambda: &Partition) -> Result<DMatrix<f64>> {
    let (sum, degree, order) = character_sum(d, lambda)?;
    Ok(sum.map(|x| (x * degree) as f64 / order as f64))
}

/// `dim S_λ(C^d)`, the number of semistandard tableaux of shape `λ` with entries `≤ d`, by the
/// hook-content formula `Π_{boxes b} (d + c(b)) / h(b)`, content `c(i, j) = j − i` (Stanley,
/// *Enumerative Combinatorics 2*, Corollary 7.21.4; Fulton & Harris Theorem 6.3). Zero when
/// `λ` has more than `d` rows.
///
/// ```
/// use equivariant::symmetric::Partition;
/// use equivariant::symmetric::schur_weyl::weyl_dimension;
/// let lambda: Partition = "[2,1]".parse()?;
/// assert_eq!(weyl_dimension(&lambda, 3), 8u32.into()); // the adjoint of SL(3)
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn weyl_dimension(lambda: &Partition, d: usize) -> BigUint {
    if lambda.len() > d {
        return BigUint::from(0u32);
    }
    let mut numerator = BigUint::from(1u32);
    let mut denominator = BigUint::from(1u32);
    for (i, row) in lambda.hook_lengths().iter().enumerate() {
        for (j, &h) in row.iter().enumerate() {
            numerator *= BigUint::from(d + j - i);
            denominator *= BigUint::from(h);
        }
    }
    numerator / denominator
}

/// The Young symmetriser `c_T = b_T a_T = Σ_{q∈C_T, p∈R_T} sgn(q) P_{qp}` of a standard tableau
/// `T` acting on `V^{⊗k}`, `V = R^d` (entries of `T` are the factor positions `1…k`). Integer
/// entries, exact in `f64`. `c_T² = (k!/f^λ) c_T` and `rank c_T = dim S_λ(R^d)`
/// (Fulton & Harris Lemma 4.25 and §6.1).
///
/// Errors as [`isotypic_projector`].
pub fn young_symmetrizer(d: usize, tableau: &StandardTableau) -> Result<DMatrix<f64>> {
    let shape = tableau.shape();
    let k = shape.size();
    check_group_order(k)?;
    let indexing = Indexing::new(d, k)?;
    let rows: Vec<Vec<usize>> = tableau
        .rows()
        .iter()
        .map(|r| r.iter().map(|&e| e - 1).collect())
        .collect();
    let columns: Vec<Vec<usize>> = (0..shape.parts().first().copied().unwrap_or(0))
        .map(|j| {
            rows.iter()
                .filter_map(|r| r.get(j).copied())
                .collect::<Vec<_>>()
        })
        .collect();
    let row_group = block_permutations(k, &rows);
    let column_group = block_permutations(k, &columns);
    let mut c = DMatrix::<f64>::zeros(indexing.n, indexing.n);
    for q in &column_group {
        let sign = sign_of(q) as f64;
        for p in &row_group {
            let qp: Vec<usize> = p.iter().map(|&x| q[x]).collect();
            for (j, image) in indexing.images(&qp).into_iter().enumerate() {
                c[(image, j)] += sign;
            }
        }
    }
    Ok(c)
}

/// Orthonormal basis (columns, `d^k × f^λ·dim S_λ(R^d)`) of the `λ`-isotypic part
/// `P_λ V^{⊗k}`, by orthonormalising the columns of the exactly built projector; the number of
/// columns is checked against the hook-content rank. `λ = (k)` gives `Sym^k`, `(1^k)` `Λ^k`.
///
/// Errors as [`isotypic_projector`], and [`Error::Numerical`] if the orthonormalisation does
/// not find the predicted rank.
pub fn symmetric_part(d: usize, lambda: &Partition) -> Result<DMatrix<f64>> {
    let projector = isotypic_projector(d, lambda)?;
    let expected = (lambda.dimension() * weyl_dimension(lambda, d))
        .to_usize()
        .unwrap_or(usize::MAX);
    let basis = orthonormalize(&projector, 1e-8);
    if basis.ncols() != expected {
        return Err(Error::Numerical(format!(
            "the {lambda}-isotypic part of (R^{d})^(⊗{}) should have dimension {expected}, \
             orthonormalisation found {}",
            lambda.size(),
            basis.ncols()
        )));
    }
    Ok(basis)
}

/// A set of index symmetries `x[i_1 … i_k] = s_r x[i_{π_r(1)} … i_{π_r(k)}]`, i.e.
/// `x = s_r P_{π_r} x`, parsed from an e3nn-style formula: terms of the same distinct letters
/// separated by `=`, each optionally signed (`"ij=ji"`, `"ijk=jik=jki"`, `"ij=-ji"`). Every
/// term after the first gives one relation with the first; whitespace is ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexSymmetry {
    k: usize,
    letters: Vec<char>,
    relations: Vec<(Permutation, i32)>,
}

impl IndexSymmetry {
    /// The number of indices `k`.
    pub fn degree(&self) -> usize {
        self.k
    }

    /// The letters of the first term, in order: the letter of index position `m` is
    /// `letters()[m]`.
    pub fn letters(&self) -> &[char] {
        &self.letters
    }

    /// The relations `(π, s)`: `x = s P_π x`.
    pub fn relations(&self) -> &[(Permutation, i32)] {
        &self.relations
    }
}

/// One parsed term of a formula: its sign, if written, and its letters with byte positions.
type Term = (Option<i32>, Vec<(usize, char)>);

impl FromStr for IndexSymmetry {
    type Err = Error;

    /// [`Error::Parse`] for an empty term, a character that is not a letter, a sign or `=`, a
    /// repeated letter within a term, or a term whose letters differ from the first term's.
    fn from_str(formula: &str) -> Result<Self> {
        let error = |position: usize, message: &str| Error::Parse {
            input: formula.to_string(),
            position,
            message: message.to_string(),
        };
        let mut terms: Vec<Term> = vec![(None, Vec::new())];
        for (pos, ch) in formula.char_indices() {
            let (sign, letters) = terms.last_mut().expect("terms is never empty");
            match ch {
                c if c.is_whitespace() => {}
                '=' => {
                    if letters.is_empty() {
                        return Err(error(pos, "empty term before '='"));
                    }
                    terms.push((None, Vec::new()));
                }
                '-' | '+' if letters.is_empty() && sign.is_none() => {
                    *sign = Some(if ch == '-' { -1 } else { 1 });
                }
                c if c.is_ascii_alphabetic() => {
                    if letters.iter().any(|&(_, l)| l == c) {
                        return Err(error(pos, "letter repeated within a term"));
                    }
                    letters.push((pos, c));
                }
                _ => return Err(error(pos, "expected an index letter, a sign or '='")),
            }
        }
        if terms.last().is_some_and(|(_, l)| l.is_empty()) {
            return Err(error(formula.len(), "empty term"));
        }
        let (first_sign, first) = &terms[0];
        let k = first.len();
        let mut relations = Vec::new();
        for (sign, letters) in &terms[1..] {
            if letters.len() != k {
                let pos = letters.get(k).map_or(formula.len(), |&(p, _)| p);
                return Err(error(pos, "term has a different number of indices"));
            }
            let mut images = Vec::with_capacity(k);
            for &(pos, c) in letters {
                let Some(m) = first.iter().position(|&(_, l)| l == c) else {
                    return Err(error(pos, "letter not in the first term"));
                };
                images.push(m);
            }
            relations.push((
                Permutation::from_images(images)?,
                first_sign.unwrap_or(1) * sign.unwrap_or(1),
            ));
        }
        Ok(IndexSymmetry {
            k,
            letters: first.iter().map(|&(_, c)| c).collect(),
            relations,
        })
    }
}

/// Union–find with signs: `x[j] = sign[j] · x[parent[j]]`.
struct SignedUnionFind {
    parent: Vec<usize>,
    sign: Vec<i32>,
    inconsistent: Vec<bool>,
}

impl SignedUnionFind {
    fn new(n: usize) -> Self {
        SignedUnionFind {
            parent: (0..n).collect(),
            sign: vec![1; n],
            inconsistent: vec![false; n],
        }
    }

    /// The root of `j` and the sign `s` with `x[j] = s · x[root]`, compressing the path
    /// (iteratively: chains can be long on large tensor spaces).
    fn find(&mut self, j: usize) -> (usize, i32) {
        let mut path = Vec::new();
        let mut root = j;
        while self.parent[root] != root {
            path.push(root);
            root = self.parent[root];
        }
        // Walk back from the node nearest the root: its sign is already relative to the root.
        let mut s = 1;
        for &node in path.iter().rev() {
            s *= self.sign[node];
            self.sign[node] = s;
            self.parent[node] = root;
        }
        (root, if path.is_empty() { 1 } else { self.sign[j] })
    }

    /// Imposes `x[a] = s · x[b]`.
    fn union(&mut self, a: usize, b: usize, s: i32) {
        let (ra, sa) = self.find(a);
        let (rb, sb) = self.find(b);
        if ra == rb {
            if sa != s * sb {
                self.inconsistent[ra] = true;
            }
            return;
        }
        // x[ra] = sa·x[a] = sa·s·x[b] = sa·s·sb·x[rb].
        self.parent[ra] = rb;
        self.sign[ra] = sa * s * sb;
        self.inconsistent[rb] |= self.inconsistent[ra];
    }
}

/// The largest tensor dimension `Π d_m` accepted by [`signed_orbits`]: `2^20` (the orbit table
/// takes 16 bytes per entry and no dense matrix is formed).
pub const MAX_ORBIT_TENSOR_DIM: usize = 1 << 20;

/// The signed orbits of the relations of an [`IndexSymmetry`] on the multi-indices of
/// `R^{d_1} ⊗ … ⊗ R^{d_k}` (row-major, `i_1` slowest), from [`signed_orbits`].
///
/// The subspace `{x : x = s_r P_{π_r} x ∀ r}` has the orthonormal basis
/// `b_c = Σ_{J∈c} sign_J e_J / √|c|`, one vector per orbit `c` whose signs are consistent
/// (the exact form of e3nn's `reduce_permutation`; Geiger & Smidt, arXiv:2207.09453).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedOrbits {
    /// For each flat index `J`: `(c, sign_J)` when `J` lies in the consistent orbit `c`, `None`
    /// when its orbit's signs clash (every `x` in the subspace vanishes there). Orbits are
    /// numbered by their smallest flat index.
    pub orbit_of: Vec<Option<(usize, i32)>>,
    /// `|c|` for each consistent orbit `c`.
    pub sizes: Vec<usize>,
}

impl SignedOrbits {
    /// The number of consistent orbits: the dimension of the subspace.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    /// Whether the subspace is zero.
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The entry of the basis vector `b_c` at `J`: `(c, sign_J / √|c|)`, or `None`.
    pub fn coefficient(&self, j: usize) -> Option<(usize, f64)> {
        self.orbit_of[j].map(|(c, s)| (c, f64::from(s) / (self.sizes[c] as f64).sqrt()))
    }
}

/// The signed orbits of `symmetry`'s relations on the multi-indices of
/// `R^{d_1} ⊗ … ⊗ R^{d_k}`, `dims = [d_1, …, d_k]`: the relation `x = s P_π x` links the flat
/// index of `(i_1, …, i_k)` to that of `(i_{π(1)}, …, i_{π(k)})` with sign `s` (a signed
/// union–find), so the positions a relation exchanges must have equal dimensions. Exact; time
/// `O(Π d_m · k · #relations)`. See `theory/schur-weyl.md` ("Index symmetries").
///
/// [`Error::InvalidInput`] when `dims` has the wrong length, a zero entry, or a relation that
/// exchanges positions of different dimensions; [`Error::TooLarge`] when `Π d_m >`
/// [`MAX_ORBIT_TENSOR_DIM`] (refused before allocating).
///
/// ```
/// use equivariant::symmetric::schur_weyl::{IndexSymmetry, signed_orbits};
/// let symmetry: IndexSymmetry = "ij=-ji".parse()?;
/// assert_eq!(signed_orbits(&[3, 3], &symmetry)?.len(), 3); // Λ²R³
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn signed_orbits(dims: &[usize], symmetry: &IndexSymmetry) -> Result<SignedOrbits> {
    let k = symmetry.k;
    if dims.len() != k || dims.contains(&0) {
        return Err(Error::InvalidInput(format!(
            "the formula has {k} indices, so it needs {k} non-zero dimensions (got {dims:?})"
        )));
    }
    let n = dims
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= MAX_ORBIT_TENSOR_DIM)
        .ok_or_else(|| Error::TooLarge {
            what: format!("the signed orbits on a tensor space of dimensions {dims:?}"),
            needed: format!(
                "{} entries",
                dims.iter().map(|&d| d as f64).product::<f64>()
            ),
            limit: MAX_ORBIT_TENSOR_DIM.to_string(),
        })?;
    let mut strides = vec![1usize; k];
    for m in (0..k.saturating_sub(1)).rev() {
        strides[m] = strides[m + 1] * dims[m + 1];
    }
    let mut uf = SignedUnionFind::new(n);
    for (pi, s) in &symmetry.relations {
        let pi = pi.images();
        if let Some(m) = (0..k).find(|&m| dims[pi[m]] != dims[m]) {
            return Err(Error::InvalidInput(format!(
                "a relation exchanges index {} (dimension {}) with index {} (dimension {})",
                symmetry.letters[m], dims[m], symmetry.letters[pi[m]], dims[pi[m]]
            )));
        }
        // Odometer over the multi-indices in flat order.
        let mut digits = vec![0usize; k];
        for j in 0..n {
            let pulled: usize = (0..k).map(|m| digits[pi[m]] * strides[m]).sum();
            uf.union(j, pulled, *s);
            for m in (0..k).rev() {
                digits[m] += 1;
                if digits[m] < dims[m] {
                    break;
                }
                digits[m] = 0;
            }
        }
    }
    let mut column_of_root = vec![usize::MAX; n];
    let mut orbit_of = vec![None; n];
    let mut sizes = Vec::new();
    for (j, slot) in orbit_of.iter_mut().enumerate() {
        let (root, s) = uf.find(j);
        if uf.inconsistent[root] {
            continue;
        }
        if column_of_root[root] == usize::MAX {
            column_of_root[root] = sizes.len();
            sizes.push(0);
        }
        let c = column_of_root[root];
        sizes[c] += 1;
        *slot = Some((c, s));
    }
    Ok(SignedOrbits { orbit_of, sizes })
}

/// Orthonormal basis (columns of a `d^k × dim` matrix) of the subspace of `V^{⊗k}`, `V = R^d`,
/// fixed by the index symmetries of `formula` (see [`IndexSymmetry`]):
/// `{x : x = s_r P_{π_r} x ∀ r}`. Exact: the relations link multi-indices into signed orbits
/// ([`signed_orbits`]); an orbit whose signs agree contributes `Σ_{J∈orbit} ±e_J/√|orbit|`, one
/// whose signs clash forces `x = 0` on it. Columns are ordered by the smallest flat index of
/// their orbit. `"ij=ji"` on `R^3` has dimension 6, `"ij=-ji"` 3, `"ijk=jik=jki"` 10.
///
/// [`Error::Parse`] for a malformed formula; [`Error::TooLarge`] when `d^k >`
/// [`MAX_TENSOR_DIM`]; [`Error::InvalidInput`] for `d = 0`.
///
/// ```
/// use equivariant::symmetric::schur_weyl::symmetry_subspace;
/// assert_eq!(symmetry_subspace(3, "ij=ji")?.ncols(), 6);
/// assert_eq!(symmetry_subspace(3, "ij=-ji")?.ncols(), 3);
/// assert_eq!(symmetry_subspace(3, "ijk=jik=jki")?.ncols(), 10);
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn symmetry_subspace(d: usize, formula: &str) -> Result<DMatrix<f64>> {
    let symmetry: IndexSymmetry = formula.parse()?;
    let n = tensor_dim(d, symmetry.k)?;
    let orbits = signed_orbits(&vec![d; symmetry.k], &symmetry)?;
    let mut basis = DMatrix::zeros(n, orbits.len());
    for j in 0..n {
        if let Some((c, value)) = orbits.coefficient(j) {
            basis[(j, c)] = value;
        }
    }
    Ok(basis)
}
