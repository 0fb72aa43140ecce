//! Reduced tensor products: a tensor with index symmetries written as a direct sum of `O(3)`
//! (or `SO(3)`) irreps, with an explicit change of basis — e3nn's `ReducedTensorProducts`.
//!
//! # Statement
//!
//! A formula such as `"ijkl=jikl=ijlk=klij"` names `k` indices; index `m` carries an `O(3)`
//! representation `V_m` given as an [`Irreps`] (`1o`, `0e+1o`, …) in the standard real basis, and
//! the tensor space is `T = V_1 ⊗ … ⊗ V_k` (row-major, the first index slowest) with the diagonal
//! action `ρ(g) = ρ_1(g) ⊗ … ⊗ ρ_k(g)`. Each further term of the formula is a relation
//! `x = s P_π x` ([`IndexSymmetry`]); indices the relations exchange must carry the same
//! irreps, so `P_π` commutes with `ρ(g)` and the symmetric subspace
//!
//! ```text
//! S = {x ∈ T : x = s_r P_{π_r} x for every relation r}
//! ```
//!
//! is `O(3)`-invariant. [`reduced_tensor_products`] returns `S ≅ ⊕_b D^{l_b}_{p_b}` as the
//! `irreps_out` and a matrix `Q` (`dim S × dim T`) with orthonormal rows spanning `S` and
//!
//! ```text
//! Q ρ(g) = D_out(g) Q   for every g ∈ O(3),   D_out = ⊕_b p_b(g) D_real^{l_b}(g),
//! ```
//!
//! so `Q x` are the irreducible components of a symmetric tensor `x` and `Qᵀ y` rebuilds it.
//!
//! # Algorithm
//!
//! 1. The relations' signed orbits on multi-indices ([`signed_orbits`]) give an exact
//!    orthonormal basis `B` (`dim T × dim S`, one sparse column per consistent orbit) of `S`.
//! 2. The Lie algebra acts on `T` by the Kronecker sums `X_k = Σ_m I ⊗ … ⊗ dρ_m(L_k) ⊗ … ⊗ I`
//!    and the inversion by the diagonal `P = ⊗_m ρ_m(−I)`. Their restrictions
//!    `X_k^S = Bᵀ X_k B` and `P^S = Bᵀ P B` are formed from the sparse structure in
//!    `O(dim T · Σ_m nnz)` without any `dim T × dim T` matrix.
//! 3. [`decompose_so3`] splits `(X^S, P^S)` into real irreps with an orthogonal `Q_S`; the blocks
//!    are reordered to e3nn's order and `Q = Q_Sᵀ Bᵀ`.
//! 4. The reported residual is the decomposition's together with `‖Q X_k − B_k Q‖_F` and
//!    `‖Q P − Π Q‖_F` on the whole tensor space.
//!
//! # Conventions relative to e3nn
//!
//! * `irreps_out` is sorted like e3nn's: `l` ascending, and within one `l` **odd before even**
//!   (e3nn sorts `Irrep`s as tuples `(l, p)` with `p = −1` for odd), all copies merged
//!   (`1x0o+1x0e+1x1o+…`). This differs from [`Irreps::simplified`] and
//!   [`super::decompose::So3Decomposition`], which put even first.
//! * Our real basis is the standard one (`l = 1` is `(y, z, x)`); e3nn's matrices are
//!   `D_e3nn(R) = A D_real(R) Aᵀ` with `A = D_real(P)`, `P(x, y, z) = (z, x, y)`
//!   (`theory/conventions.md`), so e3nn's change of basis is `A_out Q (⊗_m A_m)ᵀ` up to an
//!   orthogonal mixing of the copies of each irrep (the multiplicity spaces have no preferred
//!   basis; e3nn's copies need not even be mutually orthogonal).
//! * e3nn normalises each copy to `Σ C² = 2l + 1`, as orthonormal rows do here.
//!
//! References: M. Geiger and T. Smidt, "e3nn: Euclidean Neural Networks", arXiv:2207.09453
//! (`ReducedTensorProducts`); B. C. Hall, *Lie Groups, Lie Algebras, and Representations*,
//! §4.6. Theory page: `theory/reduced-tensor-products.md`.
//!
//! ```
//! use equivariant::so3::reduced_tensor_products::{RotationGroup, reduced_tensor_power};
//! // Symmetric 3×3 matrices: the trace and the traceless symmetric part.
//! let rtp = reduced_tensor_power("ij=ji", &"1o".parse()?, RotationGroup::O3)?;
//! assert_eq!(rtp.irreps_out(), "1x0e+1x2e");
//! assert_eq!(rtp.change_of_basis.shape(), (6, 9));
//! assert!(rtp.max_residual < 1e-12);
//! # Ok::<(), equivariant::Error>(())
//! ```

use super::angular_momentum::real_generators;
use super::decompose::{MAX_SO3_DECOMPOSE_DIM, Parity, decompose_so3, real_irrep_generators_sum};
use super::irreps::Irreps;
use crate::symmetric::schur_weyl::{IndexSymmetry, SignedOrbits, signed_orbits};
use crate::{Error, Result};
use nalgebra::{DMatrix, DVector};
use std::collections::BTreeMap;

/// The largest change of basis accepted, in entries `dim S · dim T`: `2^24` (128 MiB of `f64`).
/// The symmetric subspace is also limited to [`MAX_SO3_DECOMPOSE_DIM`] and the tensor space to
/// [`crate::symmetric::schur_weyl::MAX_ORBIT_TENSOR_DIM`]; all three are checked before the
/// matrices are allocated.
pub const MAX_RTP_ENTRIES: usize = 1 << 24;

/// `(l, parity, multiplicity)` of one output irrep `D^l_p` (dimension `2l + 1`; `parity` is
/// `None` for `SO(3)`), as in [`super::decompose::So3Decomposition::multiplicities`].
pub type Multiplicity = (usize, Option<Parity>, usize);

/// The group acting on the tensor: `O(3) = SO(3) × {±I}` or `SO(3)` (Hall, *Lie Groups, Lie
/// Algebras, and Representations*, §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotationGroup {
    /// `O(3)`: rotations and the inversion; output irreps carry a parity.
    O3,
    /// `SO(3)`: rotations only; the parities of the input irreps are ignored.
    SO3,
}

/// A tensor with index symmetries reduced into irreps: `Q ρ(g) = D_out(g) Q` with
/// `ρ = ⊗_m ρ_m`, `D_out = ⊕_b p_b D_real^{l_b}` and `Q Qᵀ = I` (module docs; e3nn's
/// `ReducedTensorProducts`, Geiger & Smidt, arXiv:2207.09453).
#[derive(Clone, Debug)]
pub struct ReducedTensorProducts {
    /// The formula, as given.
    pub formula: String,
    /// `O(3)` or `SO(3)`.
    pub group: RotationGroup,
    /// The index letters in the order of the first term (index position `m` is `letters[m]`).
    pub letters: Vec<char>,
    /// The irreps of each index position, after inheritance through the relations.
    pub irreps_in: Vec<Irreps>,
    /// `(l, parity, multiplicity)` of the output in e3nn's order (`l` ascending, odd before
    /// even); `parity` is `None` for `SO(3)`.
    pub multiplicities: Vec<Multiplicity>,
    /// `Q`, `dim S × Π_m dim V_m`: orthonormal rows, each consecutive `2l + 1` rows one copy of
    /// an output irrep (`m = −l..l`), columns the row-major flat tensor index.
    pub change_of_basis: DMatrix<f64>,
    /// The largest of the decomposition's residual, `‖Q X_k − B_k Q‖_F` (`k = x, y, z`) and,
    /// for `O(3)`, `‖Q P − Π Q‖_F`.
    pub max_residual: f64,
}

impl ReducedTensorProducts {
    /// `dim V_m` for each index position.
    pub fn dims(&self) -> Vec<usize> {
        self.irreps_in.iter().map(Irreps::dim).collect()
    }

    /// `dim S`, the number of rows of `Q`.
    pub fn dim_out(&self) -> usize {
        self.change_of_basis.nrows()
    }

    /// The e3nn-style output label, `1x0e+1x2e` for `O(3)` and `1x0+1x2` for `SO(3)` (empty for
    /// the zero subspace), in e3nn's order.
    pub fn irreps_out(&self) -> String {
        super::decompose::irreps_label(&self.multiplicities)
    }

    /// The `(l, parity)` of each output copy, in row order.
    pub fn blocks(&self) -> Vec<(usize, Option<Parity>)> {
        super::decompose::copies(&self.multiplicities)
    }
}

/// [`reduced_tensor_products`] with the same irreps on every index of `formula`: `S ⊂ V^{⊗k}`
/// reduced as `Q ρ(g)^{⊗k} = D_out(g) Q` (Geiger & Smidt, arXiv:2207.09453).
///
/// ```
/// use equivariant::so3::reduced_tensor_products::{RotationGroup, reduced_tensor_power};
/// let rtp = reduced_tensor_power("ij=-ji", &"1o".parse()?, RotationGroup::O3)?;
/// assert_eq!(rtp.irreps_out(), "1x1e"); // the cross product is a pseudo-vector
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn reduced_tensor_power(
    formula: &str,
    irreps: &Irreps,
    group: RotationGroup,
) -> Result<ReducedTensorProducts> {
    let symmetry: IndexSymmetry = formula.parse()?;
    let given: Vec<(char, Irreps)> = symmetry
        .letters()
        .iter()
        .map(|&c| (c, irreps.clone()))
        .collect();
    reduce(formula, &symmetry, &given, group)
}

/// Reduces the tensors with the index symmetries of `formula` (e3nn syntax, [`IndexSymmetry`])
/// whose index letters carry the irreps `index_irreps` into irreps of `group` (module docs):
/// `Q ρ(g) = D_out(g) Q` with orthonormal rows spanning the symmetric subspace.
///
/// A letter may be omitted when the formula exchanges it with a letter that is given (it
/// inherits those irreps), as in e3nn.
///
/// Errors: [`Error::Parse`] for a malformed formula; [`Error::InvalidInput`] for a letter not in
/// the formula, a letter given twice, letters exchanged by a relation with different irreps, a
/// letter without irreps, or zero-dimensional irreps; [`Error::TooLarge`] when the tensor space,
/// the symmetric subspace or `Q` exceed their limits ([`MAX_RTP_ENTRIES`]), before allocating;
/// [`Error::Numerical`] if the decomposition fails its residual check.
///
/// Reference: Geiger & Smidt, "e3nn: Euclidean Neural Networks", arXiv:2207.09453
/// (`ReducedTensorProducts`); theory in `theory/reduced-tensor-products.md`.
///
/// ```
/// use equivariant::so3::reduced_tensor_products::{RotationGroup, reduced_tensor_products};
/// // A symmetric pair of vectors times a quadrupole-like index.
/// let rtp = reduced_tensor_products(
///     "ijk=jik",
///     &[('i', "1o".parse()?), ('k', "2e".parse()?)],
///     RotationGroup::O3,
/// )?;
/// assert_eq!(rtp.irreps_out(), "1x0e+1x1e+2x2e+1x3e+1x4e");
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn reduced_tensor_products(
    formula: &str,
    index_irreps: &[(char, Irreps)],
    group: RotationGroup,
) -> Result<ReducedTensorProducts> {
    let symmetry: IndexSymmetry = formula.parse()?;
    reduce(formula, &symmetry, index_irreps, group)
}

fn reduce(
    formula: &str,
    symmetry: &IndexSymmetry,
    index_irreps: &[(char, Irreps)],
    group: RotationGroup,
) -> Result<ReducedTensorProducts> {
    let irreps_in = assign_irreps(formula, symmetry, index_irreps)?;
    let dims: Vec<usize> = irreps_in.iter().map(Irreps::dim).collect();
    let orbits = signed_orbits(&dims, symmetry)?;
    let (s, n) = (orbits.len(), orbits.orbit_of.len());
    check_size(s, n)?;
    let factors = irreps_in
        .iter()
        .map(Factor::new)
        .collect::<Result<Vec<_>>>()?;
    let tensor = TensorSpace::new(&dims, &factors);
    let (x_sub, parity_sub) = tensor.restrict(&orbits);
    let parity_sub = (group == RotationGroup::O3).then_some(parity_sub);
    let decomposition = decompose_so3(&x_sub, parity_sub.as_ref())?;
    let (multiplicities, columns) = e3nn_order(&decomposition.multiplicities);
    let q_sub = decomposition.q.select_columns(&columns);
    let change_of_basis = lift(&q_sub, &orbits);
    let mut result = ReducedTensorProducts {
        formula: formula.to_string(),
        group,
        letters: symmetry.letters().to_vec(),
        irreps_in,
        multiplicities,
        change_of_basis,
        max_residual: decomposition.max_residual,
    };
    let full = tensor.residual(&result.change_of_basis, &result.blocks(), group);
    result.max_residual = result.max_residual.max(full);
    Ok(result)
}

/// The irreps of each position: the given ones, inherited along the relations (positions
/// `m` and `π(m)` are linked for every relation `π`); every linked class must see exactly one
/// irreps.
fn assign_irreps(
    formula: &str,
    symmetry: &IndexSymmetry,
    index_irreps: &[(char, Irreps)],
) -> Result<Vec<Irreps>> {
    let letters = symmetry.letters();
    let mut given: BTreeMap<char, &Irreps> = BTreeMap::new();
    for (c, irreps) in index_irreps {
        if !letters.contains(c) {
            return Err(Error::InvalidInput(format!(
                "index {c:?} has irreps {irreps} but does not appear in the formula {formula:?}"
            )));
        }
        if given.insert(*c, irreps).is_some() {
            return Err(Error::InvalidInput(format!(
                "index {c:?} is given irreps more than once"
            )));
        }
        if irreps.dim() == 0 {
            return Err(Error::InvalidInput(format!(
                "index {c:?} has the zero representation {irreps:?}; every index needs irreps of \
                 positive dimension"
            )));
        }
    }
    let k = letters.len();
    let mut class: Vec<usize> = (0..k).collect();
    for (pi, _) in symmetry.relations() {
        for (m, &image) in pi.images().iter().enumerate() {
            let (a, b) = (class[m], class[image]);
            for c in class.iter_mut().filter(|c| **c == a) {
                *c = b;
            }
        }
    }
    let mut out = Vec::with_capacity(k);
    for m in 0..k {
        let linked: Vec<usize> = (0..k).filter(|&o| class[o] == class[m]).collect();
        let mut found: Option<(char, &Irreps)> = None;
        for &o in &linked {
            let Some(&irreps) = given.get(&letters[o]) else {
                continue;
            };
            match found {
                Some((c, first)) if first != irreps => {
                    return Err(Error::InvalidInput(format!(
                        "the formula {formula:?} exchanges indices {c:?} and {:?}, so they must \
                         carry the same irreps, but they have {first} and {irreps}",
                        letters[o]
                    )));
                }
                Some(_) => {}
                None => found = Some((letters[o], irreps)),
            }
        }
        let (_, irreps) = found.ok_or_else(|| {
            Error::InvalidInput(format!(
                "index {:?} of {formula:?} has no irreps (give it, or an index the formula \
                 exchanges it with)",
                letters[m]
            ))
        })?;
        out.push(irreps.clone());
    }
    Ok(out)
}

fn check_size(s: usize, n: usize) -> Result<()> {
    if s > MAX_SO3_DECOMPOSE_DIM {
        return Err(Error::TooLarge {
            what: "decomposing the symmetric subspace of a reduced tensor product".into(),
            needed: format!("dimension {s}"),
            limit: format!("dimension {MAX_SO3_DECOMPOSE_DIM}"),
        });
    }
    match s.checked_mul(n) {
        Some(entries) if entries <= MAX_RTP_ENTRIES => Ok(()),
        _ => Err(Error::TooLarge {
            what: format!("the change of basis of a reduced tensor product ({s} × {n})"),
            needed: format!("{} entries", s as f64 * n as f64),
            limit: format!("{MAX_RTP_ENTRIES} entries"),
        }),
    }
}

/// One tensor factor `V_m`: the non-zero entries of `dρ_m(L_k)` column by column
/// (`columns[k][a]` lists `(a', value)`), and the parity sign of each component.
struct Factor {
    columns: [Vec<Vec<(usize, f64)>>; 3],
    parity: Vec<f64>,
}

impl Factor {
    fn new(irreps: &Irreps) -> Result<Factor> {
        let ls: Vec<usize> = irreps.copies().map(|i| i.l).collect();
        let generators = real_irrep_generators_sum(&ls)?;
        let sparse = |x: &DMatrix<f64>| -> Vec<Vec<(usize, f64)>> {
            (0..x.ncols())
                .map(|a| {
                    (0..x.nrows())
                        .filter(|&b| x[(b, a)] != 0.0)
                        .map(|b| (b, x[(b, a)]))
                        .collect()
                })
                .collect()
        };
        let parity = irreps
            .copies()
            .flat_map(|i| std::iter::repeat_n(i.parity.sign(), i.dim()))
            .collect();
        Ok(Factor {
            columns: [
                sparse(&generators[0]),
                sparse(&generators[1]),
                sparse(&generators[2]),
            ],
            parity,
        })
    }
}

/// `T = V_1 ⊗ … ⊗ V_k` with its row-major strides.
struct TensorSpace<'a> {
    dims: &'a [usize],
    strides: Vec<usize>,
    factors: &'a [Factor],
    n: usize,
}

impl<'a> TensorSpace<'a> {
    fn new(dims: &'a [usize], factors: &'a [Factor]) -> Self {
        let k = dims.len();
        let mut strides = vec![1usize; k];
        for m in (0..k.saturating_sub(1)).rev() {
            strides[m] = strides[m + 1] * dims[m + 1];
        }
        TensorSpace {
            dims,
            strides,
            factors,
            n: dims.iter().product(),
        }
    }

    /// Calls `visit(j, digits)` for every flat index `j` in order, `digits` its multi-index.
    fn for_each(&self, mut visit: impl FnMut(usize, &[usize])) {
        let mut digits = vec![0usize; self.dims.len()];
        for j in 0..self.n {
            visit(j, &digits);
            for m in (0..digits.len()).rev() {
                digits[m] += 1;
                if digits[m] < self.dims[m] {
                    break;
                }
                digits[m] = 0;
            }
        }
    }

    /// Calls `visit(k, j', value)` for the non-zero entries `X_k[j', j]` of column `j` of the
    /// Kronecker sums `X_k = Σ_m I ⊗ … ⊗ dρ_m(L_k) ⊗ … ⊗ I`.
    fn lie_column(&self, j: usize, digits: &[usize], mut visit: impl FnMut(usize, usize, f64)) {
        for (m, factor) in self.factors.iter().enumerate() {
            let a = digits[m];
            let base = j - a * self.strides[m];
            for (k, columns) in factor.columns.iter().enumerate() {
                for &(b, value) in &columns[a] {
                    visit(k, base + b * self.strides[m], value);
                }
            }
        }
    }

    /// The parity sign of the basis vector with multi-index `digits`.
    fn parity(&self, digits: &[usize]) -> f64 {
        self.factors
            .iter()
            .zip(digits)
            .map(|(f, &a)| f.parity[a])
            .product()
    }

    /// `X_k^S = Bᵀ X_k B` and `P^S = Bᵀ P B` (diagonal: each orbit has one parity, the relations
    /// only permute components of equal irreps).
    fn restrict(&self, orbits: &SignedOrbits) -> (Vec<DMatrix<f64>>, DMatrix<f64>) {
        let s = orbits.len();
        let mut x = vec![DMatrix::zeros(s, s); 3];
        let mut parity = DVector::zeros(s);
        self.for_each(|j, digits| {
            let Some((c, alpha)) = orbits.coefficient(j) else {
                return;
            };
            parity[c] = self.parity(digits);
            self.lie_column(j, digits, |k, row, value| {
                if let Some((r, beta)) = orbits.coefficient(row) {
                    x[k][(r, c)] += beta * value * alpha;
                }
            });
        });
        (x, DMatrix::from_diagonal(&parity))
    }

    /// `max_k ‖Q X_k − B_k Q‖_F` and, for `O(3)`, `‖Q P − Π Q‖_F`, column by column of `T`.
    fn residual(
        &self,
        q: &DMatrix<f64>,
        blocks: &[(usize, Option<Parity>)],
        group: RotationGroup,
    ) -> f64 {
        let rows = q.nrows();
        let mut generators: BTreeMap<usize, Vec<DMatrix<f64>>> = BTreeMap::new();
        for &(l, _) in blocks {
            generators.entry(l).or_insert_with(|| real_generators(l));
        }
        let signs: Vec<f64> = blocks
            .iter()
            .flat_map(|&(l, p)| std::iter::repeat_n(p.map_or(1.0, Parity::sign), 2 * l + 1))
            .collect();
        let mut offsets = Vec::with_capacity(blocks.len());
        let mut offset = 0;
        for &(l, _) in blocks {
            offsets.push((offset, &generators[&l]));
            offset += 2 * l + 1;
        }
        let mut squares = [0.0f64; 4];
        let mut qx = vec![DVector::<f64>::zeros(rows); 3];
        self.for_each(|j, digits| {
            qx.iter_mut().for_each(|v| v.fill(0.0));
            self.lie_column(j, digits, |k, row, value| {
                qx[k].axpy(value, &q.column(row), 1.0);
            });
            let column = q.column(j);
            for (k, qxk) in qx.iter_mut().enumerate() {
                // (Q X_k − B_k Q)[:, j], block by block, in place.
                for &(offset, g) in &offsets {
                    let d = g[k].nrows();
                    qxk.rows_mut(offset, d)
                        .gemv(-1.0, &g[k], &column.rows(offset, d), 1.0);
                }
                squares[k] += qxk.norm_squared();
            }
            if group == RotationGroup::O3 {
                let sign = self.parity(digits);
                squares[3] += (0..rows)
                    .map(|r| (column[r] * (sign - signs[r])).powi(2))
                    .sum::<f64>();
            }
        });
        squares.iter().fold(0.0, |a, &x| a.max(x.sqrt()))
    }
}

/// Reorders the decomposition's blocks (`l`, even before odd) to e3nn's (`l`, odd before even):
/// the new multiplicity list and the column order of `Q_S`.
fn e3nn_order(multiplicities: &[Multiplicity]) -> (Vec<Multiplicity>, Vec<usize>) {
    let mut ranges = Vec::with_capacity(multiplicities.len());
    let mut offset = 0;
    for &(l, p, mul) in multiplicities {
        let width = mul * (2 * l + 1);
        ranges.push(((l, p), mul, offset..offset + width));
        offset += width;
    }
    let rank = |p: Option<Parity>| usize::from(p == Some(Parity::Even));
    ranges.sort_by_key(|&((l, p), _, _)| (l, rank(p)));
    let order = ranges.iter().map(|&((l, p), mul, _)| (l, p, mul)).collect();
    let columns = ranges.into_iter().flat_map(|(_, _, r)| r).collect();
    (order, columns)
}

/// `Q = Q_Sᵀ Bᵀ`: column `j` of `Q` is `α_j` times row `c_j` of `Q_S` (orbit `c_j`, coefficient
/// `α_j`), and zero off the subspace's support.
fn lift(q_sub: &DMatrix<f64>, orbits: &SignedOrbits) -> DMatrix<f64> {
    let q_t = q_sub.transpose();
    let n = orbits.orbit_of.len();
    let mut q = DMatrix::zeros(q_t.nrows(), n);
    for j in 0..n {
        if let Some((c, alpha)) = orbits.coefficient(j) {
            q.column_mut(j).copy_from(&(q_t.column(c) * alpha));
        }
    }
    q
}
