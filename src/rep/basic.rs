//! The atoms: trivial, sign, defining, regular and permutation representations.

use super::{Rep, Representation, SignedPermutation, as_signed_permutation, check_dimension};
use crate::group::{FiniteGroup, Group};
use crate::linalg::permutation_matrix;
use crate::{Error, Result};
use nalgebra::DMatrix;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

fn zeros_for_lie_algebra<G: Group>(group: &G, dim: usize) -> Vec<DMatrix<f64>> {
    group
        .lie_algebra_basis()
        .iter()
        .map(|_| DMatrix::zeros(dim, dim))
        .collect()
}

struct Trivial<G: Group> {
    group: Arc<G>,
}

impl<G: Group> Representation<G> for Trivial<G> {
    fn group(&self) -> &Arc<G> {
        &self.group
    }
    fn dim(&self) -> usize {
        1
    }
    fn matrix(&self, _: &G::Element) -> DMatrix<f64> {
        DMatrix::identity(1, 1)
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        zeros_for_lie_algebra(self.group.as_ref(), 1)
    }
    fn description(&self) -> String {
        "triv".into()
    }
    fn signed_permutation(&self, _: &G::Element) -> Option<SignedPermutation> {
        Some(SignedPermutation::identity(1))
    }
    fn character(&self, _: &G::Element) -> f64 {
        1.0
    }
}

/// The trivial representation `ρ(g) = 1`.
pub fn trivial<G: Group + 'static>(group: &Arc<G>) -> Rep<G> {
    Arc::new(Trivial {
        group: group.clone(),
    })
}

struct Sign<G: Group> {
    group: Arc<G>,
}

impl<G: Group> Representation<G> for Sign<G> {
    fn group(&self) -> &Arc<G> {
        &self.group
    }
    fn dim(&self) -> usize {
        1
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        let det = self.group.defining_matrix(g).determinant();
        DMatrix::from_element(1, 1, det.signum())
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        zeros_for_lie_algebra(self.group.as_ref(), 1)
    }
    fn description(&self) -> String {
        "sign".into()
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        as_signed_permutation(&self.matrix(g))
    }
}

/// The sign representation `ρ(g) = det V(g) = ±1`: the parity for `S_n`, the determinant
/// for groups with reflections. An error when `det V = 1` on the whole group (then `sign`
/// would silently be the trivial representation).
pub fn sign<G: Group + 'static>(group: &Arc<G>) -> Result<Rep<G>> {
    let has_reflection = group
        .discrete_generators()
        .iter()
        .any(|g| group.defining_matrix(g).determinant() < 0.0);
    if !has_reflection {
        return Err(Error::InvalidInput(format!(
            "sign is not defined for {}: det V = 1 on every element",
            group.name()
        )));
    }
    Ok(Arc::new(Sign {
        group: group.clone(),
    }))
}

struct Defining<G: Group> {
    group: Arc<G>,
}

impl<G: Group> Representation<G> for Defining<G> {
    fn group(&self) -> &Arc<G> {
        &self.group
    }
    fn dim(&self) -> usize {
        self.group.defining_dim()
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        self.group.defining_matrix(g)
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.group.lie_algebra_basis()
    }
    fn description(&self) -> String {
        "V".into()
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        as_signed_permutation(&self.group.defining_matrix(g))
    }
}

/// The defining representation `V` (DESIGN's table of each group's `V`).
pub fn defining<G: Group + 'static>(group: &Arc<G>) -> Rep<G> {
    Arc::new(Defining {
        group: group.clone(),
    })
}

/// An action of `G` on `{0, …, n−1}`: `action(g)[x] = g·x`.
pub type Action<G> = Arc<dyn Fn(&<G as Group>::Element) -> Vec<usize> + Send + Sync>;

/// A permutation representation: `ρ(g) e_x = e_{g·x}` on a finite G-set `X = {0, …, n−1}`.
struct PermutationRep<G: Group> {
    group: Arc<G>,
    degree: usize,
    action: Action<G>,
    name: String,
}

impl<G: Group> Representation<G> for PermutationRep<G> {
    fn group(&self) -> &Arc<G> {
        &self.group
    }
    fn dim(&self) -> usize {
        self.degree
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        permutation_matrix(&(self.action)(g))
            .unwrap_or_else(|_| DMatrix::from_element(self.degree, self.degree, f64::NAN))
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        zeros_for_lie_algebra(self.group.as_ref(), self.degree)
    }
    fn description(&self) -> String {
        self.name.clone()
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        let images = (self.action)(g);
        let mut hit = vec![false; self.degree];
        let valid = images.len() == self.degree
            && images
                .iter()
                .all(|&i| i < self.degree && !std::mem::replace(&mut hit[i], true));
        valid.then(|| SignedPermutation {
            signs: vec![1; images.len()],
            images,
        })
    }
    fn character(&self, g: &G::Element) -> f64 {
        let images = (self.action)(g);
        images.iter().enumerate().filter(|&(x, &y)| x == y).count() as f64
    }
}

/// The permutation representation of a finite G-set `{0, …, degree−1}`, where
/// `action(g)[x] = g·x`. The action must be a left action (`(gh)·x = g·(h·x)`); the images
/// of the generators are checked to be permutations of the right size.
pub fn permutation<G: Group + 'static>(
    group: &Arc<G>,
    degree: usize,
    action: Action<G>,
    name: &str,
) -> Result<Rep<G>> {
    check_dimension(name, degree as f64)?;
    for (k, g) in group.discrete_generators().iter().enumerate() {
        let images = action(g);
        if images.len() != degree {
            return Err(Error::InvalidInput(format!(
                "the action sends generator {} to {} images, expected {degree}",
                k + 1,
                images.len()
            )));
        }
        permutation_matrix(&images)?;
    }
    Ok(Arc::new(PermutationRep {
        group: group.clone(),
        degree,
        action,
        name: name.into(),
    }))
}

/// The regular representation `ρ(g) e_h = e_{gh}` of a finite group, of dimension `|G|`.
pub fn regular<G>(group: &Arc<G>) -> Result<Rep<G>>
where
    G: FiniteGroup + 'static,
    G::Element: Eq + Hash,
{
    let order = group.order()?;
    check_dimension(
        &format!("the regular representation of {}", group.name()),
        order.to_string().parse::<f64>().unwrap_or(f64::INFINITY),
    )?;
    let elements = group.elements()?;
    let order = elements.len();
    let index: Arc<HashMap<G::Element, usize>> = Arc::new(
        elements
            .iter()
            .enumerate()
            .map(|(i, g)| (g.clone(), i))
            .collect(),
    );
    let elements: Arc<Vec<G::Element>> = Arc::new(elements.to_vec());
    let g2 = group.clone();
    let action = Arc::new(move |g: &G::Element| {
        elements
            .iter()
            .map(|h| index.get(&g2.multiply(g, h)).copied().unwrap_or(usize::MAX))
            .collect()
    });
    permutation(group, order, action, "reg")
}
