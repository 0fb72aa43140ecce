//! The orbit basis of `Hom_{S_n}((Rⁿ)^{⊗k}, (Rⁿ)^{⊗l})`, indexed by set partitions.
//!
//! For a set partition `π` of the `l + k` positions (outputs `0..l`, inputs `l..l+k`; see the
//! [module labelling](super)) with at most `n` blocks,
//!
//! `B_π[i_1…i_l, j_1…j_k] = 1` exactly when the equality pattern of `(i_1, …, i_l, j_1, …, j_k)`
//! is `π`, and `0` otherwise.
//!
//! The `S_n`-orbits on `[n]^{l+k}` are exactly these patterns (a permutation preserves equality
//! of indices, and any two tuples with the same pattern differ by a permutation of `[n]`), so
//! the `B_π` are the orbit basis of Kondor & Trivedi (2018) and, as Maron et al. (2019, Thm. 1)
//! prove, a basis of the equivariant maps. `B_π` has `(n)_b = n (n−1) ⋯ (n−b+1)` ones, `b` the
//! number of blocks; their supports partition `[n]^l × [n]^k`.
//!
//! **Operators without the matrix.** The diagram operator `D_σ` (pattern `≥ σ`: indices equal
//! within each block of `σ`, no condition across) is a cheap contraction: read `x` on the
//! input diagonal of `σ`, sum over the blocks met only by inputs, and write the result on the
//! output diagonal, broadcast over the blocks met only by outputs — `O(n^k + n^l)` work. The
//! orbit operator follows by Möbius inversion on the partition lattice,
//! `B_π = Σ_{σ ≥ π} μ(π, σ) D_σ` ([`SetPartition::coarsenings`]), and the weighted layer
//! `Σ_π w_π B_π = Σ_σ c_σ D_σ` with `c_σ = Σ_{π ≤ σ} μ(π, σ) w_π`, one contraction per `σ`.
//! In floating point the inclusion–exclusion cancels: the error is `O(ε Σ_σ |μ| ‖D_σ x‖)`
//! (exact for integer-valued `x` below `2^53`).

use super::partition::{SetPartition, set_partitions_with_at_most};
use crate::error::human_bytes;
use crate::{Error, Result};
use nalgebra_sparse::CsrMatrix;
use std::collections::HashMap;

/// Largest sparse matrix [`SetPartitionBasis::sparse`] builds: 2 GiB (8-byte column index and
/// 8-byte value per non-zero, plus the row offsets).
pub const MAX_SPARSE_BYTES: u64 = 2 << 30;

/// Largest input or output tensor of a basis: 4 GiB of `f64`.
pub const MAX_TENSOR_BYTES: u64 = 4 << 30;

/// The orbit basis `{B_π}` of the `S_n`-equivariant linear maps `(Rⁿ)^{⊗k} → (Rⁿ)^{⊗l}`: one
/// element per set partition `π` of the `l + k` positions with at most `n` blocks, in the
/// order of [`set_partitions_with_at_most`] (lexicographic restricted growth strings).
#[derive(Clone, Debug)]
pub struct SetPartitionBasis {
    n: usize,
    k: usize,
    l: usize,
    in_dim: usize,
    out_dim: usize,
    partitions: Vec<SetPartition>,
    index: HashMap<SetPartition, usize>,
}

/// `n^power` as a tensor length, refused ([`Error::TooLarge`]) above [`MAX_TENSOR_BYTES`].
fn tensor_len(n: usize, power: usize, what: &str) -> Result<usize> {
    let len = u32::try_from(power)
        .ok()
        .and_then(|p| (n as u64).checked_pow(p))
        .filter(|&len| len <= MAX_TENSOR_BYTES / 8);
    len.map(|len| len as usize).ok_or_else(|| Error::TooLarge {
        what: format!("the {what} tensor (R^{n})^⊗{power}"),
        needed: human_bytes(8.0 * (n as f64).powf(power as f64)),
        limit: human_bytes(MAX_TENSOR_BYTES as f64),
    })
}

/// Per block of `σ`: the stride it contributes to the output index and to the input index
/// (`Σ n^{position weight}` over its output, resp. input, positions; `0` when it has none).
fn block_strides(sigma: &SetPartition, n: usize, l: usize) -> (Vec<usize>, Vec<usize>) {
    let m = sigma.points();
    let mut out = vec![0; sigma.num_blocks()];
    let mut inp = vec![0; sigma.num_blocks()];
    let mut weight = 1;
    for p in (0..m).rev() {
        if p + 1 == l {
            weight = 1;
        }
        let strides = if p < l { &mut out } else { &mut inp };
        strides[sigma.rgs()[p]] += weight;
        weight *= n;
    }
    (out, inp)
}

/// Calls `f(a, b)` for every assignment `v ∈ [n]^{strides.len()}` (last coordinate fastest),
/// with the two linear indices `a = Σ v_c strides[c].0` and `b = Σ v_c strides[c].1`.
fn for_each_assignment(n: usize, strides: &[(usize, usize)], mut f: impl FnMut(usize, usize)) {
    let mut values = vec![0; strides.len()];
    let (mut a, mut b) = (0, 0);
    loop {
        f(a, b);
        let mut d = strides.len();
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            values[d] += 1;
            a += strides[d].0;
            b += strides[d].1;
            if values[d] < n {
                break;
            }
            values[d] = 0;
            a -= n * strides[d].0;
            b -= n * strides[d].1;
        }
    }
}

impl SetPartitionBasis {
    /// The basis for `(Rⁿ)^{⊗k} → (Rⁿ)^{⊗l}`: [`Error::InvalidInput`] for `n = 0`;
    /// [`Error::TooLarge`] when a tensor exceeds [`MAX_TENSOR_BYTES`] or the partitions exceed
    /// [`super::MAX_SET_PARTITIONS`].
    pub fn new(n: usize, k: usize, l: usize) -> Result<Self> {
        if n == 0 {
            return Err(Error::InvalidInput(
                "the set-partition basis needs n ≥ 1 (S_n acting on R^n)".into(),
            ));
        }
        let in_dim = tensor_len(n, k, "input")?;
        let out_dim = tensor_len(n, l, "output")?;
        let partitions = set_partitions_with_at_most(k + l, n)?;
        let index = partitions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        Ok(SetPartitionBasis {
            n,
            k,
            l,
            in_dim,
            out_dim,
            partitions,
            index,
        })
    }

    /// `n` (the group is `S_n`).
    pub fn n(&self) -> usize {
        self.n
    }

    /// The input order `k`.
    pub fn k(&self) -> usize {
        self.k
    }

    /// The output order `l`.
    pub fn l(&self) -> usize {
        self.l
    }

    /// `n^k`.
    pub fn in_dim(&self) -> usize {
        self.in_dim
    }

    /// `n^l`.
    pub fn out_dim(&self) -> usize {
        self.out_dim
    }

    /// The number of elements, `Σ_{b ≤ n} S(k + l, b)`.
    pub fn len(&self) -> usize {
        self.partitions.len()
    }

    /// Never true: the all-equal partition (or `∅` for `k = l = 0`) is always there.
    pub fn is_empty(&self) -> bool {
        self.partitions.is_empty()
    }

    /// The set partitions indexing the elements, in order.
    pub fn partitions(&self) -> &[SetPartition] {
        &self.partitions
    }

    /// The position of `π` in the basis, `None` unless it partitions `k + l` points into at
    /// most `n` blocks.
    pub fn index_of(&self, pi: &SetPartition) -> Option<usize> {
        self.index.get(pi).copied()
    }

    /// The partition of element `idx`, or [`Error::InvalidInput`].
    fn partition(&self, idx: usize) -> Result<&SetPartition> {
        self.partitions.get(idx).ok_or_else(|| {
            Error::InvalidInput(format!(
                "basis element {idx} does not exist: there are {}",
                self.len()
            ))
        })
    }

    /// The number of ones of `B_π`: `(n)_b = n (n−1) ⋯ (n−b+1)`, `b` the blocks of `π`.
    pub fn nnz(&self, idx: usize) -> Result<u128> {
        let blocks = self.partition(idx)?.num_blocks();
        Ok((0..blocks).map(|i| (self.n - i) as u128).product())
    }

    /// `B_π` as an `n^l × n^k` CSR matrix of ones, built directly in row order (the injective
    /// assignments of values to the blocks, in lexicographic order, give increasing rows and,
    /// within a row, increasing columns). [`Error::TooLarge`], naming the bytes, before
    /// allocating when it would exceed [`MAX_SPARSE_BYTES`].
    pub fn sparse(&self, idx: usize) -> Result<CsrMatrix<f64>> {
        let pi = self.partition(idx)?;
        let nnz = self.nnz(idx)?;
        let bytes = nnz as f64 * 16.0 + (self.out_dim as f64 + 1.0) * 8.0;
        if bytes > MAX_SPARSE_BYTES as f64 {
            return Err(Error::TooLarge {
                what: format!("the sparse matrix of B_{pi} for n = {}", self.n),
                needed: format!("{nnz} non-zeros ({})", human_bytes(bytes)),
                limit: human_bytes(MAX_SPARSE_BYTES as f64),
            });
        }
        let (out_strides, in_strides) = block_strides(pi, self.n, self.l);
        let strides: Vec<(usize, usize)> = out_strides.into_iter().zip(in_strides).collect();
        let mut row_offsets = vec![0; self.out_dim + 1];
        let mut cols = Vec::with_capacity(nnz as usize);
        let mut used = vec![false; self.n];
        let mut push = |row: usize, col: usize| {
            row_offsets[row + 1] += 1;
            cols.push(col);
        };
        injective_assignments(&strides, 0, (0, 0), &mut used, &mut push);
        for r in 0..self.out_dim {
            row_offsets[r + 1] += row_offsets[r];
        }
        CsrMatrix::try_from_csr_data(
            self.out_dim,
            self.in_dim,
            row_offsets,
            cols,
            vec![1.0; nnz as usize],
        )
        .map_err(|e| Error::Numerical(format!("orbit matrix of {pi} is not valid CSR: {e}")))
    }

    /// Checks the length of an input tensor.
    fn check_input(&self, x: &[f64]) -> Result<()> {
        if x.len() != self.in_dim {
            return Err(Error::InvalidInput(format!(
                "the input has length {}, expected n^k = {}^{} = {}",
                x.len(),
                self.n,
                self.k,
                self.in_dim
            )));
        }
        Ok(())
    }

    /// Adds `c · D_σ x` to `out`: read `x` on the input diagonal of `σ`, summing over the
    /// blocks met only by inputs into `y` (indexed by the blocks met by both sides), then add
    /// `c · y` on the output diagonal, broadcast over the blocks met only by outputs.
    fn add_diagram(&self, sigma: &SetPartition, c: f64, x: &[f64], out: &mut [f64]) {
        let (out_strides, in_strides) = block_strides(sigma, self.n, self.l);
        let mut shared_strides = vec![0; sigma.num_blocks()];
        let mut shared_len = 1;
        for b in (0..sigma.num_blocks()).rev() {
            if out_strides[b] > 0 && in_strides[b] > 0 {
                shared_strides[b] = shared_len;
                shared_len *= self.n;
            }
        }
        let pairs = |strides: &[usize]| -> Vec<(usize, usize)> {
            (0..sigma.num_blocks())
                .filter(|&b| strides[b] > 0)
                .map(|b| (strides[b], shared_strides[b]))
                .collect()
        };
        let mut y = vec![0.0; shared_len];
        for_each_assignment(self.n, &pairs(&in_strides), |xi, yi| y[yi] += x[xi]);
        for_each_assignment(self.n, &pairs(&out_strides), |oi, yi| out[oi] += c * y[yi]);
    }

    /// `B_π x` for element `idx`, without forming `B_π`: `Σ_{σ ≥ π} μ(π, σ) D_σ x`
    /// (`Bell(b)` contractions of `O(n^k + n^l)` each, `b` the blocks of `π`).
    pub fn apply(&self, idx: usize, x: &[f64]) -> Result<Vec<f64>> {
        let pi = self.partition(idx)?;
        self.check_input(x)?;
        let mut out = vec![0.0; self.out_dim];
        for (sigma, mu) in pi.coarsenings()? {
            self.add_diagram(&sigma, mu as f64, x, &mut out);
        }
        Ok(out)
    }

    /// `D_σ x` for the diagram operator of element `idx`'s partition `σ`: indices equal within
    /// each block of `σ`, no condition across blocks; `D_σ = Σ_{π ≥ σ} B_π`.
    pub fn apply_diagram(&self, idx: usize, x: &[f64]) -> Result<Vec<f64>> {
        let sigma = self.partition(idx)?;
        self.check_input(x)?;
        let mut out = vec![0.0; self.out_dim];
        self.add_diagram(sigma, 1.0, x, &mut out);
        Ok(out)
    }

    /// The diagram-basis coefficients of `Σ_π w_π B_π`: `c_σ = Σ_{π ≤ σ} μ(π, σ) w_π`, so
    /// that `Σ_π w_π B_π = Σ_σ c_σ D_σ`. [`Error::InvalidInput`] unless `w` has one weight
    /// per element.
    pub fn diagram_weights(&self, weights: &[f64]) -> Result<Vec<f64>> {
        if weights.len() != self.len() {
            return Err(Error::InvalidInput(format!(
                "{} weights for {} basis elements",
                weights.len(),
                self.len()
            )));
        }
        let mut c = vec![0.0; self.len()];
        for (pi, &w) in self.partitions.iter().zip(weights) {
            if w == 0.0 {
                continue;
            }
            for (sigma, mu) in pi.coarsenings()? {
                let at = self.index[&sigma];
                c[at] += mu as f64 * w;
            }
        }
        Ok(c)
    }

    /// The equivariant layer's linear part `Σ_π w_π B_π x`, as `Σ_σ c_σ D_σ x` with
    /// [`diagram_weights`](Self::diagram_weights): one contraction per element.
    pub fn apply_weighted(&self, weights: &[f64], x: &[f64]) -> Result<Vec<f64>> {
        let c = self.diagram_weights(weights)?;
        self.check_input(x)?;
        let mut out = vec![0.0; self.out_dim];
        for (sigma, &c) in self.partitions.iter().zip(&c) {
            if c != 0.0 {
                self.add_diagram(sigma, c, x, &mut out);
            }
        }
        Ok(out)
    }
}

/// Calls `push(row, col)` for every injective assignment of values of `[n]` (`n = used.len()`)
/// to the blocks `b..`, in lexicographic order, with the indices accumulated in `at`.
fn injective_assignments(
    strides: &[(usize, usize)],
    b: usize,
    at: (usize, usize),
    used: &mut [bool],
    push: &mut impl FnMut(usize, usize),
) {
    let Some(&(row_stride, col_stride)) = strides.get(b) else {
        push(at.0, at.1);
        return;
    };
    for v in 0..used.len() {
        if !used[v] {
            used[v] = true;
            let next = (at.0 + v * row_stride, at.1 + v * col_stride);
            injective_assignments(strides, b + 1, next, used, push);
            used[v] = false;
        }
    }
}
