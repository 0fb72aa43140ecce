//! Real irreducible representations of a finite group as explicit orthogonal matrices.
//!
//! # Method: tensor-product closure
//!
//! Every real irreducible `T` of `G` occurs in some tensor power of a faithful
//! representation (Burnside–Brauer: if `V` is faithful and `χ_V` takes `s` distinct values,
//! every irreducible occurs in one of `V^{⊗0}, …, V^{⊗(s−1)}`), hence in `R ⊗ C` for an
//! irreducible `R` of `V^{⊗(k−1)}` and a constituent `C` of `V`. [`real_irreps`] therefore
//!
//! 1. **plans** from the character table alone (no matrices): starting from the trivial
//!    irreducible and the group's defining representation `V` (the seed; the permutation
//!    action on the group's points is added if `V` should not reach every irreducible), it
//!    repeatedly picks the cheapest way to obtain a not yet found `T` — as a constituent of
//!    the seed or of a product `R_a ⊗ R_b` of irreducibles already found — with the real
//!    multiplicity `m = ⟨χ_a χ_b, χ_T⟩ / ⟨χ_T, χ_T⟩` read off the characters and the cost
//!    estimated in floating-point operations ([`plan_irreps`]). The total work and the memory
//!    of the stored matrices are checked against [`MAX_IRREP_WORK`] and [`MAX_IRREP_MEMORY`]
//!    before anything is computed ([`Error::TooLarge`] names the size).
//! 2. **projects**: the isotypic projector of `T` in the source,
//!    `P_T = Σ_i (χ_i(1)/|G|) Σ_g χ̄_i(g) ρ(g)` (`χ_i` the complex constituents of `T`), is
//!    formed for a product in one matrix product, `Σ_g c(g) vec(A_g) vec(B_g)ᵀ` rearranged
//!    into `Σ_g c(g) A_g ⊗ B_g`; an orthonormal basis `B` of its range (`m·dim T` columns)
//!    comes from `P_T X` for a Gaussian `X` and QR.
//! 3. **extracts one copy**: `ρ_W(s) = Bᵀ ρ(s) B` on the generators; if `m = 1` this is `T`.
//!    Otherwise, for a random symmetric `S`, `A = Σ_g ρ_W(g) S ρ_W(g)ᵀ` is a generic symmetric
//!    element of the commutant `End_G(W) ≅ M_m(K)`, `K = R, C, H` for the three types; a
//!    symmetric element of `M_m(K)` is a Hermitian matrix over `K`, whose eigenspaces are
//!    `K`-lines, i.e. single copies of `T` (real dimension `dim T` each). The eigenvectors of
//!    the largest eigenvalue are kept when there are exactly `dim T` of them, well separated
//!    from the rest (else another `S`, at most 8 tries, then [`Error::Numerical`]).
//! 4. **completes**: the matrices of all elements follow from the generators along a
//!    breadth-first Cayley tree (one product per element) and are stored; the commutant basis
//!    `End_G(T)` (`I`; `I, J`; `I, J, K, JK`) comes from the antisymmetric parts of averages
//!    `Σ_g ρ(g) M ρ(g)ᵀ` of random `M` (transposition is the conjugation of `C` or `H` there,
//!    since `ρ` is orthogonal).
//!
//! Every matrix is `f64`: the irreducibles are numeric, with the residuals of the
//! homomorphism property, of orthogonality and of the character reported on each
//! [`IrrepRepresentation`] and bounded by [`IRREP_TOLERANCE`] (else [`Error::Numerical`]);
//! GAP's `IrreducibleRepresentations` is exact (cyclotomic matrices) and much slower.
//!
//! ```
//! use equivariant::character::character_table;
//! use equivariant::decompose::real_irreps;
//! use equivariant::group::{FiniteGroup, PermutationGroup};
//! use equivariant::rep::Representation;
//! use std::sync::Arc;
//!
//! let a5 = Arc::new(PermutationGroup::alternating(5)?);
//! let table = character_table(&a5)?;
//! let irreps = real_irreps(&a5, &table)?;
//! let dims: Vec<usize> = irreps.iter().map(|r| r.dim()).collect();
//! assert_eq!(dims, vec![1, 3, 3, 4, 5]);
//! for r in &irreps {
//!     assert!(r.homomorphism_residual() < 1e-10 && r.character_residual() < 1e-10);
//!     let g = &a5.generators()[0];
//!     let m = r.matrix(g);
//!     assert!((m.transpose() * &m - nalgebra::DMatrix::identity(r.dim(), r.dim())).norm() < 1e-10);
//! }
//! # Ok::<(), equivariant::Error>(())
//! ```

use super::numeric::{
    CayleyTree, complex_gaussian, complexify, gaussian, orthogonality_defect,
    orthonormal_columns_complex, projector_range, twisted_sum,
};
use crate::character::{CharacterTable, RealType};
use crate::group::{FiniteGroup, Group, Permutation, PermutationGroup};
use crate::linalg::{kron, permutation_matrix};
use crate::rep::Representation;
use crate::{Error, Result, error::human_bytes};
use nalgebra::DMatrix;
use num_complex::Complex64;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use std::fmt;
use std::sync::Arc;

/// Largest estimated work of [`real_irreps`] accepted: `10¹²` floating-point operations.
pub const MAX_IRREP_WORK: f64 = 1e12;
/// Largest memory of the matrices [`real_irreps`] stores (all elements of every real
/// irreducible) and of its largest temporary: 2 GiB.
pub const MAX_IRREP_MEMORY: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;
/// Largest residual (homomorphism, orthogonality, character, commutant relations) of an
/// accepted irreducible.
pub const IRREP_TOLERANCE: f64 = 1e-9;
/// Default seed of the random matrices (the irreducibles are a deterministic function of it).
pub const DEFAULT_IRREP_SEED: u64 = 0x1bad_5eed;
/// Above this many classes the plan only multiplies new irreducibles by the seed's
/// constituents (still enough, by Burnside–Brauer), to keep planning `O(r³)`.
const ALL_PAIRS_CLASS_LIMIT: usize = 96;
/// Tries of the random symmetric matrix that splits an isotypic component.
const SPLIT_TRIES: usize = 8;

/// Where an irreducible was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IrrepSource {
    /// The trivial representation.
    Trivial,
    /// A constituent of the group's defining representation `V`.
    Defining,
    /// A constituent of the permutation action on the group's points.
    Permutation,
    /// A constituent of `R_a ⊗ R_b` (indices into [`CharacterTable::real_irreps`]).
    Product(usize, usize),
}

/// One step of the plan of [`real_irreps`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    /// The real irreducible obtained (index into [`CharacterTable::real_irreps`]).
    pub target: usize,
    /// Where it is extracted from.
    pub source: IrrepSource,
    /// Its real multiplicity there.
    pub multiplicity: usize,
    /// The dimension of the source.
    pub source_dim: usize,
    /// Estimated floating-point operations.
    pub cost: f64,
}

/// The plan of [`real_irreps`], computed from the character table alone.
#[derive(Clone, Debug, PartialEq)]
pub struct IrrepPlan {
    /// The steps, in execution order (each product uses irreducibles of earlier steps).
    pub steps: Vec<PlanStep>,
    /// Estimated total floating-point operations.
    pub work: f64,
    /// Bytes of the stored matrices plus the largest temporary.
    pub memory: f64,
}

/// The generator matrices and the stack of all element matrices of one irreducible.
type Matrices = (Vec<DMatrix<f64>>, DMatrix<f64>);

/// A seed representation of the plan.
#[derive(Clone, Debug)]
struct Seed {
    source: IrrepSource,
    dim: usize,
    /// `ρ(s)` is the permutation matrix of the element itself.
    permutation: bool,
    character: Vec<f64>,
}

#[derive(Debug)]
struct IrrepData {
    group: Arc<PermutationGroup>,
    index: usize,
    label: String,
    real_type: RealType,
    constituents: Vec<usize>,
    character: Vec<f64>,
    dim: usize,
    source: IrrepSource,
    generators: Vec<DMatrix<f64>>,
    /// `[ρ(g_0) | ρ(g_1) | …]` over the elements in [`FiniteGroup::elements`] order.
    stack: DMatrix<f64>,
    endomorphisms: Vec<DMatrix<f64>>,
    complex_basis: DMatrix<Complex64>,
    homomorphism_residual: f64,
    orthogonality_residual: f64,
    character_residual: f64,
    endomorphism_residual: f64,
}

/// A real irreducible representation of a finite group, as explicit orthogonal matrices.
///
/// Type R irreducibles are orthogonal forms of the complex irreducible; types C and H are the
/// realifications (real dimension `2χ(1)`), orthogonal too. The matrices of all elements are
/// stored, so [`Representation::matrix`] is a look-up. Cheap to clone (shared data).
#[derive(Clone)]
pub struct IrrepRepresentation {
    inner: Arc<IrrepData>,
}

impl fmt::Debug for IrrepRepresentation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.inner;
        f.debug_struct("IrrepRepresentation")
            .field("group", &d.group.name_str())
            .field("label", &d.label)
            .field("dim", &d.dim)
            .field("real_type", &d.real_type)
            .field("source", &d.source)
            .field("homomorphism_residual", &d.homomorphism_residual)
            .field("character_residual", &d.character_residual)
            .finish()
    }
}

impl IrrepRepresentation {
    /// The label of the real irreducible (as in [`CharacterTable::real_irreps`]).
    pub fn label(&self) -> &str {
        &self.inner.label
    }
    /// Its index in [`CharacterTable::real_irreps`].
    pub fn index(&self) -> usize {
        self.inner.index
    }
    /// R, C or H.
    pub fn real_type(&self) -> RealType {
        self.inner.real_type
    }
    /// The rows of the complex character table it is made of.
    pub fn constituents(&self) -> &[usize] {
        &self.inner.constituents
    }
    /// The character from the table (`χ`, `χ + χ̄` or `2χ`), one value per class.
    pub fn table_character(&self) -> &[f64] {
        &self.inner.character
    }
    /// Where it was found.
    pub fn source(&self) -> &IrrepSource {
        &self.inner.source
    }
    /// `ρ(s)` for the group's generators, in order.
    pub fn generator_matrices(&self) -> &[DMatrix<f64>] {
        &self.inner.generators
    }
    /// `ρ(g)` for the element of index `i` in [`FiniteGroup::elements`] (`i < |G|`).
    pub fn element_matrix(&self, i: usize) -> DMatrix<f64> {
        let d = self.inner.dim;
        self.inner.stack.columns(i * d, d).into_owned()
    }
    /// All matrices side by side, `[ρ(g_0) | ρ(g_1) | …]` (`d × |G|·d`, elements in
    /// [`FiniteGroup::elements`] order).
    pub fn element_stack(&self) -> &DMatrix<f64> {
        &self.inner.stack
    }
    /// A basis of the commutant `End_G(ρ)` over `R`: `[I]` (type R), `[I, J]` (type C,
    /// `J² = −I`, `Jᵀ = −J`) or `[I, J, K, JK]` (type H, `J² = K² = −I`, `JK = −KJ`), all
    /// orthogonal matrices commuting with every `ρ(g)`. For type C the `i`-eigenspace of `J`
    /// carries the first complex constituent `χ` (so `J` acts as multiplication by `i`).
    pub fn endomorphism_basis(&self) -> &[DMatrix<f64>] {
        &self.inner.endomorphisms
    }
    /// The complex structure `J` (types C and H).
    pub fn complex_structure(&self) -> Option<&DMatrix<f64>> {
        self.inner.endomorphisms.get(1)
    }
    /// `U` with orthonormal columns and `ρ(g) U = U σ(g)` for the complex irreducible `σ`
    /// of the first constituent: the identity for type R, an orthonormal basis of the
    /// `i`-eigenspace of `J` (`dim/2` columns) for types C and H.
    pub fn complex_basis(&self) -> &DMatrix<Complex64> {
        &self.inner.complex_basis
    }
    /// `max ‖ρ(g)ρ(s) − ρ(gs)‖_F` over the generators `s` and all elements `g` (groups up
    /// to 256 elements) or 64 random ones, and `‖ρ(e) − I‖_F`.
    pub fn homomorphism_residual(&self) -> f64 {
        self.inner.homomorphism_residual
    }
    /// `max_s ‖ρ(s)ᵀρ(s) − I‖_F` over the generators.
    pub fn orthogonality_residual(&self) -> f64 {
        self.inner.orthogonality_residual
    }
    /// `max_k |tr ρ(g_k) − χ(g_k)|` against the table's real character.
    pub fn character_residual(&self) -> f64 {
        self.inner.character_residual
    }
    /// The largest defect of the commutant basis: commutation with the generators and the
    /// relations `J² = K² = −I`, `JK = −KJ`, orthogonality.
    pub fn endomorphism_residual(&self) -> f64 {
        self.inner.endomorphism_residual
    }
    /// The largest of the four residuals.
    pub fn max_residual(&self) -> f64 {
        let d = &self.inner;
        d.homomorphism_residual
            .max(d.orthogonality_residual)
            .max(d.character_residual)
            .max(d.endomorphism_residual)
    }
    /// This irreducible as a shared [`crate::rep::Rep`].
    pub fn to_rep(&self) -> crate::rep::Rep<PermutationGroup> {
        Arc::new(self.clone())
    }
}

impl Representation<PermutationGroup> for IrrepRepresentation {
    fn group(&self) -> &Arc<PermutationGroup> {
        &self.inner.group
    }
    fn dim(&self) -> usize {
        self.inner.dim
    }
    /// A look-up in the stored matrices (`NaN` entries for a permutation outside the group).
    fn matrix(&self, g: &Permutation) -> DMatrix<f64> {
        let d = self.inner.dim;
        match self.inner.group.index_of(g) {
            Ok(Some(i)) => self.element_matrix(i),
            _ => DMatrix::from_element(d, d, f64::NAN),
        }
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        Vec::new()
    }
    fn description(&self) -> String {
        self.inner.label.clone()
    }
}

/// The real multiplicity of every real irreducible in a real class function: weights
/// `w[T][k] = h_k χ_T(g_k) / (|G| ⟨χ_T, χ_T⟩)`.
fn multiplicity_weights(table: &CharacterTable) -> Vec<Vec<f64>> {
    table
        .real_irreps()
        .iter()
        .map(|t| {
            let e = t.real_type.endomorphism_dim() as f64;
            t.character
                .iter()
                .zip(&table.classes)
                .map(|(x, c)| c.size as f64 * x / (table.order as f64 * e))
                .collect()
        })
        .collect()
}

fn multiplicities_of(weights: &[Vec<f64>], character: &[f64]) -> Vec<usize> {
    weights
        .iter()
        .map(|w| {
            let m: f64 = w.iter().zip(character).map(|(a, b)| a * b).sum();
            m.round().max(0.0) as usize
        })
        .collect()
}

fn extraction_cost(order: f64, r: f64, m: usize, d: f64) -> f64 {
    let tree = order * r.powi(3);
    if m > 1 {
        3.0 * tree + 10.0 * r.powi(3) + order * d.powi(3)
    } else {
        tree
    }
}

fn seeds_of(group: &PermutationGroup, table: &CharacterTable, with_points: bool) -> Vec<Seed> {
    let n = group.defining_dim();
    let generators = group.generators();
    let defining_is_permutation = n == group.degree()
        && generators.iter().all(|s| {
            permutation_matrix(&s.images())
                .map(|p| p == group.defining_matrix(s))
                .unwrap_or(false)
        });
    let mut seeds = vec![Seed {
        source: IrrepSource::Defining,
        dim: n,
        permutation: defining_is_permutation,
        character: table
            .classes
            .iter()
            .map(|c| group.defining_matrix(&c.representative).trace())
            .collect(),
    }];
    if with_points && !defining_is_permutation {
        seeds.push(Seed {
            source: IrrepSource::Permutation,
            dim: group.degree(),
            permutation: true,
            character: table
                .classes
                .iter()
                .map(|c| c.representative.fixed_points() as f64)
                .collect(),
        });
    }
    seeds
}

/// The index of the trivial real irreducible (all character values 1).
fn trivial_index(table: &CharacterTable) -> Result<usize> {
    table
        .real_irreps()
        .iter()
        .position(|t| t.character.iter().all(|x| (x - 1.0).abs() < 1e-9))
        .ok_or_else(|| Error::Numerical("the character table has no trivial character".into()))
}

/// Plans [`real_irreps`] from the character table (see the [module documentation](self)):
/// which source each real irreducible is extracted from, the estimated work and memory.
/// [`Error::TooLarge`] when they exceed [`MAX_IRREP_WORK`] or [`MAX_IRREP_MEMORY`].
pub fn plan_irreps(group: &PermutationGroup, table: &CharacterTable) -> Result<IrrepPlan> {
    check_table(group, table)?;
    let plan = plan_with(group, table, false).or_else(|_| plan_with(group, table, true))?;
    let order = table.order as f64;
    if plan.memory > MAX_IRREP_MEMORY {
        return Err(Error::TooLarge {
            what: format!(
                "the real irreducible representations of {}",
                group.name_str()
            ),
            needed: format!(
                "{} for the matrices of all {} elements",
                human_bytes(plan.memory),
                table.order
            ),
            limit: human_bytes(MAX_IRREP_MEMORY),
        });
    }
    if plan.work > MAX_IRREP_WORK {
        let largest = plan
            .steps
            .iter()
            .max_by(|a, b| a.cost.total_cmp(&b.cost))
            .map(|s| s.source_dim)
            .unwrap_or(0);
        return Err(Error::TooLarge {
            what: format!(
                "the real irreducible representations of {} (order {order})",
                group.name_str()
            ),
            needed: format!(
                "{:.1e} floating-point operations (largest product of dimension {largest})",
                plan.work
            ),
            limit: format!("{MAX_IRREP_WORK:.0e}"),
        });
    }
    Ok(plan)
}

fn check_table(group: &PermutationGroup, table: &CharacterTable) -> Result<()> {
    if table.group != group.name_str() {
        return Err(Error::InvalidInput(format!(
            "the character table of {} used with the group {}",
            table.group,
            group.name_str()
        )));
    }
    let order = group.elements()?.len() as u64;
    if order != table.order {
        return Err(Error::InvalidInput(format!(
            "the character table is of a group of order {}, {} has order {order}",
            table.order,
            group.name_str()
        )));
    }
    Ok(())
}

fn plan_with(
    group: &PermutationGroup,
    table: &CharacterTable,
    with_points: bool,
) -> Result<IrrepPlan> {
    let reals = table.real_irreps();
    let count = reals.len();
    let order = table.order as f64;
    let ngens = group.generators().len() as f64;
    let weights = multiplicity_weights(table);
    let dims: Vec<usize> = reals.iter().map(|t| t.dim as usize).collect();
    let trivial = trivial_index(table)?;
    let seeds = seeds_of(group, table, with_points);

    // best[T] = (cost, source, multiplicity, source dimension)
    let mut best: Vec<Option<(f64, IrrepSource, usize, usize)>> = vec![None; count];
    let consider = |best: &mut Vec<Option<(f64, IrrepSource, usize, usize)>>,
                    found: &[bool],
                    multiplicities: &[usize],
                    source: IrrepSource,
                    dim: usize,
                    base: f64| {
        for t in 0..count {
            let m = multiplicities[t];
            if found[t] || m == 0 {
                continue;
            }
            let r = (m * dims[t]) as f64;
            let cost = base
                + 4.0 * (dim as f64).powi(2) * r
                + ngens * (dim as f64).powi(2) * (r + 1.0)
                + extraction_cost(order, r, m, dims[t] as f64);
            if best[t].as_ref().is_none_or(|b| cost < b.0) {
                best[t] = Some((cost, source.clone(), m, dim));
            }
        }
    };
    let mut found = vec![false; count];
    found[trivial] = true;
    let mut generating = vec![false; count];
    for seed in &seeds {
        let multiplicities = multiplicities_of(&weights, &seed.character);
        for (t, &m) in multiplicities.iter().enumerate() {
            generating[t] |= m > 0;
        }
        let n = seed.dim as f64;
        let base = order * if seed.permutation { n } else { n * n };
        consider(
            &mut best,
            &found,
            &multiplicities,
            seed.source.clone(),
            seed.dim,
            base,
        );
    }
    let mut steps = vec![PlanStep {
        target: trivial,
        source: IrrepSource::Trivial,
        multiplicity: 1,
        source_dim: 1,
        cost: order,
    }];
    let all_pairs = table.num_classes() <= ALL_PAIRS_CLASS_LIMIT;
    let mut max_temporary: f64 = 0.0;
    while steps.len() < count {
        let next = (0..count)
            .filter(|&t| !found[t])
            .filter_map(|t| best[t].as_ref().map(|b| (t, b.0)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let Some((t, _)) = next else {
            let missing: Vec<String> = (0..count)
                .filter(|&t| !found[t])
                .map(|t| reals[t].label.clone())
                .collect();
            return Err(Error::Numerical(format!(
                "the tensor-product closure of the seeds of {} does not reach {}",
                group.name_str(),
                missing.join(", ")
            )));
        };
        let (cost, source, multiplicity, source_dim) = best[t].clone().expect("chosen");
        let r = (multiplicity * dims[t]) as f64;
        max_temporary = max_temporary.max(8.0 * ((source_dim as f64).powi(2) + order * r * r));
        steps.push(PlanStep {
            target: t,
            source,
            multiplicity,
            source_dim,
            cost,
        });
        found[t] = true;
        // Products of the new irreducible with those found (or the seed's constituents).
        for f in 0..count {
            if !found[f] || f == trivial || !(all_pairs || generating[f] || f == t) {
                continue;
            }
            let product: Vec<f64> = reals[t]
                .character
                .iter()
                .zip(&reals[f].character)
                .map(|(a, b)| a * b)
                .collect();
            let multiplicities = multiplicities_of(&weights, &product);
            let dim = dims[t] * dims[f];
            let base = order * (dim as f64).powi(2) + 2.0 * (dim as f64).powi(2);
            let (a, b) = (t.min(f), t.max(f));
            consider(
                &mut best,
                &found,
                &multiplicities,
                IrrepSource::Product(a, b),
                dim,
                base,
            );
        }
    }
    let stored: f64 = dims.iter().map(|&d| 8.0 * order * (d * d) as f64).sum();
    let end_work: f64 = reals
        .iter()
        .map(|t| {
            let d = t.dim as f64;
            order * d.powi(3) * (1.0 + t.real_type.endomorphism_dim() as f64)
        })
        .sum();
    Ok(IrrepPlan {
        work: steps.iter().map(|s| s.cost).sum::<f64>() + end_work,
        memory: stored + max_temporary,
        steps,
    })
}

/// The real irreducible representations of `group` as explicit orthogonal matrices, in the
/// order of [`CharacterTable::real_irreps`] (see the [module documentation](self) for the
/// method, the limits and the tolerances).
///
/// Errors: [`Error::InvalidInput`] if `table` is not the table of `group`;
/// [`Error::TooLarge`] before any work if the plan exceeds the limits; [`Error::Numerical`]
/// if an irreducible cannot be split off cleanly or its residuals exceed
/// [`IRREP_TOLERANCE`].
pub fn real_irreps(
    group: &Arc<PermutationGroup>,
    table: &CharacterTable,
) -> Result<Vec<IrrepRepresentation>> {
    real_irreps_seeded(group, table, DEFAULT_IRREP_SEED)
}

/// [`real_irreps`] with the random matrices drawn from `seed` (different seeds give
/// different, equivalent matrices).
pub fn real_irreps_seeded(
    group: &Arc<PermutationGroup>,
    table: &CharacterTable,
    seed: u64,
) -> Result<Vec<IrrepRepresentation>> {
    let plan = plan_irreps(group, table)?;
    let tree = CayleyTree::new(group)?;
    let reals = table.real_irreps();
    let class_map = group.class_map()?;
    let generators = group.generators();
    let order = tree.order;
    let with_points = plan
        .steps
        .iter()
        .any(|s| s.source == IrrepSource::Permutation);
    let seeds = seeds_of(group, table, with_points);

    // Generators and all-element stacks, filled in plan order.
    let mut found: Vec<Option<Matrices>> = vec![None; reals.len()];
    for step in &plan.steps {
        let t = step.target;
        let d = reals[t].dim as usize;
        let mut rng =
            StdRng::seed_from_u64(seed ^ (t as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        // Coefficients of the isotypic projector, per element.
        let class_coefficients = projector_coefficients(table, &reals[t].constituents);
        let coefficients: Vec<f64> = class_map
            .iter()
            .map(|&k| class_coefficients[k as usize])
            .collect();
        let r = step.multiplicity * d;
        let w_generators: Vec<DMatrix<f64>> = match &step.source {
            IrrepSource::Trivial => vec![DMatrix::identity(1, 1); generators.len()],
            IrrepSource::Defining | IrrepSource::Permutation => {
                let seed_rep = seeds
                    .iter()
                    .find(|s| s.source == step.source)
                    .expect("the plan's seeds");
                let matrix = |g: &Permutation| -> DMatrix<f64> {
                    if step.source == IrrepSource::Defining && !seed_rep.permutation {
                        group.defining_matrix(g)
                    } else {
                        permutation_matrix(&g.images()).expect("a permutation")
                    }
                };
                let p = seed_projector(group, seed_rep, &coefficients)?;
                let (basis, residual) = projector_range(&p, r, &mut rng)?;
                check_projector(residual, &reals[t].label)?;
                generators
                    .iter()
                    .map(|s| basis.transpose() * matrix(s) * &basis)
                    .collect()
            }
            IrrepSource::Product(a, b) => {
                let (ga, sa) = found[*a].as_ref().expect("planned earlier");
                let (gb, sb) = found[*b].as_ref().expect("planned earlier");
                let p = product_projector(sa, sb, &coefficients, order);
                let (basis, residual) = projector_range(&p, r, &mut rng)?;
                check_projector(residual, &reals[t].label)?;
                ga.iter()
                    .zip(gb)
                    .map(|(x, y)| Ok(basis.transpose() * kron(x, y)? * &basis))
                    .collect::<Result<_>>()?
            }
        };
        let irrep_generators = if step.multiplicity == 1 {
            w_generators
        } else {
            let w_stack = tree.stack(&w_generators, r);
            let copy = single_copy(&w_stack, r, d, order, &mut rng, &reals[t].label)?;
            w_generators
                .iter()
                .map(|m| copy.transpose() * m * &copy)
                .collect()
        };
        let stack = tree.stack(&irrep_generators, d);
        found[t] = Some((irrep_generators, stack));
    }

    let found: Vec<Matrices> = found
        .into_iter()
        .map(|f| f.expect("every irreducible is planned"))
        .collect();
    let sources: Vec<IrrepSource> = {
        let mut s = vec![IrrepSource::Trivial; reals.len()];
        for step in &plan.steps {
            s[step.target] = step.source.clone();
        }
        s
    };
    let elements = group.elements()?;
    found
        .into_par_iter()
        .zip(reals.into_par_iter())
        .zip(sources.into_par_iter())
        .enumerate()
        .map(|(index, (((gens, stack), real), source))| {
            let mut rng = StdRng::seed_from_u64(seed.wrapping_add(0x51ed_0000 + index as u64));
            finish_irrep(
                group, table, elements, index, real, source, gens, stack, &mut rng,
            )
        })
        .collect()
}

/// `c(k) = Σ_i χ_i(1) conj χ_i(g_k) / |G|` over the complex constituents (real).
pub(crate) fn projector_coefficients(table: &CharacterTable, constituents: &[usize]) -> Vec<f64> {
    (0..table.num_classes())
        .map(|k| {
            constituents
                .iter()
                .map(|&i| table.irreps[i].dim as f64 * table.values[i][k].conj().re)
                .sum::<f64>()
                / table.order as f64
        })
        .collect()
}

fn check_projector(residual: f64, label: &str) -> Result<()> {
    if residual > 1e-8 {
        return Err(Error::Numerical(format!(
            "the isotypic projector of {label} is not a projector of the expected rank (residual {residual:.2e})"
        )));
    }
    Ok(())
}

/// `Σ_g c(g) ρ(g)` for a seed (sparse for permutation matrices).
fn seed_projector(
    group: &PermutationGroup,
    seed: &Seed,
    coefficients: &[f64],
) -> Result<DMatrix<f64>> {
    let elements = group.elements()?;
    let n = seed.dim;
    let zero = || DMatrix::<f64>::zeros(n, n);
    let dense = seed.source == IrrepSource::Defining && !seed.permutation;
    Ok(elements
        .par_iter()
        .zip(coefficients.par_iter())
        .fold(zero, |mut acc, (g, &c)| {
            if c != 0.0 {
                if dense {
                    acc += group.defining_matrix(g) * c;
                } else {
                    for i in 0..n {
                        acc[(g.apply(i), i)] += c;
                    }
                }
            }
            acc
        })
        .reduce(zero, |a, b| a + b))
}

/// `Σ_g c(g) A_g ⊗ B_g` from the stacks of `A` and `B`: the matrix product
/// `Σ_g c(g) vec(A_g) vec(B_g)ᵀ` (a `d_a² × d_b²` matrix), rearranged.
fn product_projector(
    stack_a: &DMatrix<f64>,
    stack_b: &DMatrix<f64>,
    coefficients: &[f64],
    order: usize,
) -> DMatrix<f64> {
    let da = stack_a.nrows();
    let db = stack_b.nrows();
    // The column-major stack [A_0 | A_1 | …] is the matrix [vec A_0, vec A_1, …].
    let vec_a = nalgebra::DMatrixView::from_slice(stack_a.as_slice(), da * da, order);
    let mut scaled_b = DMatrix::<f64>::zeros(order, db * db);
    let vec_b = nalgebra::DMatrixView::from_slice(stack_b.as_slice(), db * db, order);
    for g in 0..order {
        let c = coefficients[g];
        if c != 0.0 {
            for (j, x) in vec_b.column(g).iter().enumerate() {
                scaled_b[(g, j)] = c * x;
            }
        }
    }
    let z = vec_a * scaled_b;
    // z[(i1 + j1 da), (i2 + j2 db)] = Σ c A[i1,j1] B[i2,j2] = P[(i1 db + i2), (j1 db + j2)].
    let d = da * db;
    let mut p = DMatrix::<f64>::zeros(d, d);
    for j1 in 0..da {
        for j2 in 0..db {
            let col = j1 * db + j2;
            for i1 in 0..da {
                for i2 in 0..db {
                    p[(i1 * db + i2, col)] = z[(i1 + j1 * da, i2 + j2 * db)];
                }
            }
        }
    }
    (&p + p.transpose()) * 0.5
}

/// An orthonormal basis (`r × d`) of one copy of the irreducible in the isotypic
/// representation `W ≅ T^m` given by its stack (see the module documentation).
pub(crate) fn single_copy(
    w_stack: &DMatrix<f64>,
    r: usize,
    d: usize,
    order: usize,
    rng: &mut StdRng,
    label: &str,
) -> Result<DMatrix<f64>> {
    if r == d {
        return Ok(DMatrix::identity(r, r));
    }
    for _ in 0..SPLIT_TRIES {
        let s = gaussian(r, r, rng);
        let s = &s + s.transpose();
        let a = twisted_sum(w_stack, &s, w_stack) / order as f64;
        let a = (&a + a.transpose()) * 0.5;
        let eigen = a.symmetric_eigen();
        let mut idx: Vec<usize> = (0..r).collect();
        idx.sort_by(|&x, &y| eigen.eigenvalues[y].total_cmp(&eigen.eigenvalues[x]));
        let values: Vec<f64> = idx.iter().map(|&i| eigen.eigenvalues[i]).collect();
        let spread = values[0] - values[r - 1];
        if spread <= 1e-12 * values[0].abs().max(1.0) {
            continue;
        }
        let cluster = values[0] - values[d - 1];
        let gap = values[d - 1] - values[d];
        if cluster <= 1e-7 * spread && gap >= 1e-3 * spread {
            let columns: Vec<_> = idx[..d]
                .iter()
                .map(|&i| eigen.eigenvectors.column(i).into_owned())
                .collect();
            return Ok(DMatrix::from_columns(&columns));
        }
    }
    Err(Error::Numerical(format!(
        "could not split one copy of {label} off its isotypic component ({} copies) in {SPLIT_TRIES} tries",
        r / d
    )))
}

/// Residuals, commutant basis and complex basis of one irreducible.
#[allow(clippy::too_many_arguments)]
fn finish_irrep(
    group: &Arc<PermutationGroup>,
    table: &CharacterTable,
    elements: &[Permutation],
    index: usize,
    real: crate::character::RealIrrep,
    source: IrrepSource,
    generators: Vec<DMatrix<f64>>,
    stack: DMatrix<f64>,
    rng: &mut StdRng,
) -> Result<IrrepRepresentation> {
    let d = real.dim as usize;
    let order = elements.len();
    let block = |i: usize| stack.columns(i * d, d);
    let group_generators = group.generators();

    // Homomorphism residual on elements × generators.
    let sample: Vec<usize> = if order <= 256 {
        (0..order).collect()
    } else {
        (0..64).map(|_| rng.random_range(0..order)).collect()
    };
    let identity = DMatrix::<f64>::identity(d, d);
    let mut homomorphism = (block(0) - &identity).norm();
    for &i in &sample {
        for (s, m) in group_generators.iter().zip(&generators) {
            let j = group
                .index_of(&elements[i].compose(s))?
                .ok_or_else(|| Error::Numerical("a product left the group".into()))?;
            homomorphism = homomorphism.max((block(i) * m - block(j)).norm());
        }
    }
    let orthogonality = generators
        .iter()
        .map(orthogonality_defect)
        .fold(0.0, f64::max);
    let mut character = 0.0f64;
    for (c, expected) in table.classes.iter().zip(&real.character) {
        let i = group
            .index_of(&c.representative)?
            .ok_or_else(|| Error::Numerical("a class representative left the group".into()))?;
        character = character.max((block(i).trace() - expected).abs());
    }

    // Commutant basis.
    let mut endomorphisms = vec![identity.clone()];
    let antisymmetric_average = |rng: &mut StdRng| -> DMatrix<f64> {
        let m = gaussian(d, d, rng);
        let e = twisted_sum(&stack, &m, &stack) / order as f64;
        (&e - e.transpose()) * 0.5
    };
    let normalise = |a: DMatrix<f64>| -> Result<DMatrix<f64>> {
        let scale = (a.norm_squared() / d as f64).sqrt();
        if scale < 1e-8 {
            return Err(Error::Numerical(format!(
                "the commutant of {} has no complex structure although its type is {}",
                real.label,
                real.real_type.symbol()
            )));
        }
        Ok(a / scale)
    };
    match real.real_type {
        RealType::Real => {}
        RealType::Complex => endomorphisms.push(normalise(antisymmetric_average(rng))?),
        RealType::Quaternionic => {
            let j = normalise(antisymmetric_average(rng))?;
            let a = antisymmetric_average(rng);
            let projection = (j.transpose() * &a).trace() / d as f64;
            let k = normalise(a - &j * projection)?;
            let jk = &j * &k;
            endomorphisms.extend([j, k, jk]);
        }
    }

    // Complex basis: the i-eigenspace of J, carrying the first constituent.
    let complex_basis = match real.real_type {
        RealType::Real => complexify(&identity),
        _ => {
            let mut u = i_eigenspace(&endomorphisms[1], rng)?;
            if real.real_type == RealType::Complex {
                let row = &table.values[real.constituents[0]];
                let mut plain = 0.0f64;
                let mut conjugate = 0.0f64;
                for (c, value) in table.classes.iter().zip(row) {
                    let i = group.index_of(&c.representative)?.expect("checked above");
                    let trace = (u.adjoint() * complexify(&block(i).into_owned()) * &u).trace();
                    plain = plain.max((trace - value).norm());
                    conjugate = conjugate.max((trace - value.conj()).norm());
                }
                if conjugate < plain {
                    endomorphisms[1] = -&endomorphisms[1];
                    u = u.map(|z| z.conj());
                }
            }
            u
        }
    };

    let mut endomorphism: f64 = 0.0;
    for e in &endomorphisms[1..] {
        endomorphism = endomorphism
            .max((e * e + &identity).norm())
            .max(orthogonality_defect(e));
        for m in &generators {
            endomorphism = endomorphism.max((e * m - m * e).norm());
        }
    }
    if endomorphisms.len() == 4 {
        let (j, k) = (&endomorphisms[1], &endomorphisms[2]);
        endomorphism = endomorphism.max((j * k + k * j).norm());
    }

    let data = IrrepData {
        group: group.clone(),
        index,
        label: real.label.clone(),
        real_type: real.real_type,
        constituents: real.constituents.clone(),
        character: real.character.clone(),
        dim: d,
        source,
        generators,
        stack,
        endomorphisms,
        complex_basis,
        homomorphism_residual: homomorphism,
        orthogonality_residual: orthogonality,
        character_residual: character,
        endomorphism_residual: endomorphism,
    };
    let irrep = IrrepRepresentation {
        inner: Arc::new(data),
    };
    let worst = irrep.max_residual();
    if worst.is_nan() || worst > IRREP_TOLERANCE {
        return Err(Error::Numerical(format!(
            "the real irreducible {} of {} has residual {worst:.2e} (tolerance {IRREP_TOLERANCE:.0e})",
            real.label,
            group.name_str()
        )));
    }
    Ok(irrep)
}

/// An orthonormal basis of the `i`-eigenspace of a real `J` with `J² = −I`, `Jᵀ = −J`:
/// the range of the projector `(I − iJ)/2`.
fn i_eigenspace(j: &DMatrix<f64>, rng: &mut StdRng) -> Result<DMatrix<Complex64>> {
    let d = j.nrows();
    let p = (DMatrix::<Complex64>::identity(d, d) - complexify(j) * Complex64::i())
        * Complex64::new(0.5, 0.0);
    let first = orthonormal_columns_complex(&p * complex_gaussian(d, d / 2, rng))?;
    orthonormal_columns_complex(&p * first)
}
