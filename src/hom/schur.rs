//! The Schur route: `Hom_G(V, W)` from the decompositions of `V` and `W` into real
//! irreducibles.
//!
//! If `Q_V⁻¹ ρ_V(g) Q_V = ⊕_a ρ_{i(a)}(g)` and `Q_W⁻¹ ρ_W(g) Q_W = ⊕_b ρ_{i(b)}(g)` in the *same*
//! irreducible matrices, Schur's lemma says an equivariant `A` is, in these bases, block
//! `(b, a)` equal to an element of `End_G(ρ_i)` when `i(a) = i(b) = i` and zero otherwise. With
//! `End_G(ρ_i)` spanned by `B_{i,1..e_i}` (`e_i` = 1, 2, 4 for real, complex, quaternionic
//! type), the matrices
//!
//! `A_{a,b,e} = Q_W[:, block b] · B_{i,e} · Q_V⁻¹[block a, :]`
//!
//! form a basis of `Hom_G(V, W)`, of dimension `Σ_i m_i n_i e_i` (`m_i`, `n_i` the
//! multiplicities in `V`, `W`), which equals `⟨χ_V, χ_W⟩ = (1/|G|) Σ_g χ_V(g) χ_W(g)` for real
//! representations (Serre, *Linear Representations of Finite Groups*, §2.3 and §13.2;
//! Fulton & Harris, §3.5).
//!
//! Each group family supplies the decompositions ([`SchurGroup`]): `S_n` through the
//! Jucys–Murphy elements into Young's orthogonal form
//! ([`crate::symmetric::jucys_murphy::decompose_sn`]), other finite permutation groups through
//! the character table and [`crate::decompose::decompose_with`] (one set of real
//! irreducibles for both sides), `SO(3)`/`O(3)` through [`crate::so3::decompose::decompose_so3`],
//! `SO(2)`/`O(2)` through [`crate::decompose::planar::decompose_planar`].

use crate::character::{RealType, character_table};
use crate::decompose::planar::{PlanarDecomposition, decompose_planar};
use crate::decompose::{decompose_with, real_irreps};
use crate::error::human_bytes;
use crate::group::{Family, O2, O3, PermutationGroup, SO2, SO3};
use crate::rep::{Representation, generator_matrices};
use crate::so3::decompose::{So3Decomposition, decompose_so3};
use crate::symmetric::jucys_murphy::{
    MAX_JM_BYTES, MAX_JM_DEGREE, MAX_JM_DIM, SnDecomposition, decompose_sn,
};
use crate::{Error, Result};
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Largest dense basis assembled: `dim Hom · dim W · dim V` `f64`s (1 GiB).
pub const MAX_DENSE_BASIS_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

/// A real irreducible with a basis of its endomorphism algebra `End_G(ρ)`.
#[derive(Clone, Debug)]
pub struct SchurIrrep {
    /// Its label (`[3,1]`, `2e`, `k`, …).
    pub label: String,
    /// Real, complex or quaternionic type.
    pub real_type: RealType,
    /// A basis of `End_G(ρ)` (`1`, `2` or `4` matrices).
    pub endomorphisms: Vec<DMatrix<f64>>,
}

/// One copy of an irreducible in a decomposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyBlock {
    /// Index into [`SchurData::irreps`].
    pub irrep: usize,
    /// Its first column in `Q`.
    pub offset: usize,
    /// The irreducible's dimension.
    pub dim: usize,
}

/// `Q⁻¹ ρ(g) Q = ⊕ blocks`.
#[derive(Clone, Debug)]
pub struct IrrepCopies {
    /// The change of basis.
    pub q: DMatrix<f64>,
    /// Its inverse.
    pub q_inverse: DMatrix<f64>,
    /// The copies in column order.
    pub blocks: Vec<CopyBlock>,
}

/// The decompositions of `V` and `W` over one list of real irreducibles.
#[derive(Clone, Debug)]
pub struct SchurData {
    /// The irreducibles both decompositions use.
    pub irreps: Vec<SchurIrrep>,
    /// `V`'s decomposition.
    pub rep_in: IrrepCopies,
    /// `W`'s decomposition.
    pub rep_out: IrrepCopies,
    /// The larger of the two decompositions' own residuals.
    pub max_residual: f64,
}

/// A group whose representations the library decomposes into real irreducibles.
pub trait SchurGroup: crate::group::Group + Sized {
    /// Decomposes `V` and `W` over the same irreducible matrices.
    fn schur_data(
        rep_in: &dyn Representation<Self>,
        rep_out: &dyn Representation<Self>,
    ) -> Result<SchurData>;
}

/// `⟨χ_V, χ_W⟩ = Σ_μ χ_V(μ) χ_W(μ) / z_μ` over the cycle types `μ` of `S_n` (one
/// representative permutation each), without listing the group.
fn symmetric_hom_dimension(
    rep_in: &dyn Representation<PermutationGroup>,
    rep_out: &dyn Representation<PermutationGroup>,
    n: usize,
) -> Result<f64> {
    let degree = rep_in.group().degree();
    let mut total = 0.0;
    for mu in crate::symmetric::Partition::all(n) {
        // The cycles of μ on consecutive points: 0 → 1 → … → μ_1 − 1 → 0, and so on.
        let mut images: Vec<usize> = (0..degree).collect();
        let mut start = 0;
        for &part in mu.parts() {
            for k in 0..part {
                images[start + k] = start + (k + 1) % part;
            }
            start += part;
        }
        let g = crate::group::Permutation::from_images(images)?;
        let weight =
            1.0 / num_traits::ToPrimitive::to_f64(&mu.centraliser_order()).unwrap_or(f64::INFINITY);
        total += weight * rep_in.character(&g) * rep_out.character(&g);
    }
    Ok(total)
}

/// One copy in a decomposition into the library's standard irreps: its label, first column,
/// dimension and whether it is a rotation-type (complex) irrep of `SO(2)`.
type StandardCopy = (String, usize, usize, bool);

/// [`SchurData`] from two decompositions `(Q, Q⁻¹, copies)` into standard irreps, whose
/// endomorphisms are `I` (real type) or `I, J` (the complex-type `SO(2)` irreps, `J` the
/// rotation by 90°); both sides share one list of irreducibles, by label.
fn standard_data(
    sides: [(DMatrix<f64>, DMatrix<f64>, Vec<StandardCopy>); 2],
    max_residual: f64,
) -> SchurData {
    let mut irreps: Vec<SchurIrrep> = Vec::new();
    let [rep_in, rep_out] = sides.map(|(q, q_inverse, copies)| {
        let blocks = copies
            .into_iter()
            .map(|(label, offset, dim, complex)| {
                let irrep = match irreps.iter().position(|r| r.label == label) {
                    Some(i) => i,
                    None => {
                        let mut endomorphisms = vec![DMatrix::identity(dim, dim)];
                        if complex {
                            endomorphisms.push(DMatrix::from_row_slice(
                                2,
                                2,
                                &[0.0, -1.0, 1.0, 0.0],
                            ));
                        }
                        irreps.push(SchurIrrep {
                            label,
                            real_type: if complex {
                                RealType::Complex
                            } else {
                                RealType::Real
                            },
                            endomorphisms,
                        });
                        irreps.len() - 1
                    }
                };
                CopyBlock { irrep, offset, dim }
            })
            .collect();
        IrrepCopies {
            q,
            q_inverse,
            blocks,
        }
    });
    SchurData {
        irreps,
        rep_in,
        rep_out,
        max_residual,
    }
}

/// The Jucys–Murphy decomposition as `(Q, Qᵀ, copies)` (Young's orthogonal form, type R).
fn young_side(d: SnDecomposition) -> (DMatrix<f64>, DMatrix<f64>, Vec<StandardCopy>) {
    let copies = d
        .blocks
        .iter()
        .map(|(lambda, offset, dim)| (lambda.to_string(), *offset, *dim, false))
        .collect();
    (d.q.clone(), d.q.transpose(), copies)
}

/// An `SO(3)`/`O(3)` decomposition as `(Q, Q⁻¹, copies)` (labels `l` or `le`/`lo`, type R).
fn rotation_side(d: So3Decomposition) -> (DMatrix<f64>, DMatrix<f64>, Vec<StandardCopy>) {
    let mut offset = 0;
    let mut copies = Vec::new();
    for (l, parity) in d.blocks() {
        let label = match parity {
            Some(p) => format!("{l}{p}"),
            None => l.to_string(),
        };
        copies.push((label, offset, 2 * l + 1, false));
        offset += 2 * l + 1;
    }
    (d.q, d.q_inverse, copies)
}

/// A planar decomposition as `(Q, Qᵀ, copies)`; with `complex`, the 2-dimensional copies
/// (frequency `k > 0` of `SO(2)`) are of complex type.
fn planar_side(
    d: PlanarDecomposition,
    complex: bool,
) -> (DMatrix<f64>, DMatrix<f64>, Vec<StandardCopy>) {
    let copies = d
        .blocks
        .iter()
        .map(|b| (b.label.clone(), b.offset, b.dim, complex && b.dim == 2))
        .collect();
    (d.q.clone(), d.q.transpose(), copies)
}

/// Finite groups: `S_n`'s orthogonal representations by the Jucys–Murphy elements into Young's
/// orthogonal form (no enumeration of `n!` elements); every other group, and non-orthogonal
/// representations of `S_n`, by the character table and isotypic projectors.
impl SchurGroup for PermutationGroup {
    fn schur_data(
        rep_in: &dyn Representation<Self>,
        rep_out: &dyn Representation<Self>,
    ) -> Result<SchurData> {
        // The Jucys–Murphy route lists the partitions of n and decomposes dimensions up to
        // MAX_JM_DIM.
        let jm_applies = |n: usize| {
            let d = rep_in.dim().max(rep_out.dim());
            n <= MAX_JM_DEGREE
                && d <= MAX_JM_DIM
                && (2 * n) as f64 * d as f64 * d as f64 * 8.0 <= MAX_JM_BYTES
        };
        if let Family::Symmetric(n) = *rep_in.group().family()
            && jm_applies(n)
        {
            let dim = symmetric_hom_dimension(rep_in, rep_out, n)?;
            check_basis_size(dim.round() as usize, rep_out.dim(), rep_in.dim())?;
            if let (Ok(dv), Ok(dw)) = (decompose_sn(rep_in), decompose_sn(rep_out)) {
                let residual = dv.max_residual.max(dw.max_residual);
                return Ok(standard_data([young_side(dv), young_side(dw)], residual));
            }
        }
        let table = character_table(rep_in.group())?;
        // dim Hom = ⟨χ_V, χ_W⟩ from the class representatives: refuse an oversized basis
        // before decomposing.
        let dim: f64 = table
            .classes
            .iter()
            .map(|c| {
                c.size as f64
                    * rep_in.character(&c.representative)
                    * rep_out.character(&c.representative)
            })
            .sum::<f64>()
            / table.order as f64;
        check_basis_size(dim.round() as usize, rep_out.dim(), rep_in.dim())?;
        let irreps = real_irreps(rep_in.group(), &table)?;
        let dv = decompose_with(&table, &irreps, rep_in)?;
        let dw = decompose_with(&table, &irreps, rep_out)?;
        let copies = |d: &crate::decompose::Decomposition| IrrepCopies {
            q: d.q.clone(),
            q_inverse: d.q_inverse.clone(),
            blocks: d
                .blocks
                .iter()
                .map(|b| CopyBlock {
                    irrep: b.irrep,
                    offset: b.offset,
                    dim: b.dim,
                })
                .collect(),
        };
        Ok(SchurData {
            irreps: irreps
                .iter()
                .map(|r| SchurIrrep {
                    label: r.label().to_string(),
                    real_type: r.real_type(),
                    endomorphisms: r.endomorphism_basis().to_vec(),
                })
                .collect(),
            rep_in: copies(&dv),
            rep_out: copies(&dw),
            max_residual: dv.max_residual.max(dw.max_residual),
        })
    }
}

impl SchurGroup for SO3 {
    fn schur_data(
        rep_in: &dyn Representation<Self>,
        rep_out: &dyn Representation<Self>,
    ) -> Result<SchurData> {
        let dv = decompose_so3(&rep_in.lie_algebra_matrices(), None)?;
        let dw = decompose_so3(&rep_out.lie_algebra_matrices(), None)?;
        let residual = dv.max_residual.max(dw.max_residual);
        Ok(standard_data(
            [rotation_side(dv), rotation_side(dw)],
            residual,
        ))
    }
}

impl SchurGroup for O3 {
    fn schur_data(
        rep_in: &dyn Representation<Self>,
        rep_out: &dyn Representation<Self>,
    ) -> Result<SchurData> {
        // O(3)'s one discrete generator is the inversion −I.
        let parity = |rep: &dyn Representation<Self>| generator_matrices(rep).pop();
        let dv = decompose_so3(&rep_in.lie_algebra_matrices(), parity(rep_in).as_ref())?;
        let dw = decompose_so3(&rep_out.lie_algebra_matrices(), parity(rep_out).as_ref())?;
        let residual = dv.max_residual.max(dw.max_residual);
        Ok(standard_data(
            [rotation_side(dv), rotation_side(dw)],
            residual,
        ))
    }
}

/// The single Lie-algebra matrix `dρ(J)` of an `SO(2)`/`O(2)` representation.
fn planar_generator<G: crate::group::Group>(rep: &dyn Representation<G>) -> Result<DMatrix<f64>> {
    rep.lie_algebra_matrices()
        .pop()
        .ok_or_else(|| Error::InvalidInput("an SO(2) representation without dρ(J)".into()))
}

impl SchurGroup for SO2 {
    fn schur_data(
        rep_in: &dyn Representation<Self>,
        rep_out: &dyn Representation<Self>,
    ) -> Result<SchurData> {
        let dv = decompose_planar(&planar_generator(rep_in)?, None)?;
        let dw = decompose_planar(&planar_generator(rep_out)?, None)?;
        let residual = dv.max_residual.max(dw.max_residual);
        Ok(standard_data(
            [planar_side(dv, true), planar_side(dw, true)],
            residual,
        ))
    }
}

impl SchurGroup for O2 {
    fn schur_data(
        rep_in: &dyn Representation<Self>,
        rep_out: &dyn Representation<Self>,
    ) -> Result<SchurData> {
        // O(2)'s one discrete generator is the reflection S.
        let reflection = |rep: &dyn Representation<Self>| generator_matrices(rep).pop();
        let dv = decompose_planar(&planar_generator(rep_in)?, reflection(rep_in).as_ref())?;
        let dw = decompose_planar(&planar_generator(rep_out)?, reflection(rep_out).as_ref())?;
        let residual = dv.max_residual.max(dw.max_residual);
        Ok(standard_data(
            [planar_side(dv, false), planar_side(dw, false)],
            residual,
        ))
    }
}

/// Refuses a dense basis `[dim, m, n]` above [`MAX_DENSE_BASIS_BYTES`].
fn check_basis_size(dim: usize, m: usize, n: usize) -> Result<()> {
    let bytes = dim as f64 * m as f64 * n as f64 * 8.0;
    if bytes > MAX_DENSE_BASIS_BYTES {
        return Err(Error::TooLarge {
            what: format!(
                "the dense Schur basis [{dim}, {m}, {n}] (the orbit route stores signed permutation bases sparsely)"
            ),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_DENSE_BASIS_BYTES),
        });
    }
    Ok(())
}

/// What one Schur basis element is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchurElement {
    /// The irreducible's label.
    pub irrep: String,
    /// Its type.
    pub real_type: RealType,
    /// Which copy in `W` (from 0).
    pub out_copy: usize,
    /// Which copy in `V` (from 0).
    pub in_copy: usize,
    /// Which endomorphism basis element.
    pub endomorphism: usize,
}

/// `dim Hom_G(V, W) = Σ_i m_i n_i e_i` from the decompositions.
pub fn schur_dimension(data: &SchurData) -> usize {
    let count =
        |copies: &IrrepCopies, i: usize| copies.blocks.iter().filter(|b| b.irrep == i).count();
    data.irreps
        .iter()
        .enumerate()
        .map(|(i, r)| count(&data.rep_in, i) * count(&data.rep_out, i) * r.endomorphisms.len())
        .sum()
}

/// The Schur basis `A_{a,b,e} = Q_W[:, b] B_e Q_V⁻¹[a, :]` (module docs), ordered by
/// irreducible, then out-copy, in-copy and endomorphism. Refuses ([`Error::TooLarge`]) a
/// basis above [`MAX_DENSE_BASIS_BYTES`] before assembling it.
pub fn schur_basis(data: &SchurData) -> Result<(Vec<DMatrix<f64>>, Vec<SchurElement>)> {
    let (m, n) = (data.rep_out.q.nrows(), data.rep_in.q.nrows());
    let dim = schur_dimension(data);
    check_basis_size(dim, m, n)?;
    let mut jobs = Vec::with_capacity(dim);
    for (i, irrep) in data.irreps.iter().enumerate() {
        let outs = data.rep_out.blocks.iter().filter(|b| b.irrep == i);
        for (out_copy, bw) in outs.enumerate() {
            let ins = data.rep_in.blocks.iter().filter(|b| b.irrep == i);
            for (in_copy, bv) in ins.enumerate() {
                for endomorphism in 0..irrep.endomorphisms.len() {
                    jobs.push((i, *bw, *bv, out_copy, in_copy, endomorphism));
                }
            }
        }
    }
    Ok(jobs
        .into_par_iter()
        .map(|(i, bw, bv, out_copy, in_copy, e)| {
            // Owned copies: nalgebra's GEMM on small row-strided views is not trusted here.
            let columns = data.rep_out.q.columns(bw.offset, bw.dim).clone_owned();
            let rows = data.rep_in.q_inverse.rows(bv.offset, bv.dim).clone_owned();
            let matrix = columns * &data.irreps[i].endomorphisms[e] * rows;
            let label = SchurElement {
                irrep: data.irreps[i].label.clone(),
                real_type: data.irreps[i].real_type,
                out_copy,
                in_copy,
                endomorphism: e,
            };
            (matrix, label)
        })
        .unzip())
}
