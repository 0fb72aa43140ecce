//! `S_n`-equivariant graph layers on tensors of order 0, 1 and 2 (Maron et al.).
//!
//! A feature of order `k` on `n` nodes with `c` channels is a matrix with `n^k` rows and `c`
//! columns: order 0 one row (graph-level scalars), order 1 row `i` for node `i`, order 2 row
//! `i·n + j` for the pair `(i, j)` (an adjacency matrix `A` read row by row, see
//! [`stack_matrices`]). `S_n` acts on order 2 by `A ↦ P A Pᵀ`, i.e. by `P ⊗ P`, so one channel is
//! `rep::tensor_power(&rep::defining(S_n), 2)` and `c` channels `rep::multiple(…, c)` (the
//! column-major storage is channel-major).
//!
//! Every equivariant linear map from order `k` to order `l` is a combination of the
//! [`BasisOp`]s, one per set partition of the `k + l` indices (Bell(k+l) of them once
//! `n ≥ k + l`). Each is a *reduction* of the input (indices in a block without output indices
//! are summed, indices in one block are set equal) followed by a *spread* into the output
//! (output indices in a block without input indices are broadcast). Both are `O(n²)`.
//! The 15 = Bell(4) maps `R^{n×n} → R^{n×n}` (`1` the all-ones vector, `Diag(u)` the diagonal
//! matrix of `u`, `diag(A)` the diagonal of `A`):
//!
//! | # | `Y_ij =` | matrix form | partition of `{i, j \| k, l}` |
//! |---|---|---|---|
//! | 1 | `A_ij` | `A` | `{i,k} {j,l}` |
//! | 2 | `A_ji` | `Aᵀ` | `{i,l} {j,k}` |
//! | 3 | `δ_ij A_ii` | `Diag(diag(A))` | `{i,j,k,l}` |
//! | 4 | `A_ii` | `diag(A) 1ᵀ` | `{i,k,l} {j}` |
//! | 5 | `A_jj` | `1 diag(A)ᵀ` | `{j,k,l} {i}` |
//! | 6 | `δ_ij Σ_l A_il` | `Diag(A1)` | `{i,j,k} {l}` |
//! | 7 | `Σ_l A_il` | `(A1) 1ᵀ` | `{i,k} {j} {l}` |
//! | 8 | `Σ_l A_jl` | `1 (A1)ᵀ` | `{j,k} {i} {l}` |
//! | 9 | `δ_ij Σ_k A_ki` | `Diag(Aᵀ1)` | `{i,j,l} {k}` |
//! | 10 | `Σ_k A_ki` | `(Aᵀ1) 1ᵀ` | `{i,l} {j} {k}` |
//! | 11 | `Σ_k A_kj` | `1 (Aᵀ1)ᵀ` | `{j,l} {i} {k}` |
//! | 12 | `δ_ij tr A` | `tr(A) I` | `{i,j} {k,l}` |
//! | 13 | `tr A` | `tr(A) 11ᵀ` | `{i} {j} {k,l}` |
//! | 14 | `δ_ij Σ_kl A_kl` | `(1ᵀA1) I` | `{i,j} {k} {l}` |
//! | 15 | `Σ_kl A_kl` | `(1ᵀA1) 11ᵀ` | `{i} {j} {k} {l}` |
//!
//! (in the order of [`basis`]`(2, 2)`). The other orders: `2 → 0`: `tr A`, `1ᵀA1` (Bell(2) = 2);
//! `2 → 1`: `diag(A)`, `A1`, `Aᵀ1`, `tr(A) 1`, `(1ᵀA1) 1` (Bell(3) = 5); `1 → 2`: `Diag(x)`,
//! `x 1ᵀ`, `1 xᵀ`, `(1ᵀx) I`, `(1ᵀx) 11ᵀ` (5); `0 → 2`: `s I`, `s 11ᵀ` (2); `1 → 1`: `x`,
//! `(1ᵀx) 1` (2); `1 → 0`: `1ᵀx` (1); `0 → 1`: `s 1`; `0 → 0`: `s`.
//!
//! [`GraphLayer`] mixes channels with one `c_in × c_out` weight per basis map and adds the
//! equivariant biases (the `0 → l` maps applied to a learned vector: for order 2 a constant
//! and a diagonal term). [`InvariantGraphNetwork`] is `2 → 2`, a pointwise nonlinearity, then
//! `2 → 0`. Sums are plain sums (not means).
//!
//! ```
//! use equivariant::nn::graph::basis;
//! use nalgebra::DMatrix;
//!
//! let ops = basis(2, 2).unwrap();
//! assert_eq!(ops.len(), 15);
//! assert_eq!(ops[6].to_string(), "Y = (A1) 1ᵀ");
//! let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.0]);
//! // Row sums (3, 7) broadcast along rows.
//! assert_eq!(ops[6].apply_to_matrix(&a).unwrap(), DMatrix::from_row_slice(2, 2, &[3.0, 3.0, 7.0, 7.0]));
//! ```
//!
//! Reference: Maron, Ben-Hamu, Shamir, Lipman, "Invariant and Equivariant Graph Networks",
//! ICLR 2019, arXiv:1812.09902 (Theorem 1 and Appendix A). Theory and tests:
//! `theory/deep-sets-and-graphs.md`.

use std::fmt;

use nalgebra::{DMatrix, DVector};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::error::human_bytes;
use crate::nn::deep_sets::{activate, check_bias, check_finite, check_shape, gaussian};
use crate::nn::point_cloud::Activation;
use crate::{Error, Result};

/// The most memory one feature tensor may take (2 GiB); larger requests are refused with
/// [`Error::TooLarge`] before allocating.
pub const MEMORY_LIMIT: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;

/// The first half of a basis map: a contraction of the input tensor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduce {
    /// The input itself (any order).
    Keep,
    /// `Aᵀ` (order 2 → 2).
    Transpose,
    /// `diag(A)` (order 2 → 1).
    Diagonal,
    /// `A1`, the row sums (order 2 → 1).
    RowSums,
    /// `Aᵀ1`, the column sums (order 2 → 1).
    ColumnSums,
    /// `tr A` (order 2 → 0).
    Trace,
    /// The sum of all entries, `1ᵀA1` or `1ᵀx` (order 2 or 1 → 0).
    Sum,
}

const REDUCES: [Reduce; 7] = [
    Reduce::Keep,
    Reduce::Transpose,
    Reduce::Diagonal,
    Reduce::RowSums,
    Reduce::ColumnSums,
    Reduce::Trace,
    Reduce::Sum,
];

impl Reduce {
    /// The order of the contraction of an order-`order` tensor; `None` when undefined.
    pub fn rank(self, order: usize) -> Option<usize> {
        match (self, order) {
            (Reduce::Keep, k) => Some(k),
            (Reduce::Transpose, 2) => Some(2),
            (Reduce::Diagonal | Reduce::RowSums | Reduce::ColumnSums, 2) => Some(1),
            (Reduce::Trace, 2) | (Reduce::Sum, 1 | 2) => Some(0),
            _ => None,
        }
    }

    /// One channel: `a` the input (length `n^order`), `out` the zeroed contraction.
    fn apply(self, n: usize, a: &[f64], out: &mut [f64]) {
        match self {
            Reduce::Keep => out.copy_from_slice(a),
            Reduce::Transpose => {
                for (i, row) in out.chunks_exact_mut(n).enumerate() {
                    for (j, y) in row.iter_mut().enumerate() {
                        *y = a[j * n + i];
                    }
                }
            }
            Reduce::Diagonal => {
                for (i, y) in out.iter_mut().enumerate() {
                    *y = a[i * (n + 1)];
                }
            }
            Reduce::RowSums => {
                for (y, row) in out.iter_mut().zip(a.chunks_exact(n)) {
                    *y = row.iter().sum();
                }
            }
            Reduce::ColumnSums => {
                for row in a.chunks_exact(n) {
                    for (y, v) in out.iter_mut().zip(row) {
                        *y += v;
                    }
                }
            }
            Reduce::Trace => out[0] = (0..n).map(|i| a[i * (n + 1)]).sum(),
            Reduce::Sum => out[0] = a.iter().sum(),
        }
    }

    fn formula(self, order: usize) -> &'static str {
        match (self, order) {
            (Reduce::Keep, 0) => "s",
            (Reduce::Keep, 1) => "x",
            (Reduce::Keep, _) => "A",
            (Reduce::Transpose, _) => "Aᵀ",
            (Reduce::Diagonal, _) => "diag(A)",
            (Reduce::RowSums, _) => "A1",
            (Reduce::ColumnSums, _) => "Aᵀ1",
            (Reduce::Trace, _) => "tr(A)",
            (Reduce::Sum, 1) => "1ᵀx",
            (Reduce::Sum, _) => "1ᵀA1",
        }
    }
}

/// The second half of a basis map: placing the contraction into the output tensor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spread {
    /// The contraction itself (same order).
    Keep,
    /// On the diagonal: `Diag(u)` from order 1, `s I` from order 0.
    Diagonal,
    /// `Y_ij = u_i`, `u 1ᵀ` (order 1 → 2).
    Rows,
    /// `Y_ij = u_j`, `1 uᵀ` (order 1 → 2).
    Columns,
    /// Everywhere: `s 1` or `s 11ᵀ` (order 0 → 1 or 2).
    All,
}

const SPREADS: [Spread; 5] = [
    Spread::Keep,
    Spread::Diagonal,
    Spread::Rows,
    Spread::Columns,
    Spread::All,
];

impl Spread {
    /// Whether this spread takes a contraction of order `rank` to an output of order `order`.
    pub fn accepts(self, rank: usize, order: usize) -> bool {
        match self {
            Spread::Keep => rank == order,
            Spread::Diagonal => order == 2 && rank < 2,
            Spread::Rows | Spread::Columns => order == 2 && rank == 1,
            Spread::All => order > 0 && rank == 0,
        }
    }

    /// One channel: adds the spread of `u` (order `rank`) to `out`.
    fn add(self, rank: usize, n: usize, u: &[f64], out: &mut [f64]) {
        match self {
            Spread::Keep => out.iter_mut().zip(u).for_each(|(y, v)| *y += v),
            Spread::Diagonal => {
                for i in 0..n {
                    out[i * (n + 1)] += if rank == 1 { u[i] } else { u[0] };
                }
            }
            Spread::Rows => {
                for (row, v) in out.chunks_exact_mut(n).zip(u) {
                    row.iter_mut().for_each(|y| *y += v);
                }
            }
            Spread::Columns => {
                for row in out.chunks_exact_mut(n) {
                    row.iter_mut().zip(u).for_each(|(y, v)| *y += v);
                }
            }
            Spread::All => out.iter_mut().for_each(|y| *y += u[0]),
        }
    }

    fn formula(self, rank: usize, order: usize, z: &str) -> String {
        match (self, rank, order) {
            (Spread::Keep, _, _) => z.to_string(),
            (Spread::Diagonal, 1, _) => format!("Diag({z})"),
            (Spread::Diagonal, _, _) => format!("{z} I"),
            (Spread::Rows, _, _) => format!("({z}) 1ᵀ"),
            (Spread::Columns, _, _) => format!("1 ({z})ᵀ"),
            (Spread::All, _, 1) => format!("{z} 1"),
            (Spread::All, _, _) => format!("{z} 11ᵀ"),
        }
    }
}

/// One basis map of `Hom_{S_n}` from order `order_in` to order `order_out`: `spread ∘ reduce`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BasisOp {
    /// Order of the input tensor (0, 1 or 2).
    pub order_in: usize,
    /// Order of the output tensor (0, 1 or 2).
    pub order_out: usize,
    /// The contraction of the input.
    pub reduce: Reduce,
    /// How the contraction fills the output.
    pub spread: Spread,
}

impl BasisOp {
    fn rank(&self) -> usize {
        self.reduce.rank(self.order_in).unwrap_or(0)
    }

    /// The map on each channel of `x` (`n^order_in × c`), giving `n^order_out × c`, in
    /// `O(n^max(order) · c)`. [`Error::InvalidInput`] for the wrong number of rows or `n = 0`,
    /// [`Error::TooLarge`] above [`MEMORY_LIMIT`].
    pub fn apply(&self, n: usize, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        check_shape(
            "the input tensor",
            x,
            tensor_rows(n, self.order_in)?,
            x.ncols(),
        )?;
        let rank = self.checked_rank()?;
        let z = reduce_channels(self.reduce, n, rank, x)?;
        let mut y = zero_tensor(n, self.order_out, x.ncols())?;
        spread_channels(self.spread, rank, n, &z, &mut y);
        Ok(y)
    }

    /// The order of the contraction; [`Error::InvalidInput`] when the fields do not describe
    /// a basis map (a reduction or spread of the wrong orders).
    fn checked_rank(&self) -> Result<usize> {
        match self.reduce.rank(self.order_in) {
            Some(rank) if self.spread.accepts(rank, self.order_out) => Ok(rank),
            _ => Err(Error::InvalidInput(format!(
                "{:?} then {:?} is not a map from order {} to order {}",
                self.reduce, self.spread, self.order_in, self.order_out
            ))),
        }
    }

    /// The map on one `n × n` matrix (an order-2 input), as a matrix when the output has order
    /// 2 and as a column (`n` or `1` rows) otherwise. [`Error::InvalidInput`] for an input of
    /// order other than 2 or a non-square matrix.
    pub fn apply_to_matrix(&self, a: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        if self.order_in != 2 {
            return Err(Error::InvalidInput(format!(
                "{self} takes an order-{} input, not a matrix",
                self.order_in
            )));
        }
        let y = self.apply(a.nrows(), &stack_matrices(std::slice::from_ref(a))?)?;
        match self.order_out {
            2 => Ok(unstack_matrices(&y)?.remove(0)),
            _ => Ok(y),
        }
    }
}

impl fmt::Display for BasisOp {
    /// The matrix formula, e.g. `Y = (A1) 1ᵀ`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.reduce.formula(self.order_in);
        let y = self.spread.formula(self.rank(), self.order_out, z);
        write!(f, "Y = {y}")
    }
}

/// [`Error::Unsupported`] unless `order ≤ 2`.
fn check_order(order: usize) -> Result<()> {
    if order > 2 {
        return Err(Error::Unsupported(format!(
            "graph layers of order {order}: only orders 0, 1 and 2 are implemented"
        )));
    }
    Ok(())
}

/// The basis of equivariant linear maps from order `order_in` to order `order_out`
/// (both ≤ 2), grouped by reduction: Bell(order_in + order_out) maps (15 for `2 → 2`),
/// linearly independent once `n ≥ order_in + order_out`. [`Error::Unsupported`] above order 2.
pub fn basis(order_in: usize, order_out: usize) -> Result<Vec<BasisOp>> {
    check_order(order_in)?;
    check_order(order_out)?;
    let mut ops = Vec::new();
    for reduce in REDUCES {
        let Some(rank) = reduce.rank(order_in) else {
            continue;
        };
        for spread in SPREADS.into_iter().filter(|s| s.accepts(rank, order_out)) {
            ops.push(BasisOp {
                order_in,
                order_out,
                reduce,
                spread,
            });
        }
    }
    Ok(ops)
}

/// `n^order` rows: [`Error::InvalidInput`] for `n = 0`, [`Error::Unsupported`] above order 2.
fn tensor_rows(n: usize, order: usize) -> Result<usize> {
    check_order(order)?;
    if n == 0 {
        return Err(Error::InvalidInput(
            "a graph needs at least one node".into(),
        ));
    }
    n.checked_pow(order as u32)
        .ok_or_else(|| Error::InvalidInput(format!("{n}^{order} overflows")))
}

/// The zero tensor of order `order` with `channels` channels, refused above [`MEMORY_LIMIT`].
fn zero_tensor(n: usize, order: usize, channels: usize) -> Result<DMatrix<f64>> {
    let rows = tensor_rows(n, order)?;
    let bytes = rows as f64 * channels as f64 * 8.0;
    if bytes > MEMORY_LIMIT {
        return Err(Error::TooLarge {
            what: format!("an order-{order} tensor on {n} nodes with {channels} channels"),
            needed: human_bytes(bytes),
            limit: human_bytes(MEMORY_LIMIT),
        });
    }
    Ok(DMatrix::zeros(rows, channels))
}

fn reduce_channels(
    reduce: Reduce,
    n: usize,
    rank: usize,
    x: &DMatrix<f64>,
) -> Result<DMatrix<f64>> {
    let mut z = zero_tensor(n, rank, x.ncols())?;
    let (rows_in, rows_z) = (x.nrows(), z.nrows());
    for (a, out) in x
        .as_slice()
        .chunks_exact(rows_in)
        .zip(z.as_mut_slice().chunks_exact_mut(rows_z))
    {
        reduce.apply(n, a, out);
    }
    Ok(z)
}

fn spread_channels(spread: Spread, rank: usize, n: usize, u: &DMatrix<f64>, y: &mut DMatrix<f64>) {
    let (rows_u, rows_y) = (u.nrows(), y.nrows());
    for (v, out) in u
        .as_slice()
        .chunks_exact(rows_u)
        .zip(y.as_mut_slice().chunks_exact_mut(rows_y))
    {
        spread.add(rank, n, v, out);
    }
}

/// `c` matrices `n × n` as one order-2 feature (`n² × c`, row `i·n + j` holds `A_ij`).
/// [`Error::InvalidInput`] when there are none or they are not all square of one size.
pub fn stack_matrices(channels: &[DMatrix<f64>]) -> Result<DMatrix<f64>> {
    let n = channels
        .first()
        .ok_or_else(|| Error::InvalidInput("no channels given".into()))?
        .nrows();
    let mut x = zero_tensor(n, 2, channels.len())?;
    for (c, a) in channels.iter().enumerate() {
        check_shape(&format!("channel {c}"), a, n, n)?;
        x.column_mut(c)
            .copy_from(&DVector::from_column_slice(a.transpose().as_slice()));
    }
    Ok(x)
}

/// The inverse of [`stack_matrices`]: the channels of an order-2 feature as `n × n` matrices.
/// [`Error::InvalidInput`] unless the number of rows is a positive square.
pub fn unstack_matrices(x: &DMatrix<f64>) -> Result<Vec<DMatrix<f64>>> {
    let n = x.nrows().isqrt();
    if n == 0 || n * n != x.nrows() {
        return Err(Error::InvalidInput(format!(
            "{} rows is not n² for any n ≥ 1",
            x.nrows()
        )));
    }
    Ok(x.column_iter()
        .map(|col| DMatrix::from_row_slice(n, n, col.as_slice()))
        .collect())
}

/// An equivariant layer from order `k` to order `l`:
/// `Y = σ(Σ_m L_m(X) W_m + Σ_b B_b(β_b))` over the [`basis`] maps `L_m` with weights
/// `W_m ∈ R^{c_in×c_out}` and the maps `B_b` of [`basis`]`(0, l)` applied to biases
/// `β_b ∈ R^{c_out}` (order 2: a constant and a diagonal bias; order 1 and 0: a constant).
#[derive(Clone, Debug)]
pub struct GraphLayer {
    ops: Vec<BasisOp>,
    weights: Vec<DMatrix<f64>>,
    bias_ops: Vec<BasisOp>,
    biases: Vec<DVector<f64>>,
    activation: Option<Activation>,
}

impl GraphLayer {
    /// The layer with one weight per [`basis`]`(order_in, order_out)` map (all `c_in × c_out`)
    /// and one bias per [`basis`]`(0, order_out)` map (`c_out` entries). [`Error::InvalidInput`]
    /// for a wrong count, mismatched shapes or non-finite entries; [`Error::Unsupported`]
    /// above order 2.
    pub fn new(
        order_in: usize,
        order_out: usize,
        weights: Vec<DMatrix<f64>>,
        biases: Vec<DVector<f64>>,
        activation: Option<Activation>,
    ) -> Result<Self> {
        let (ops, bias_ops) = (basis(order_in, order_out)?, basis(0, order_out)?);
        if weights.len() != ops.len() || biases.len() != bias_ops.len() {
            return Err(Error::InvalidInput(format!(
                "a {order_in} → {order_out} layer takes {} weights and {} biases, got {} and {}",
                ops.len(),
                bias_ops.len(),
                weights.len(),
                biases.len()
            )));
        }
        let (c_in, c_out) = weights[0].shape();
        for (m, w) in weights.iter().enumerate() {
            check_shape(&format!("weight {m}"), w, c_in, c_out)?;
            check_finite(&format!("weight {m}"), w.as_slice())?;
        }
        for (b, beta) in biases.iter().enumerate() {
            check_bias(&format!("bias {b}"), beta, c_out)?;
        }
        Ok(GraphLayer {
            ops,
            weights,
            bias_ops,
            biases,
            activation,
        })
    }

    /// A layer with `N(0, 1/(c_in · #basis))` weights and zero biases, seeded.
    /// [`Error::Unsupported`] above order 2.
    pub fn random(
        order_in: usize,
        order_out: usize,
        c_in: usize,
        c_out: usize,
        activation: Option<Activation>,
        seed: u64,
    ) -> Result<Self> {
        let (ops, bias_ops) = (basis(order_in, order_out)?, basis(0, order_out)?);
        let mut rng = StdRng::seed_from_u64(seed);
        let fan_in = c_in * ops.len();
        let weights = ops.iter().map(|_| gaussian(c_in, c_out, fan_in, &mut rng));
        Ok(GraphLayer {
            weights: weights.collect(),
            biases: vec![DVector::zeros(c_out); bias_ops.len()],
            ops,
            bias_ops,
            activation,
        })
    }

    /// The basis maps, in the order of the weights.
    pub fn basis(&self) -> &[BasisOp] {
        &self.ops
    }

    /// Input channels.
    pub fn input_dim(&self) -> usize {
        self.weights[0].nrows()
    }

    /// Output channels.
    pub fn output_dim(&self) -> usize {
        self.weights[0].ncols()
    }

    /// Input order.
    pub fn order_in(&self) -> usize {
        self.ops[0].order_in
    }

    /// Output order.
    pub fn order_out(&self) -> usize {
        self.ops[0].order_out
    }

    /// The layer on a feature `x` of order `order_in` on `n` nodes (`n^order_in × c_in`),
    /// giving `n^order_out × c_out`. Each reduction is computed once and mixed at its own size
    /// (`O(n^r c_in c_out)`) before spreading. [`Error::InvalidInput`] for a wrong shape,
    /// `n = 0` or non-finite input; [`Error::TooLarge`] above [`MEMORY_LIMIT`].
    pub fn forward(&self, n: usize, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        let rows = tensor_rows(n, self.order_in())?;
        check_shape("the input tensor", x, rows, self.input_dim())?;
        check_finite("the input tensor", x.as_slice())?;
        let mut y = zero_tensor(n, self.order_out(), self.output_dim())?;
        let mut reduced: Option<(Reduce, DMatrix<f64>)> = None;
        for (op, w) in self.ops.iter().zip(&self.weights) {
            if reduced.as_ref().is_none_or(|(r, _)| *r != op.reduce) {
                let z = reduce_channels(op.reduce, n, op.rank(), x)?;
                reduced = Some((op.reduce, z));
            }
            let z = &reduced.as_ref().expect("computed above").1;
            spread_channels(op.spread, op.rank(), n, &(z * w), &mut y);
        }
        for (op, beta) in self.bias_ops.iter().zip(&self.biases) {
            let row = DMatrix::from_row_slice(1, beta.len(), beta.as_slice());
            spread_channels(op.spread, 0, n, &row, &mut y);
        }
        Ok(activate(self.activation, y))
    }
}

/// An invariant graph network: `X ↦ L_{2→0}(σ(L_{2→2}(X)))`, `S_n`-invariant for order-2
/// input (an equivariant layer, a pointwise nonlinearity — which commutes with `P ⊗ P` —
/// and an invariant readout by `tr` and `1ᵀ·1`).
#[derive(Clone, Debug)]
pub struct InvariantGraphNetwork {
    hidden: GraphLayer,
    readout: GraphLayer,
}

impl InvariantGraphNetwork {
    /// The network from a `2 → 2` layer (with its activation) and a `2 → 0` readout.
    /// [`Error::InvalidInput`] for other orders or mismatched channels.
    pub fn new(hidden: GraphLayer, readout: GraphLayer) -> Result<Self> {
        let orders = [
            hidden.order_in(),
            hidden.order_out(),
            readout.order_in(),
            readout.order_out(),
        ];
        if orders != [2, 2, 2, 0] || hidden.output_dim() != readout.input_dim() {
            return Err(Error::InvalidInput(format!(
                "an invariant graph network needs a 2 → 2 layer ({} → {}, {} channels out) \
                 and a 2 → 0 readout ({} → {}, {} channels in)",
                orders[0],
                orders[1],
                hidden.output_dim(),
                orders[2],
                orders[3],
                readout.input_dim()
            )));
        }
        Ok(InvariantGraphNetwork { hidden, readout })
    }

    /// Random layers `c_in → hidden → c_out` with `activation` after the first, seeded.
    pub fn random(
        c_in: usize,
        hidden: usize,
        c_out: usize,
        activation: Activation,
        seed: u64,
    ) -> Result<Self> {
        InvariantGraphNetwork::new(
            GraphLayer::random(2, 2, c_in, hidden, Some(activation), seed)?,
            GraphLayer::random(2, 0, hidden, c_out, None, seed.wrapping_add(1))?,
        )
    }

    /// The `c_out` invariants of an order-2 feature `x` (`n² × c_in`).
    pub fn forward(&self, n: usize, x: &DMatrix<f64>) -> Result<DVector<f64>> {
        let y = self.readout.forward(n, &self.hidden.forward(n, x)?)?;
        Ok(DVector::from_column_slice(y.as_slice()))
    }
}
