//! Character theory of finite groups: character tables by Burnside–Dixon–Schneider, made
//! exact; Frobenius–Schur indicators and the real irreducibles; multiplicities.
//!
//! # The character table
//!
//! [`character_table`] computes, for any [`PermutationGroup`] (every finite group of the
//! library), a [`CharacterTable`]: the conjugacy classes in the group's own order (the
//! columns; class sizes `h_k`, element orders, representatives), the power maps, and one row
//! per irreducible complex character `χ_i`, with
//!
//! * `values[i][k] = χ_i(g_k)` as `Complex64`, accurate to ~1e-15, and
//! * `exact[i][k]`, a [`Cyclotomic`]: the multiset of eigenvalues of `ρ_i(g_k)` as
//!   multiplicities `m_a` of `ζ_o^a` (`o` the element order). It prints in GAP's notation:
//!   integers as integers, other values as integer combinations of `E(d) = exp(2πi/d)` in the
//!   Zumbroich basis of their smallest cyclotomic field, e.g. `-E(5)^2-E(5)^3` for the golden
//!   ratio `(1+√5)/2` (see [`cyclotomic`]).
//!
//! ```
//! use equivariant::character::character_table;
//! use equivariant::group::PermutationGroup;
//!
//! let s4 = PermutationGroup::symmetric(4)?;
//! let table = character_table(&s4)?;
//! assert_eq!(table.dims(), vec![1, 1, 2, 3, 3]);
//! assert_eq!(table.irreps[0].label, "[4]"); // the trivial character; S_n rows carry partitions
//! assert!(table.max_orthogonality_residual < 1e-12);
//!
//! // Multiplicities of a class function, e.g. the permutation character on 4 points.
//! let fixed_points: Vec<_> = table.classes.iter()
//!     .map(|c| num_complex::Complex64::new(c.representative.fixed_points() as f64, 0.0))
//!     .collect();
//! let m = table.multiplicities(&fixed_points)?;
//! assert_eq!(m.describe_complex(&table), "[4] + [3,1]");
//! # Ok::<(), equivariant::Error>(())
//! ```
//!
//! # The algorithm
//!
//! 1. **Class-multiplication coefficients** `a_{jkl} = #{x ∈ C_j : x⁻¹ z_l ∈ C_k}` (`z_l` the
//!    representative of class `l`), so that the class sums multiply as
//!    `K_j K_k = Σ_l a_{jkl} K_l`: one pass over the group per class, `|G|·r` table look-ups
//!    in all, in parallel ([`dixon`]).
//! 2. **Simultaneous eigenvectors.** The central characters `ω_χ(K_j) = h_j χ(g_j)/χ(1)`
//!    satisfy `A_j w = ω_χ(K_j) w` for `(A_j)_{kl} = a_{jkl}`, `w_k = ω_χ(K_k)`. After the
//!    similarity `D = diag(h_k^{-1/2})` the `B_j = D A_j D⁻¹` are commuting normal matrices, and
//!    the Hermitian `H = Σ_j (α_j B_j + ᾱ_j B_jᵀ)/h_j` (random complex `α_j`, deterministic seed)
//!    has the eigenvalue `2 Re Σ_j α_j χ(g_j)/χ(1)` on the eigenvector of `χ`. Eigenvalues
//!    closer than `10⁻⁶·2Σ|α_j|` form clusters, which are split by fresh random combinations
//!    restricted to the cluster's eigenspace until every eigenspace is a line (at most 24
//!    combinations, else [`Error::Numerical`]).
//! 3. **Characters from eigenvectors.** `w = D⁻¹u` scaled to `w_1 = 1`,
//!    `χ(1)² = |G| / Σ_k |w_k|²/h_k` (rounded to an integer), `χ(g_k) = χ(1) w_k / h_k`.
//! 4. **Exact values.** For `g` of order `o`, `m_a = (1/o) Σ_t χ(g^t) ζ_o^{−at}` is the
//!    multiplicity of the eigenvalue `ζ_o^a` of `ρ(g)`, a non-negative integer; the classes of
//!    the powers `g^t` come from the power maps. The `m_a` are rounded (the largest rounding
//!    distance is reported as [`CharacterTable::max_rounding_error`]; above `10⁻³` the
//!    computation fails) and `χ(g) = Σ_a m_a ζ_o^a` is recomputed from them. Both orthogonality
//!    relations are then checked on the exact values
//!    ([`CharacterTable::max_orthogonality_residual`]; above `10⁻⁸` it fails).
//! 5. **Labels.** Rows are sorted by degree, then by their values read along the classes in
//!    class order, larger real part first, then larger imaginary part (values closer than
//!    `10⁻⁹` count as equal); so `X.1` is the trivial character, and of a complex-conjugate
//!    pair the member with positive imaginary part at the first non-real class comes first.
//!    They are labelled `X.1 … X.r` in that order (`gap_label`). For `S_n` (the named family)
//!    the label is the partition `λ` of the Specht module `S^λ`, identified by Young's rule
//!    ([`young`]); `X.k` stays available as `gap_label`.
//! 6. **Indicators and real irreducibles.** `ν(χ) = (1/|G|) Σ_k h_k χ(g_k²)` by the 2-power map;
//!    see [`CharacterTable::real_irreps`] and [`RealType`].
//!
//! Limits, checked before the class coefficients are computed: `|G| ≤` [`MAX_ORDER`] (the
//! group is enumerated), `r ≤` [`MAX_CLASSES`] (dense `r × r` complex matrices and their
//! eigen-decomposition), `|G|·r ≤` [`MAX_CLASS_WORK`]; and before the exact stage, its work
//! (see [`MAX_EXACT_WORK`]). Anything larger is refused with [`Error::TooLarge`]. Measured on
//! two cores, with the group built from its generators each time: `S_8` 23 ms, `C2xS7` 7 ms,
//! `SL(2,11)` 2.3 ms, `S_9` (order 362,880) 0.7 s, `A5xA5xA5` (order 216,000, 125 classes)
//! 1.2 s, `S5xS5xC4` (196 classes) 0.24 s; `C_1000` (1000 classes, the limit) about 5 s, most of
//! it the `1000 × 1000` Hermitian eigen-decomposition.
//!
//! The numerical stage is tested to give the same exact table whatever the seed, and with a
//! cluster tolerance so large that nearly every eigenspace must be split (the unit test
//! `splitting_clusters_gives_the_same_table`).
//!
//! Reference: J. D. Dixon, *High speed computation of group characters*, Numer. Math. 10
//! (1967); G. J. A. Schneider, *Dixon's character table algorithm revisited*, J. Symb. Comp. 9
//! (1990); Isaacs, *Character Theory of Finite Groups*, ch. 2–4.

pub mod cyclotomic;
pub mod dixon;
pub mod table;
pub mod young;

pub use cyclotomic::Cyclotomic;
pub use table::{
    CharacterTable, ClassInfo, IrrepInfo, Multiplicities, RealIrrep, RealType, multiplicities,
};

use crate::group::{Family, FiniteGroup, Group, PermutationGroup};
use crate::rep::Representation;
use crate::{Error, Result};
use num_complex::Complex64;
use num_traits::ToPrimitive;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Largest group order accepted: the library's element cap (the group is enumerated).
pub const MAX_ORDER: u64 = crate::group::DEFAULT_ELEMENT_CAP as u64;
/// Largest number of conjugacy classes accepted (dense `r × r` complex matrices, 16 MB each
/// at the limit, and their eigen-decomposition, `O(r³)`).
pub const MAX_CLASSES: usize = 1000;
/// Largest `|G|·r`, the number of look-ups of one pass over the class coefficients.
pub const MAX_CLASS_WORK: u64 = 4_000_000_000;
/// Largest work of the exact stage: `Σ_k o_k (o_k + c_k n)` complex operations, `o_k` the element
/// orders, `c_k` the number of classes among the powers of `g_k` and `n` the number of
/// characters of degree above 1 (degree-1 values are roots of unity, read off directly).
pub const MAX_EXACT_WORK: f64 = 2e10;

/// Tolerance on the rounding of degrees and eigenvalue multiplicities.
pub const ROUNDING_TOLERANCE: f64 = 1e-3;
/// Largest orthogonality residual of an accepted table.
pub const RESIDUAL_TOLERANCE: f64 = 1e-8;
/// Default seed of the random combinations.
pub const DEFAULT_SEED: u64 = 0x5eed_c4a7;

/// The character table of `group` (see the module documentation).
pub fn character_table(group: &PermutationGroup) -> Result<CharacterTable> {
    character_table_seeded(group, DEFAULT_SEED)
}

/// [`character_table`] with the random combinations drawn from `seed` (the result does not
/// depend on it; tests use it to check that).
pub fn character_table_seeded(group: &PermutationGroup, seed: u64) -> Result<CharacterTable> {
    table_with(group, seed, dixon::CLUSTER_TOLERANCE)
}

fn table_with(
    group: &PermutationGroup,
    seed: u64,
    cluster_tolerance: f64,
) -> Result<CharacterTable> {
    let order = check_size(group)?;
    let classes = group.conjugacy_classes()?;
    let r = classes.len();
    let class_infos: Vec<ClassInfo> = classes
        .iter()
        .map(|c| {
            Ok(ClassInfo {
                size: c.size.to_u64().ok_or_else(|| {
                    Error::InvalidInput(format!("a class of {} is too large", group.name()))
                })?,
                element_order: c.element_order,
                representative: c.representative.clone(),
                cycle_type: c.cycle_type.clone(),
            })
        })
        .collect::<Result<_>>()?;
    if class_infos[0].size != 1 || class_infos[0].element_order != 1 {
        return Err(Error::Numerical(format!(
            "the first class of {} is not the identity",
            group.name()
        )));
    }
    let class_of = group.class_map()?;
    let representatives: Vec<usize> = class_infos
        .iter()
        .map(|c| {
            group.index_of(&c.representative)?.ok_or_else(|| {
                Error::Numerical(format!("a class representative is not in {}", group.name()))
            })
        })
        .collect::<Result<_>>()?;
    // Classes of all powers g_k^t, t = 0 … o_k − 1.
    let powers: Vec<Vec<usize>> = class_infos
        .par_iter()
        .map(|c| {
            let g = &c.representative;
            let mut p = group.identity();
            let mut out = Vec::with_capacity(c.element_order as usize);
            for _ in 0..c.element_order {
                let index = group.index_of(&p)?.ok_or_else(|| {
                    Error::Numerical("a power of a class representative left the group".into())
                })?;
                out.push(class_of[index] as usize);
                p = p.compose(g);
            }
            if p != group.identity() {
                return Err(Error::Numerical(
                    "a class representative has the wrong order".into(),
                ));
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    let inverse_classes: Vec<usize> = powers.iter().map(|p| p[p.len() - 1]).collect();
    let sizes: Vec<f64> = class_infos.iter().map(|c| c.size as f64).collect();
    let structure = dixon::Classes {
        class_of,
        representatives,
        sizes: sizes.clone(),
        inverse: inverse_classes.clone(),
    };
    let approximate =
        dixon::approximate_characters(group, &structure, order as f64, seed, cluster_tolerance)?;

    // Exact stage.
    let big = approximate.iter().filter(|c| c.degree > 1).count() as f64;
    let distinct_powers: Vec<Vec<usize>> = powers
        .iter()
        .map(|p| {
            let mut d = p.clone();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    let exact_work: f64 = powers
        .iter()
        .zip(&distinct_powers)
        .map(|(p, d)| {
            let o = p.len() as f64;
            if big > 0.0 {
                o * (o + d.len() as f64 * big)
            } else {
                o
            }
        })
        .sum();
    if exact_work > MAX_EXACT_WORK {
        return Err(Error::TooLarge {
            what: format!("the exact character values of {}", group.name()),
            needed: format!("{exact_work:.2e} complex operations"),
            limit: format!("{MAX_EXACT_WORK:.0e}"),
        });
    }
    let (exact, rounding) = exact_values(&approximate, &powers, &distinct_powers)?;
    let max_rounding_error = approximate
        .iter()
        .map(|c| c.degree_error)
        .fold(rounding, f64::max);
    let values: Vec<Vec<Complex64>> = exact
        .iter()
        .map(|row| row.iter().map(Cyclotomic::to_complex).collect())
        .collect();

    // Order the rows: by degree, then by values along the classes (descending Re, then Im).
    let mut rows: Vec<usize> = (0..r).collect();
    rows.sort_by(|&a, &b| compare_rows(&values[a], &values[b]));
    let values: Vec<Vec<Complex64>> = rows.iter().map(|&i| values[i].clone()).collect();
    let exact: Vec<Vec<Cyclotomic>> = rows.iter().map(|&i| exact[i].clone()).collect();

    let mut power_maps = BTreeMap::new();
    for (p, _) in cyclotomic::factorize(order) {
        power_maps.insert(
            p,
            powers
                .iter()
                .map(|pw| pw[(p % pw.len() as u64) as usize])
                .collect::<Vec<usize>>(),
        );
    }
    let squares: Vec<usize> = powers.iter().map(|pw| pw[2 % pw.len()]).collect();

    let mut irreps = Vec::with_capacity(r);
    for (i, row) in values.iter().enumerate() {
        let nu: Complex64 = squares
            .iter()
            .zip(&sizes)
            .map(|(&k2, h)| row[k2] * *h)
            .sum::<Complex64>()
            / order as f64;
        let indicator = nu.re.round();
        let real_type = RealType::from_indicator(indicator as i32)
            .filter(|_| (nu - Complex64::new(indicator, 0.0)).norm() < 1e-6)
            .ok_or_else(|| {
                Error::Numerical(format!(
                    "Frobenius–Schur indicator of X.{} is {nu}, not −1, 0 or 1",
                    i + 1
                ))
            })?;
        let conjugate = (0..r)
            .find(|&j| {
                values[j]
                    .iter()
                    .zip(row)
                    .all(|(a, b)| (a - b.conj()).norm() < 1e-9)
            })
            .ok_or_else(|| {
                Error::Numerical(format!("the conjugate of X.{} is not in the table", i + 1))
            })?;
        if (conjugate == i) != (real_type != RealType::Complex) {
            return Err(Error::Numerical(format!(
                "X.{} has indicator {indicator} but is {}real-valued",
                i + 1,
                if conjugate == i { "" } else { "not " }
            )));
        }
        irreps.push(IrrepInfo {
            label: format!("X.{}", i + 1),
            gap_label: format!("X.{}", i + 1),
            partition: None,
            dim: exact[i][0].count(),
            indicator: indicator as i32,
            real_type,
            conjugate,
        });
    }

    let mut table = CharacterTable {
        group: group.name(),
        order,
        classes: class_infos,
        power_maps,
        inverse_classes,
        irreps,
        values,
        exact,
        max_orthogonality_residual: 0.0,
        max_rounding_error,
    };
    let (rows_residual, columns_residual) = table.orthogonality_residuals();
    table.max_orthogonality_residual = rows_residual.max(columns_residual);
    if table.max_orthogonality_residual > RESIDUAL_TOLERANCE {
        return Err(Error::Numerical(format!(
            "the character table of {} fails orthogonality by {:.2e}",
            group.name(),
            table.max_orthogonality_residual
        )));
    }
    match group.family() {
        Family::Symmetric(n) => label_partitions(&mut table, *n)?,
        Family::Product(factors) => label_products(&mut table, factors)?,
        _ => {}
    }
    Ok(table)
}

/// Labels the rows of a direct product's table `(a,b,…)` by the factors' labels (DESIGN): the
/// irreducibles of `G × H` are the products `χ_a × χ_b` (Serre §3.2, Thm. 10), and the
/// product's classes are the tuples of the factors' classes, the last factor varying fastest.
fn label_products(table: &mut CharacterTable, factors: &[Arc<PermutationGroup>]) -> Result<()> {
    let tables = factors
        .iter()
        .map(|f| character_table(f))
        .collect::<Result<Vec<_>>>()?;
    let class_counts: Vec<usize> = tables.iter().map(|t| t.num_classes()).collect();
    let row_counts = class_counts.clone(); // r_j irreducibles = r_j classes per factor
    let r = table.num_classes();
    // Decompose a product index into its components (last factor fastest).
    let components = |mut index: usize, counts: &[usize]| -> Vec<usize> {
        let mut parts = vec![0; counts.len()];
        for (j, &c) in counts.iter().enumerate().rev() {
            parts[j] = index % c;
            index /= c;
        }
        parts
    };
    let class_parts: Vec<Vec<usize>> = (0..r).map(|k| components(k, &class_counts)).collect();
    let mut labels = Vec::with_capacity(r);
    for row in &table.values {
        let mut best: Option<(f64, Vec<usize>)> = None;
        for t in 0..r {
            let rows = components(t, &row_counts);
            let distance = class_parts
                .iter()
                .zip(row)
                .map(|(parts, value)| {
                    let product: Complex64 = parts
                        .iter()
                        .zip(&rows)
                        .zip(&tables)
                        .map(|((&k, &a), factor)| factor.values[a][k])
                        .product();
                    (product - value).norm()
                })
                .fold(0.0, f64::max);
            if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((distance, rows));
            }
        }
        match best {
            Some((distance, rows)) if distance < 1e-6 => {
                let parts: Vec<&str> = rows
                    .iter()
                    .zip(&tables)
                    .map(|(&a, t)| t.irreps[a].label.as_str())
                    .collect();
                labels.push(format!("({})", parts.join(",")));
            }
            _ => {
                return Err(Error::Numerical(
                    "a character of the product is not a product of the factors' characters".into(),
                ));
            }
        }
    }
    for (irrep, label) in table.irreps.iter_mut().zip(labels) {
        irrep.label = label;
    }
    Ok(())
}

/// Refuses groups beyond the limits, returning `|G|`.
fn check_size(group: &PermutationGroup) -> Result<u64> {
    let order_big = group.order()?;
    let order = order_big
        .to_u64()
        .filter(|&o| o <= MAX_ORDER)
        .ok_or_else(|| Error::TooLarge {
            what: format!("the character table of {}", group.name()),
            needed: format!("a group of order {order_big} listed element by element"),
            limit: format!("order {MAX_ORDER}"),
        })?;
    let r = group.conjugacy_classes()?.len();
    if r > MAX_CLASSES {
        return Err(Error::TooLarge {
            what: format!("the character table of {}", group.name()),
            needed: format!(
                "{r} classes ({r}×{r} complex class matrices, {:.0} MB each)",
                (r * r * 16) as f64 / 1e6
            ),
            limit: format!("{MAX_CLASSES} classes"),
        });
    }
    let work = order.saturating_mul(r as u64);
    if work > MAX_CLASS_WORK {
        return Err(Error::TooLarge {
            what: format!("the class coefficients of {}", group.name()),
            needed: format!("|G|·r = {order}·{r} = {work} look-ups"),
            limit: format!("{MAX_CLASS_WORK}"),
        });
    }
    Ok(order)
}

/// Orders rows by degree, then by values along the classes: larger real part first, then
/// larger imaginary part, values within `10⁻⁹` counting as equal.
fn compare_rows(a: &[Complex64], b: &[Complex64]) -> Ordering {
    const EPS: f64 = 1e-9;
    let by_degree = a[0].re.round().total_cmp(&b[0].re.round());
    if by_degree != Ordering::Equal {
        return by_degree;
    }
    for (x, y) in a.iter().zip(b) {
        if (x.re - y.re).abs() > EPS {
            return y.re.total_cmp(&x.re);
        }
        if (x.im - y.im).abs() > EPS {
            return y.im.total_cmp(&x.im);
        }
    }
    Ordering::Equal
}

/// Rounds the eigenvalue multiplicities `m_a = (1/o) Σ_t χ(g^t) ζ_o^{−at}` of every row and
/// class; returns the exact values and the largest rounding distance.
fn exact_values(
    approximate: &[dixon::ApproximateCharacter],
    powers: &[Vec<usize>],
    distinct_powers: &[Vec<usize>],
) -> Result<(Vec<Vec<Cyclotomic>>, f64)> {
    let r = powers.len();
    // Column-major work: for each class k, the matrix S[a][c] = Σ_{t: g^t ∈ class c} ζ^{−at}.
    let columns: Vec<Vec<(Cyclotomic, f64)>> = (0..r)
        .into_par_iter()
        .map(|k| {
            let o = powers[k].len();
            let distinct = &distinct_powers[k];
            let needs_fourier = approximate.iter().any(|c| c.degree > 1);
            let s: Vec<Vec<Complex64>> = if needs_fourier {
                let roots: Vec<Complex64> = (0..o)
                    .map(|a| cyclotomic::root_of_unity(a as u64, o as u64).conj())
                    .collect();
                let slots: Vec<usize> = powers[k]
                    .iter()
                    .map(|c| distinct.binary_search(c).unwrap_or(0))
                    .collect();
                (0..o)
                    .map(|a| {
                        let mut row = vec![Complex64::new(0.0, 0.0); distinct.len()];
                        for (t, &slot) in slots.iter().enumerate() {
                            row[slot] += roots[(a * t) % o];
                        }
                        row
                    })
                    .collect()
            } else {
                Vec::new()
            };
            approximate
                .iter()
                .map(|chi| exact_value(chi, k, o, distinct, &s))
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<_>>()?;
    let mut max_error: f64 = 0.0;
    let exact = (0..approximate.len())
        .map(|i| {
            (0..r)
                .map(|k| {
                    let (value, error) = &columns[k][i];
                    max_error = max_error.max(*error);
                    value.clone()
                })
                .collect()
        })
        .collect();
    Ok((exact, max_error))
}

fn exact_value(
    chi: &dixon::ApproximateCharacter,
    k: usize,
    o: usize,
    distinct: &[usize],
    s: &[Vec<Complex64>],
) -> Result<(Cyclotomic, f64)> {
    let value = chi.values[k];
    if chi.degree == 1 {
        // A linear character takes root-of-unity values: read off the angle.
        let turns = value.arg() / (2.0 * std::f64::consts::PI) * o as f64;
        let a = (turns.round() as i64).rem_euclid(o as i64) as u64;
        let error = (value - cyclotomic::root_of_unity(a, o as u64)).norm();
        if error > ROUNDING_TOLERANCE {
            return Err(Error::Numerical(format!(
                "a linear character takes the value {value}, not an {o}-th root of unity"
            )));
        }
        return Ok((Cyclotomic::root(o as u64, a, 1), error));
    }
    let mut m = vec![0u64; o];
    let samples: Vec<Complex64> = distinct.iter().map(|&c| chi.values[c]).collect();
    let mut error: f64 = 0.0;
    for (a, row) in s.iter().enumerate() {
        let ma: Complex64 = row
            .iter()
            .zip(&samples)
            .map(|(x, y)| x * y)
            .sum::<Complex64>()
            / o as f64;
        let rounded = ma.re.round();
        let distance = (ma - Complex64::new(rounded, 0.0)).norm();
        if distance > ROUNDING_TOLERANCE || rounded < 0.0 {
            return Err(Error::Numerical(format!(
                "an eigenvalue multiplicity came out as {ma}, not a non-negative integer"
            )));
        }
        error = error.max(distance);
        m[a] = rounded as u64;
    }
    if m.iter().sum::<u64>() != chi.degree {
        return Err(Error::Numerical(format!(
            "eigenvalue multiplicities sum to {}, not the degree {}",
            m.iter().sum::<u64>(),
            chi.degree
        )));
    }
    Ok((Cyclotomic::from_multiplicities(m), error))
}

/// Labels the rows of a table of `S_n` by partitions (Young's rule).
fn label_partitions(table: &mut CharacterTable, n: usize) -> Result<()> {
    let cycle_types: Vec<Vec<usize>> = table
        .classes
        .iter()
        .map(|c| c.cycle_type.clone())
        .collect::<Option<_>>()
        .ok_or_else(|| Error::Numerical("a class of S_n without a cycle type".into()))?;
    let partitions = young::partition_labels(n, &cycle_types, table.num_classes(), |psi, i| {
        let psi: Vec<Complex64> = psi.iter().map(|&x| Complex64::new(x, 0.0)).collect();
        table.inner_product(&psi, &table.values[i]).re
    })?;
    for (irrep, lambda) in table.irreps.iter_mut().zip(partitions) {
        irrep.label = young::partition_label(&lambda);
        irrep.partition = Some(lambda);
    }
    Ok(())
}

/// The character of a representation on the classes of `table` (class order).
/// An error if `rep` is a representation of a different group.
pub fn character_of(
    table: &CharacterTable,
    rep: &dyn Representation<PermutationGroup>,
) -> Result<Vec<Complex64>> {
    if rep.group().name() != table.group {
        return Err(Error::InvalidInput(format!(
            "a representation of {} used with the character table of {}",
            rep.group().name(),
            table.group
        )));
    }
    Ok(table
        .classes
        .iter()
        .map(|c| Complex64::new(rep.character(&c.representative), 0.0))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With a huge cluster tolerance almost every eigenvalue of the first combination lies in a
    /// cluster, so the eigenspaces are split by the later combinations restricted to them;
    /// the table must come out the same.
    #[test]
    fn splitting_clusters_gives_the_same_table() {
        for group in [
            PermutationGroup::symmetric(5).unwrap(),
            PermutationGroup::dihedral(6).unwrap(),
            PermutationGroup::cyclic(12).unwrap(),
        ] {
            let reference = character_table(&group).unwrap();
            let split = table_with(&group, 7, 0.1).unwrap();
            assert_eq!(split.exact, reference.exact, "{}", group.name());
        }
        // A tolerance above the whole spectrum never splits: refused after the bounded tries.
        let s4 = PermutationGroup::symmetric(4).unwrap();
        assert!(matches!(table_with(&s4, 7, 10.0), Err(Error::Numerical(_))));
    }
}
