//! An explicit change of basis `Q` with `Q⁻¹ ρ(g) Q = ⊕ ρ_i(g)`, in the irreducibles' own
//! matrices, over `R` ([`decompose`]) and over `C` ([`decompose_complex`]).
//!
//! # Method
//!
//! 1. **Checks**: `ρ` must be a representation of the table's group (else
//!    [`Error::InvalidInput`]) and a homomorphism: `ρ(e) = I` and `ρ(s)ρ(t) = ρ(st)` for all
//!    pairs of generators and for four random elements times the generators, to
//!    `10⁻⁸ ‖ρ(s)‖‖ρ(t)‖` (else [`Error::InvalidInput`] saying which product fails). The work
//!    is estimated and refused with [`Error::TooLarge`] before it starts.
//! 2. **Isotypic components** as in [`super::isotypic_decomposition`] (unitarising `ρ` first
//!    when it is not orthogonal): an orthonormal basis `B` of the `R`-component `W ≅ R^m`.
//! 3. **Copies**: `ρ_W(s) = Bᵀρ(s)B`, and `ρ_W(g)` for all `g` along a Cayley tree. For a
//!    random `M`, `X = Σ_g ρ_W(g) M ρ_R(g)ᵀ` intertwines `R` into `W`; subtracting the
//!    copies already found, `X ← X − Σ_i E_i E_iᵀ X` (an intertwiner again, since
//!    `E_iᵀ X ∈ End_G(R)`), leaves one orthogonal to them. `XᵀX` lies in `End_G(R)` and is
//!    symmetric, hence a positive multiple `c·I` of the identity for all three types
//!    (transposition is the conjugation of `R`, `C` or `H`), so `E = X/√c` is an isometric
//!    intertwiner: `ρ_W(g) E = E ρ_R(g)`. The columns `B E_j` of all copies of all `R` form
//!    `Q` (orthogonal when `ρ` is; `Q = T⁻¹Q'` after unitarising by `T` otherwise).
//! 4. **Residual**: `max ‖Q⁻¹ρ(g)Q − ⊕ρ_i(g)‖_F` over the generators and four random
//!    elements, reported as [`Decomposition::max_residual`]; above
//!    `10⁻⁶·‖Q‖‖Q⁻¹‖/dim` the decomposition fails with [`Error::Numerical`].
//!
//! Over `C`, each real block of type C (with `ρ_R U = U σ`, `U` the `i`-eigenspace of `J`)
//! becomes the two complex blocks `σ, σ̄` by the columns `[QU, QŪ]`; one of type H becomes
//! `σ, σ` by `[QU, QKU]` (`K` anticommutes with `J`, so `KU` spans the `−i`-eigenspace and
//! `ρ_R KU = KU σ`); type R blocks stay. So `Q_C` is unitary when `ρ` is orthogonal.

use super::complex::{ComplexIrrep, complex_irreps};
use super::irreps::{IrrepRepresentation, real_irreps};
use super::numeric::{CayleyTree, complexify, gaussian, twisted_sum};
use super::{IsotypicParts, isotypic_parts};
use crate::character::table::describe;
use crate::character::{CharacterTable, RealType};
use crate::group::{FiniteGroup, Group, Permutation, PermutationGroup};
use crate::linalg::direct_sum;
use crate::rep::Representation;
use crate::{Error, Result, error::human_bytes};
use nalgebra::DMatrix;
use num_complex::Complex64;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::sync::Arc;

/// Largest estimated work of the copies step of [`decompose`]: `10¹¹` floating-point
/// operations (`Σ_R |G| (m_R dim R)² (m_R dim R + dim R)`).
pub const MAX_COPIES_WORK: f64 = 1e11;
/// Largest memory of the matrices of one isotypic component over all elements: 2 GiB.
pub const MAX_COMPONENT_MEMORY: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;
/// Relative tolerance of the homomorphism check on the input.
pub const HOMOMORPHISM_TOLERANCE: f64 = 1e-8;
/// Seed of the random matrices of [`decompose`].
const DECOMPOSE_SEED: u64 = 0xdec0_3905;
/// Tries of the random matrix that gives the next copy.
const COPY_TRIES: usize = 8;

/// One diagonal block of a decomposition over `R`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The real irreducible (index into [`CharacterTable::real_irreps`] and
    /// [`Decomposition::irreps`]).
    pub irrep: usize,
    /// Which copy of it (from 0).
    pub copy: usize,
    /// The first row and column of the block.
    pub offset: usize,
    /// Its size, the irreducible's dimension.
    pub dim: usize,
}

/// `Q` with `Q⁻¹ ρ(g) Q = ⊕_b ρ_{irrep(b)}(g)` (see the [module documentation](self)).
#[derive(Clone, Debug)]
pub struct Decomposition {
    /// The change of basis (columns: the copies, block by block).
    pub q: DMatrix<f64>,
    /// Its inverse (`Qᵀ` when `ρ` is orthogonal).
    pub q_inverse: DMatrix<f64>,
    /// The blocks, ordered by irreducible and then copy.
    pub blocks: Vec<Block>,
    /// Whether `ρ` is orthogonal (then `Q` is).
    pub orthogonal: bool,
    /// `max ‖Q⁻¹ρ(g)Q − ⊕ρ_i(g)‖_F` over the generators and four random elements, and the
    /// projectors' eigenvalue residual.
    pub max_residual: f64,
    /// All real irreducibles of the group ([`super::real_irreps`] order).
    pub irreps: Vec<IrrepRepresentation>,
    /// The real multiplicity of each of them.
    pub multiplicities: Vec<usize>,
}

impl Decomposition {
    /// `⊕_b ρ_{irrep(b)}(g)`, the block-diagonal matrix `Q⁻¹ρ(g)Q` should equal.
    pub fn block_diagonal(&self, g: &Permutation) -> DMatrix<f64> {
        let blocks: Vec<DMatrix<f64>> = self
            .blocks
            .iter()
            .map(|b| self.irreps[b.irrep].matrix(g))
            .collect();
        direct_sum(&blocks)
    }

    /// The irreducibles with their multiplicities, `2x[5] + 3x[4,1] + [3,2]`.
    pub fn describe(&self) -> String {
        describe(
            self.multiplicities
                .iter()
                .zip(&self.irreps)
                .map(|(&m, r)| (m as u64, r.label().to_string())),
        )
    }
}

/// One diagonal block of a decomposition over `C`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplexBlock {
    /// The row of the character table ([`ComplexDecomposition::irreps`] index).
    pub irrep: usize,
    /// Which copy of it (from 0).
    pub copy: usize,
    /// The first row and column of the block.
    pub offset: usize,
    /// Its size `χ(1)`.
    pub dim: usize,
}

/// `Q` (complex) with `Q⁻¹ ρ(g) Q = ⊕_b σ_{irrep(b)}(g)` in the complex irreducibles.
#[derive(Clone, Debug)]
pub struct ComplexDecomposition {
    /// The change of basis.
    pub q: DMatrix<Complex64>,
    /// Its inverse (`Q*` when `ρ` is orthogonal).
    pub q_inverse: DMatrix<Complex64>,
    /// The blocks, ordered by row and then copy.
    pub blocks: Vec<ComplexBlock>,
    /// Whether `ρ` is orthogonal (then `Q` is unitary).
    pub unitary: bool,
    /// `max ‖Q⁻¹ρ(g)Q − ⊕σ_i(g)‖_F` over the generators and four random elements.
    pub max_residual: f64,
    /// All complex irreducibles (one per row of the table).
    pub irreps: Vec<ComplexIrrep>,
    /// The complex multiplicity of each row.
    pub multiplicities: Vec<usize>,
}

impl ComplexDecomposition {
    /// `⊕_b σ_{irrep(b)}(g)`.
    pub fn block_diagonal(&self, g: &Permutation) -> DMatrix<Complex64> {
        let n: usize = self.blocks.iter().map(|b| b.dim).sum();
        let mut out = DMatrix::<Complex64>::zeros(n, n);
        for b in &self.blocks {
            out.view_mut((b.offset, b.offset), (b.dim, b.dim))
                .copy_from(&self.irreps[b.irrep].matrix(g));
        }
        out
    }

    /// The rows with their multiplicities, `2xX.1 + X.2`.
    pub fn describe(&self) -> String {
        describe(
            self.multiplicities
                .iter()
                .zip(&self.irreps)
                .map(|(&m, r)| (m as u64, r.label().to_string())),
        )
    }
}

/// An error unless `rep` is a representation of the table's group.
pub(crate) fn check_group(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<()> {
    let group = rep.group();
    if group.name_str() != table.group || group.elements()?.len() as u64 != table.order {
        return Err(Error::InvalidInput(format!(
            "a representation of {} used with the character table of {}",
            group.name_str(),
            table.group
        )));
    }
    Ok(())
}

/// Checks that `rep` is a homomorphism: square matrices of its dimension with finite
/// entries, `ρ(e) = I`, and `ρ(g)ρ(s) = ρ(gs)` for `g` the generators and four random
/// elements and `s` the generators — tested on two random vectors,
/// `‖ρ(g)(ρ(s)X) − ρ(gs)X‖ ≤ 10⁻⁸ ‖ρ(g)‖‖ρ(s)‖‖X‖`, so each check costs `O(dim²)`.
pub(crate) fn check_homomorphism(rep: &dyn Representation<PermutationGroup>) -> Result<()> {
    let group = rep.group();
    let d = rep.dim();
    let shaped = |g: &Permutation, what: &str| -> Result<DMatrix<f64>> {
        let m = rep.matrix(g);
        if m.shape() != (d, d) {
            return Err(Error::InvalidInput(format!(
                "not a representation: {} gives a {}×{} matrix for {what}, expected {d}×{d}",
                rep.description(),
                m.nrows(),
                m.ncols()
            )));
        }
        if m.iter().any(|x| !x.is_finite()) {
            return Err(Error::InvalidInput(format!(
                "not a representation: {} has a non-finite entry at {what}",
                rep.description()
            )));
        }
        Ok(m)
    };
    let mut rng = StdRng::seed_from_u64(DECOMPOSE_SEED);
    let x = gaussian(d, 2, &mut rng);
    let identity = shaped(&group.identity(), "the identity")?;
    let defect = (&identity * &x - &x).norm();
    if defect > HOMOMORPHISM_TOLERANCE * x.norm() {
        return Err(Error::InvalidInput(format!(
            "not a representation: ρ(e) is not the identity for {}",
            rep.description()
        )));
    }
    let generators = group.generators();
    let mut left: Vec<(String, Permutation)> = generators
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("generator {}", i + 1), s.clone()))
        .collect();
    for k in 0..4 {
        left.push((
            format!("random element {}", k + 1),
            group.random_element(&mut rng)?,
        ));
    }
    let images: Vec<(DMatrix<f64>, f64)> = generators
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let m = shaped(s, &format!("generator {}", i + 1))?;
            Ok((&m * &x, m.norm()))
        })
        .collect::<Result<_>>()?;
    for (name, g) in &left {
        let a = shaped(g, name)?;
        let a_norm = a.norm();
        for (j, (t, (bx, b_norm))) in generators.iter().zip(&images).enumerate() {
            let product = shaped(&group.multiply(g, t), "a product")?;
            let defect = (&a * bx - product * &x).norm();
            if defect.is_nan() || defect > HOMOMORPHISM_TOLERANCE * a_norm * b_norm * x.norm() {
                return Err(Error::InvalidInput(format!(
                    "not a representation: ρ(g)ρ(s) ≠ ρ(gs) for g = {name}, s = generator {} of {} (difference {defect:.2e} on random vectors) for {}",
                    j + 1,
                    group.name_str(),
                    rep.description()
                )));
            }
        }
    }
    Ok(())
}

/// The real multiplicities of `rep`, after refusing a decomposition whose projectors or
/// copies step would be too large.
fn check_decomposition_size(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<Vec<usize>> {
    let order = table.order as usize;
    let n = rep.dim();
    let multiplicities: Vec<usize> = table
        .multiplicities(&crate::character::character_of(table, rep)?)?
        .real
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "the character of {} is not that of a real representation",
                rep.description()
            ))
        })?
        .into_iter()
        .map(|m| m as usize)
        .collect();
    let present = multiplicities.iter().filter(|&&m| m > 0).count();
    super::check_projector_size(order, present, rep)?;
    let reals = table.real_irreps();
    let mut work = 0.0;
    for (r, &m) in reals.iter().zip(&multiplicities) {
        let d = r.dim as f64;
        let rr = m as f64 * d;
        work += order as f64 * (rr.powi(3) + m as f64 * (rr * rr * d + rr * d * d));
        let memory = 8.0 * order as f64 * rr * rr;
        if memory > MAX_COMPONENT_MEMORY {
            return Err(Error::TooLarge {
                what: format!("the {m} copies of {} in {}", r.label, rep.description()),
                needed: format!("{} for the matrices of all elements", human_bytes(memory)),
                limit: human_bytes(MAX_COMPONENT_MEMORY),
            });
        }
    }
    if work > MAX_COPIES_WORK {
        return Err(Error::TooLarge {
            what: format!(
                "splitting {} (dimension {n}) into copies",
                rep.description()
            ),
            needed: format!("{work:.1e} floating-point operations"),
            limit: format!("{MAX_COPIES_WORK:.0e}"),
        });
    }
    Ok(multiplicities)
}

fn check_irreps(
    table: &CharacterTable,
    irreps: &[IrrepRepresentation],
    group: &Arc<PermutationGroup>,
) -> Result<()> {
    if irreps.len() != table.real_irreps().len() {
        return Err(Error::InvalidInput(format!(
            "{} real irreducibles given, the table of {} has {}",
            irreps.len(),
            table.group,
            table.real_irreps().len()
        )));
    }
    let theirs = irreps[0].group();
    if !Arc::ptr_eq(theirs, group) {
        let same =
            theirs.name_str() == group.name_str() && theirs.elements()? == group.elements()?;
        if !same {
            return Err(Error::InvalidInput(format!(
                "the irreducibles are of {}, the representation of {}",
                theirs.name_str(),
                group.name_str()
            )));
        }
    }
    Ok(())
}

/// Decomposes `rep` over `R`: computes the real irreducibles ([`super::real_irreps`]) and
/// calls [`decompose_with`]. Checks the input first (see the module documentation).
pub fn decompose(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<Decomposition> {
    check_group(table, rep)?;
    check_decomposition_size(table, rep)?;
    super::irreps::plan_irreps(rep.group(), table)?;
    check_homomorphism(rep)?;
    let irreps = real_irreps(rep.group(), table)?;
    decompose_with(table, &irreps, rep)
}

/// Decomposes `rep` over `R` with the given real irreducibles (all of them, in
/// [`CharacterTable::real_irreps`] order).
pub fn decompose_with(
    table: &CharacterTable,
    irreps: &[IrrepRepresentation],
    rep: &dyn Representation<PermutationGroup>,
) -> Result<Decomposition> {
    check_group(table, rep)?;
    let group = rep.group();
    check_irreps(table, irreps, group)?;
    let multiplicities = check_decomposition_size(table, rep)?;
    check_homomorphism(rep)?;
    let order = group.elements()?.len();
    let n = rep.dim();

    let parts = isotypic_parts(table, rep)?;
    let tree = CayleyTree::new(group)?;
    let generators: Vec<DMatrix<f64>> = group
        .generators()
        .iter()
        .map(|s| parts.orthogonal_matrix(rep.matrix(s)))
        .collect();
    let mut rng = StdRng::seed_from_u64(DECOMPOSE_SEED ^ n as u64);
    let mut columns: Vec<DMatrix<f64>> = Vec::new();
    let mut blocks = Vec::new();
    let mut offset = 0;
    for ((index, _, m), basis) in parts.present.iter().zip(&parts.bases) {
        let irrep = &irreps[*index];
        let d = irrep.dim();
        let r = m * d;
        let w_generators: Vec<DMatrix<f64>> = generators
            .iter()
            .map(|s| basis.transpose() * s * basis)
            .collect();
        let w_stack = tree.stack(&w_generators, r);
        let copies = isometric_copies(&w_stack, irrep, *m, order, &mut rng)?;
        for (copy, e) in copies.into_iter().enumerate() {
            columns.push(basis * e);
            blocks.push(Block {
                irrep: *index,
                copy,
                offset,
                dim: d,
            });
            offset += d;
        }
    }
    let q_orthogonal = if columns.is_empty() {
        DMatrix::zeros(n, 0)
    } else {
        let refs: Vec<_> = columns.iter().flat_map(|c| c.column_iter()).collect();
        DMatrix::from_columns(&refs)
    };
    let IsotypicParts {
        transform,
        eigen_residual,
        orthogonal,
        ..
    } = parts;
    let (q, q_inverse) = match &transform {
        Some((t, t_inv)) => (t_inv * &q_orthogonal, q_orthogonal.transpose() * t),
        None => (q_orthogonal.clone(), q_orthogonal.transpose()),
    };
    let mut decomposition = Decomposition {
        q,
        q_inverse,
        blocks,
        orthogonal,
        max_residual: eigen_residual,
        irreps: irreps.to_vec(),
        multiplicities,
    };
    let residual = real_residual(&decomposition, rep)?;
    decomposition.max_residual = decomposition.max_residual.max(residual);
    let conditioning = decomposition.q.norm() * decomposition.q_inverse.norm() / n.max(1) as f64;
    if residual.is_nan() || residual > 1e-6 * conditioning.max(1.0) {
        return Err(Error::Numerical(format!(
            "the decomposition of {} has residual {residual:.2e}",
            rep.description()
        )));
    }
    Ok(decomposition)
}

/// The generators and four random elements.
fn test_elements(group: &PermutationGroup) -> Result<Vec<Permutation>> {
    let mut rng = StdRng::seed_from_u64(DECOMPOSE_SEED.rotate_left(7));
    let mut out = group.generators();
    for _ in 0..4 {
        out.push(group.random_element(&mut rng)?);
    }
    Ok(out)
}

fn real_residual(d: &Decomposition, rep: &dyn Representation<PermutationGroup>) -> Result<f64> {
    let mut worst: f64 = 0.0;
    for g in test_elements(rep.group())? {
        let residual = (&d.q_inverse * rep.matrix(&g) * &d.q - d.block_diagonal(&g)).norm();
        worst = worst.max(if residual.is_nan() {
            f64::INFINITY
        } else {
            residual
        });
    }
    Ok(worst)
}

/// `m` isometric intertwiners `E_j: R → W` (`r × d`, `r = m d`) with mutually orthogonal
/// ranges (see the module documentation).
fn isometric_copies(
    w_stack: &DMatrix<f64>,
    irrep: &IrrepRepresentation,
    m: usize,
    order: usize,
    rng: &mut StdRng,
) -> Result<Vec<DMatrix<f64>>> {
    let d = irrep.dim();
    let r = m * d;
    let r_stack = irrep.element_stack();
    let mut copies: Vec<DMatrix<f64>> = Vec::with_capacity(m);
    let mut tries = 0;
    while copies.len() < m {
        let x = twisted_sum(w_stack, &gaussian(r, d, rng), r_stack) / order as f64;
        let before = x.norm();
        let mut x = x;
        for e in &copies {
            let coefficient = e.transpose() * &x;
            x -= e * coefficient;
        }
        let c = x.norm_squared() / d as f64;
        if c.sqrt() * (d as f64).sqrt() <= 1e-6 * before {
            tries += 1;
            if tries >= COPY_TRIES {
                return Err(Error::Numerical(format!(
                    "could not find copy {} of {} in its isotypic component",
                    copies.len() + 1,
                    irrep.label()
                )));
            }
            continue;
        }
        let e = x / c.sqrt();
        let defect = super::numeric::orthogonality_defect(&e);
        if defect > 1e-8 {
            return Err(Error::Numerical(format!(
                "an intertwiner into the copies of {} is not a similitude (defect {defect:.2e}); its type {} may be wrong",
                irrep.label(),
                irrep.real_type().symbol()
            )));
        }
        copies.push(e);
    }
    Ok(copies)
}

/// Decomposes `rep` over `C`: the real irreducibles, the complex ones
/// ([`super::complex_irreps`]) and [`decompose_complex_with`].
pub fn decompose_complex(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<ComplexDecomposition> {
    check_group(table, rep)?;
    check_decomposition_size(table, rep)?;
    super::irreps::plan_irreps(rep.group(), table)?;
    check_homomorphism(rep)?;
    let real = real_irreps(rep.group(), table)?;
    let complex = complex_irreps(table, &real)?;
    decompose_complex_with(table, &real, &complex, rep)
}

/// Decomposes `rep` over `C` with the given real and complex irreducibles: the real
/// decomposition, then each block of type C or H split by its complex basis (see the
/// module documentation).
pub fn decompose_complex_with(
    table: &CharacterTable,
    real: &[IrrepRepresentation],
    complex: &[ComplexIrrep],
    rep: &dyn Representation<PermutationGroup>,
) -> Result<ComplexDecomposition> {
    if complex.len() != table.irreps.len() {
        return Err(Error::InvalidInput(format!(
            "{} complex irreducibles given, the table of {} has {} rows",
            complex.len(),
            table.group,
            table.irreps.len()
        )));
    }
    let decomposition = decompose_with(table, real, rep)?;
    let n = rep.dim();
    // (row, copy, columns n × dc, rows dc × n)
    let mut pieces: Vec<(usize, usize, DMatrix<Complex64>, DMatrix<Complex64>)> = Vec::new();
    for b in &decomposition.blocks {
        let irrep = &real[b.irrep];
        let columns = complexify(&decomposition.q.columns(b.offset, b.dim).into_owned());
        let rows = complexify(&decomposition.q_inverse.rows(b.offset, b.dim).into_owned());
        let row = irrep.constituents()[0];
        match irrep.real_type() {
            RealType::Real => pieces.push((row, b.copy, columns, rows)),
            RealType::Complex => {
                let u = irrep.complex_basis();
                let u_bar = u.map(|z| z.conj());
                pieces.push((row, b.copy, &columns * u, u.adjoint() * &rows));
                let conjugate = irrep.constituents()[1];
                pieces.push((
                    conjugate,
                    b.copy,
                    &columns * &u_bar,
                    u_bar.adjoint() * &rows,
                ));
            }
            RealType::Quaternionic => {
                let u = irrep.complex_basis();
                let k = complexify(&irrep.endomorphism_basis()[2]);
                let ku = k * u;
                pieces.push((row, 2 * b.copy, &columns * u, u.adjoint() * &rows));
                pieces.push((row, 2 * b.copy + 1, &columns * &ku, ku.adjoint() * &rows));
            }
        }
    }
    pieces.sort_by_key(|p| (p.0, p.1));
    let mut q = DMatrix::<Complex64>::zeros(n, n);
    let mut q_inverse = DMatrix::<Complex64>::zeros(n, n);
    let mut blocks = Vec::with_capacity(pieces.len());
    let mut offset = 0;
    for (row, copy, columns, rows) in pieces {
        let dc = columns.ncols();
        q.columns_mut(offset, dc).copy_from(&columns);
        q_inverse.rows_mut(offset, dc).copy_from(&rows);
        blocks.push(ComplexBlock {
            irrep: row,
            copy,
            offset,
            dim: dc,
        });
        offset += dc;
    }
    let mut multiplicities = vec![0usize; table.irreps.len()];
    for b in &blocks {
        multiplicities[b.irrep] += 1;
    }
    let mut result = ComplexDecomposition {
        q,
        q_inverse,
        blocks,
        unitary: decomposition.orthogonal,
        max_residual: decomposition.max_residual,
        irreps: complex.to_vec(),
        multiplicities,
    };
    let mut worst: f64 = 0.0;
    for g in test_elements(rep.group())? {
        let m = complexify(&rep.matrix(&g));
        let residual = (&result.q_inverse * m * &result.q - result.block_diagonal(&g)).norm();
        worst = worst.max(if residual.is_nan() {
            f64::INFINITY
        } else {
            residual
        });
    }
    result.max_residual = result.max_residual.max(worst);
    let conditioning = result.q.norm() * result.q_inverse.norm() / n.max(1) as f64;
    if worst.is_nan() || worst > 1e-6 * conditioning.max(1.0) {
        return Err(Error::Numerical(format!(
            "the complex decomposition of {} has residual {worst:.2e}",
            rep.description()
        )));
    }
    Ok(result)
}
