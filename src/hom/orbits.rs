//! The orbit route (Kondor & Trivedi, *On the Generalization of Equivariance and Convolution in
//! Neural Networks to the Action of Compact Groups*, ICML 2018, §4): `Hom_G(R[X], R[Y])` for
//! (signed) permutation representations.
//!
//! When every discrete generator acts on `V` and `W` by a **signed permutation** of the basis,
//! `ρ(g) e_j = s_g(j) e_{π_g(j)}` with `s_g(j) = ±1`, conjugation permutes the matrix units up
//! to sign: `ρ_W(g) E_{ij} ρ_V(g)⁻¹ = s^W_g(i) s^V_g(j) E_{π^W_g(i), π^V_g(j)}`. So `A` is
//! equivariant exactly when `A[π^W_g i, π^V_g j] = s^W_g(i) s^V_g(j) A[i, j]` for every
//! generator: `A` is determined by its value at one point of each orbit of `G` on `Y × X`,
//! except on orbits where the signs force `A[i, j] = −A[i, j]`, which carry `0`. The basis is
//! one signed 0/±1 matrix per remaining orbit — exact, disjoint supports, hence linearly
//! independent, `dim Hom_G(V, W)` = the number of sign-consistent orbits (for plain
//! permutation representations, the number of orbits on `Y × X`, i.e. `⟨χ_V, χ_W⟩` by
//! Burnside's lemma).
//!
//! The orbits come from a union–find with parity over the `dim W · dim V` positions, one
//! union per position and generator (`O(dim W · dim V · #generators · α)`), never forming
//! a constraint matrix.

use crate::error::human_bytes;
use crate::group::Group;
use crate::rep::{Representation, SignedPermutation, as_signed_permutation};
use crate::{Error, Result};

/// Largest union–find accepted: `dim W · dim V` positions at 15 bytes each (union–find and
/// labels; 256 MiB).
pub const MAX_ORBIT_BYTES: f64 = 256.0 * 1024.0 * 1024.0;
/// Largest generator matrix formed to read off a signed permutation (1 GiB).
const MAX_GENERATOR_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;
/// Marks a position that lies on a sign-inconsistent orbit.
const NO_ELEMENT: u32 = u32::MAX;

/// The orbit basis of `Hom_G(V, W)` for signed permutation representations.
///
/// Element `b` is the matrix with `A[i, j] = sign(i, j)` where `element(i, j) = b` and `0`
/// elsewhere (positions row-major, `i` the out-coordinate).
#[derive(Clone, Debug)]
pub struct OrbitBasis {
    out_dim: usize,
    in_dim: usize,
    /// Per position `i · in_dim + j`: its basis element, or [`NO_ELEMENT`].
    element: Vec<u32>,
    /// Per position: the sign of the entry (relative to the orbit's representative).
    sign: Vec<i8>,
    /// Per element: its representative position `(i, j)` and orbit size.
    orbits: Vec<((usize, usize), usize)>,
}

impl OrbitBasis {
    /// `dim Hom_G(V, W)`.
    pub fn len(&self) -> usize {
        self.orbits.len()
    }

    /// Whether `Hom_G(V, W) = 0`.
    pub fn is_empty(&self) -> bool {
        self.orbits.is_empty()
    }

    /// `dim W`.
    pub fn out_dim(&self) -> usize {
        self.out_dim
    }

    /// `dim V`.
    pub fn in_dim(&self) -> usize {
        self.in_dim
    }

    /// The representative position `(i, j)` (first in row-major order) of element `b`'s
    /// orbit and the orbit's size (its number of non-zeros).
    pub fn orbit(&self, b: usize) -> Option<((usize, usize), usize)> {
        self.orbits.get(b).copied()
    }

    /// Every non-zero `(element, i, j, value)`, in row-major position order.
    pub fn entries(&self) -> impl Iterator<Item = (usize, usize, usize, f64)> + '_ {
        self.element
            .iter()
            .zip(&self.sign)
            .enumerate()
            .filter(|(_, (e, _))| **e != NO_ELEMENT)
            .map(|(pos, (&e, &s))| {
                (
                    e as usize,
                    pos / self.in_dim,
                    pos % self.in_dim,
                    f64::from(s),
                )
            })
    }

    /// `max_b (Σ_g ‖ρ_W(g) A_b ρ_V(g)⁻¹ − A_b‖_F²)^{1/2}` over the elements, the sum over the
    /// generators, computed from the signed permutations (zero exactly when every element is
    /// invariant; at least the largest single-generator residual).
    fn residual(&self, pairs: &[(SignedPermutation, SignedPermutation)]) -> f64 {
        let mut squared = vec![0.0f64; self.len()];
        for (pv, pw) in pairs {
            for i in 0..self.out_dim {
                for j in 0..self.in_dim {
                    let here = i * self.in_dim + j;
                    let there = pw.images[i] * self.in_dim + pv.images[j];
                    let moved = f64::from(pw.signs[i] * pv.signs[j]);
                    let value = |pos: usize, b: u32| {
                        if self.element[pos] == b {
                            f64::from(self.sign[pos])
                        } else {
                            0.0
                        }
                    };
                    // (ρ_W A ρ_V⁻¹)[there] = moved · A[here]; compare with A[there] for the
                    // elements involved at either position.
                    let (a, b) = (self.element[here], self.element[there]);
                    let involved = [a, b];
                    for &b in &involved[..if a == b { 1 } else { 2 }] {
                        if b != NO_ELEMENT {
                            let d = moved * value(here, b) - value(there, b);
                            squared[b as usize] += d * d;
                        }
                    }
                }
            }
        }
        squared.into_iter().fold(0.0, |m, s| m.max(s.sqrt()))
    }
}

/// Union–find with parity: `value[x] = (−1)^parity[x] · value[parent[x]]`.
struct SignedUnionFind {
    parent: Vec<u32>,
    parity: Vec<u8>,
    killed: Vec<bool>,
}

impl SignedUnionFind {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n as u32).collect(),
            parity: vec![0; n],
            killed: vec![false; n],
        }
    }

    /// The root of `x` and the parity of `x` relative to it, compressing the path.
    fn find(&mut self, x: usize) -> (usize, u8) {
        let mut root = x;
        let mut parity = 0;
        while self.parent[root] as usize != root {
            parity ^= self.parity[root];
            root = self.parent[root] as usize;
        }
        // Second pass: point every node on the path at the root with its total parity.
        let mut node = x;
        let mut remaining = parity;
        while self.parent[node] as usize != root && node != root {
            let next = self.parent[node] as usize;
            let own = self.parity[node];
            self.parent[node] = root as u32;
            self.parity[node] = remaining;
            remaining ^= own;
            node = next;
        }
        (root, parity)
    }

    /// Records `value[b] = (−1)^flip · value[a]`.
    fn union(&mut self, a: usize, b: usize, flip: u8) {
        let (ra, pa) = self.find(a);
        let (rb, pb) = self.find(b);
        if ra == rb {
            if pa ^ pb != flip {
                self.killed[ra] = true;
            }
            return;
        }
        let (keep, attach) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[attach] = keep as u32;
        self.parity[attach] = pa ^ pb ^ flip;
        self.killed[keep] |= self.killed[attach];
    }
}

/// `ρ` of the discrete generators as signed permutations — from the construction when it
/// knows them, else read off the matrices (refused above 1 GiB) — or `None` if `ρ` is not a
/// signed permutation representation (or has a non-zero Lie algebra).
fn signed_generators<G: Group>(
    rep: &dyn Representation<G>,
) -> Result<Option<Vec<SignedPermutation>>> {
    let generators = rep.group().discrete_generators();
    if !rep.group().lie_algebra_basis().is_empty()
        && rep.lie_algebra_matrices().iter().any(|x| x.amax() > 0.0)
    {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(generators.len());
    for g in &generators {
        if let Some(p) = rep.signed_permutation(g) {
            out.push(p);
            continue;
        }
        let d = rep.dim() as f64;
        let bytes = d * d * 8.0;
        if bytes > MAX_GENERATOR_BYTES {
            return Err(Error::TooLarge {
                what: format!(
                    "the generator matrix of {} (read as a signed permutation)",
                    rep.description()
                ),
                needed: human_bytes(bytes),
                limit: human_bytes(MAX_GENERATOR_BYTES),
            });
        }
        match as_signed_permutation(&rep.matrix(g)) {
            Some(p) => out.push(p),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// Whether the orbit route applies: both representations act by signed permutations on the
/// discrete generators (and the Lie algebra acts by zero).
pub fn orbit_route_applies<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<bool> {
    Ok(signed_pairs(rep_in, rep_out)?.is_some())
}

/// The generators' signed permutations `(on V, on W)`, or `None` if one is not signed.
fn signed_pairs<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<Option<Vec<(SignedPermutation, SignedPermutation)>>> {
    let (Some(pv), Some(pw)) = (signed_generators(rep_in)?, signed_generators(rep_out)?) else {
        return Ok(None);
    };
    Ok(Some(pv.into_iter().zip(pw).collect()))
}

/// The orbit basis of `Hom_G(V, W)` (module docs) and its equivariance residual.
///
/// Errors: [`Error::InvalidInput`] for representations of different groups;
/// [`Error::Unsupported`] when `V` or `W` is not a signed permutation representation (name
/// which); [`Error::TooLarge`] for a union–find above [`MAX_ORBIT_BYTES`] or generator
/// matrices above 1 GiB, before allocating.
pub fn orbit_basis<G: Group>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<(OrbitBasis, f64)> {
    super::check_same_group(rep_in, rep_out)?;
    let (n, m) = (rep_in.dim(), rep_out.dim());
    let positions = n as f64 * m as f64;
    let bytes = positions * 15.0;
    if bytes > MAX_ORBIT_BYTES || positions >= f64::from(u32::MAX) {
        return Err(Error::TooLarge {
            what: format!("the orbits on the {positions:.0} positions of Hom({n} → {m})"),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_ORBIT_BYTES),
        });
    }
    let Some(pairs) = signed_pairs(rep_in, rep_out)? else {
        return Err(Error::Unsupported(format!(
            "the orbit route needs signed permutation representations of a finite group; {} or \
             {} of {} is not one (use the Schur or nullspace route)",
            rep_in.description(),
            rep_out.description(),
            rep_in.group().name()
        )));
    };
    let mut uf = SignedUnionFind::new(n * m);
    for (pv, pw) in &pairs {
        for i in 0..m {
            for j in 0..n {
                let flip = u8::from(pw.signs[i] * pv.signs[j] < 0);
                uf.union(i * n + j, pw.images[i] * n + pv.images[j], flip);
            }
        }
    }
    let mut element = vec![NO_ELEMENT; n * m];
    let mut sign = vec![0i8; n * m];
    let mut root_element = vec![NO_ELEMENT; n * m];
    let mut orbits: Vec<((usize, usize), usize)> = Vec::new();
    for pos in 0..n * m {
        let (root, parity) = uf.find(pos);
        if uf.killed[root] {
            continue;
        }
        if root_element[root] == NO_ELEMENT {
            root_element[root] = orbits.len() as u32;
            orbits.push(((pos / n, pos % n), 0));
        }
        let e = root_element[root];
        element[pos] = e;
        sign[pos] = if parity == 0 { 1 } else { -1 };
        orbits[e as usize].1 += 1;
    }
    let basis = OrbitBasis {
        out_dim: m,
        in_dim: n,
        element,
        sign,
        orbits,
    };
    let residual = basis.residual(&pairs);
    Ok((basis, residual))
}
