//! The radius graph of a point cloud by a uniform cell list.
//!
//! The edges are the ordered pairs `(i, j)`, `i ≠ j`, with `|x_j − x_i| ≤ r` — the radius
//! is **inclusive**, and the test is `‖r_ij‖² ≤ r²` on the computed `r_ij = x_j − x_i`
//! (symmetric in `i, j`, so `(i, j)` is an edge exactly when `(j, i)` is). Coincident points
//! are neighbours of each other.
//!
//! Algorithm (Allen & Tildesley, *Computer Simulation of Liquids*, 2nd ed. (2017), §5.3):
//! hash every point to the cube of side `h ≥ r` that contains it, `c(x) = ⌊(x − x_min)/h⌋`,
//! and compare each point with the points of the 27 cubes around its own. Any two points at
//! distance `≤ r ≤ h` lie in adjacent cubes, so no edge is missed; at bounded density each
//! cube holds `O(1)` points and the search is `O(N)` (cubes are kept in a hash map, so
//! sparse clouds in huge boxes cost nothing extra). The side is `h = r (1 + 10⁻⁹)` to absorb
//! the rounding of `c(x)`.

use super::{check_finite, check_memory};
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::HashMap;

/// The largest number of cubes of the cell list along one axis (`2⁴⁰`): beyond it the cube
/// coordinates would lose precision.
pub const MAX_CELLS_PER_AXIS: f64 = (1u64 << 40) as f64;

/// A directed edge: the receiving point `i`, the sending neighbour `j`, and the relative
/// position `r = x_j − x_i`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// The receiving point (the centre of the ball).
    pub i: usize,
    /// The neighbour sending its features.
    pub j: usize,
    /// `x_j − x_i`.
    pub r: [f64; 3],
}

/// The radius graph: all edges, sorted by `(i, j)`, with the offsets of each receiver's run.
#[derive(Clone, Debug, PartialEq)]
pub struct RadiusGraph {
    radius: f64,
    edges: Vec<Edge>,
    offsets: Vec<usize>,
}

impl RadiusGraph {
    /// All edges `(i, j)`, `i ≠ j`, `‖x_j − x_i‖ ≤ radius` (inclusive; module docs).
    ///
    /// [`Error::InvalidInput`] for a non-finite position or a radius that is not finite and
    /// positive; [`Error::TooLarge`] when the edges would exceed
    /// [`MEMORY_LIMIT`](super::MEMORY_LIMIT) (counted before they are stored) or the
    /// cloud spans more than [`MAX_CELLS_PER_AXIS`] radii.
    ///
    /// ```
    /// use equivariant::nn::point_cloud::RadiusGraph;
    /// let graph = RadiusGraph::new(&[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [3.0, 0.0, 0.0]], 1.0).unwrap();
    /// let pairs: Vec<_> = graph.edges().iter().map(|e| (e.i, e.j)).collect();
    /// assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    /// ```
    pub fn new(positions: &[[f64; 3]], radius: f64) -> Result<Self> {
        if !(radius.is_finite() && radius > 0.0) {
            return Err(Error::InvalidInput(format!(
                "the neighbour radius must be finite and positive, got {radius}"
            )));
        }
        check_finite("point positions", positions.as_flattened())?;
        let grid = CellList::new(positions, radius)?;
        let counts: Vec<usize> = (0..positions.len())
            .into_par_iter()
            .map(|i| grid.neighbours(positions, i).count())
            .collect();
        let mut offsets = Vec::with_capacity(positions.len() + 1);
        offsets.push(0usize);
        for count in &counts {
            offsets.push(offsets[offsets.len() - 1] + count);
        }
        let total = offsets[positions.len()];
        check_memory("the radius graph", total, size_of::<Edge>())?;
        let edges = (0..positions.len())
            .into_par_iter()
            .flat_map_iter(|i| grid.sorted_edges(positions, i))
            .collect();
        Ok(Self {
            radius,
            edges,
            offsets,
        })
    }

    /// The radius the graph was built with.
    pub fn radius(&self) -> f64 {
        self.radius
    }

    /// The number of points.
    pub fn num_points(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Every edge, sorted by `(i, j)`.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The edges received by point `i` (empty when `i` is out of range).
    pub fn edges_of(&self, i: usize) -> &[Edge] {
        &self.edges[self.edge_range(i)]
    }

    /// The indices in [`edges`](Self::edges) of the edges received by point `i`.
    pub fn edge_range(&self, i: usize) -> std::ops::Range<usize> {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }
}

/// The computed `r_ij = x_j − x_i`.
fn relative(positions: &[[f64; 3]], i: usize, j: usize) -> [f64; 3] {
    let (a, b) = (positions[i], positions[j]);
    [b[0] - a[0], b[1] - a[1], b[2] - a[2]]
}

/// `‖r‖²`; `‖r_ij‖² ≤ r²` is the single edge criterion.
fn norm_squared(r: [f64; 3]) -> f64 {
    r[0] * r[0] + r[1] * r[1] + r[2] * r[2]
}

/// Points bucketed by cube: `members[starts[c]..starts[c + 1]]` are the points of cube `c`,
/// `cell_of[i]` is the cube of point `i`, and `adjacent[adjacent_starts[c]..adjacent_starts[c + 1]]`
/// are the occupied cubes among the 27 around cube `c` (itself included).
struct CellList {
    radius_squared: f64,
    cell_of: Vec<usize>,
    starts: Vec<usize>,
    members: Vec<usize>,
    adjacent_starts: Vec<usize>,
    adjacent: Vec<usize>,
}

impl CellList {
    /// Buckets the points by a counting sort over the cubes they occupy and lists the
    /// occupied neighbours of every cube (`O(N)` expected).
    fn new(positions: &[[f64; 3]], radius: f64) -> Result<Self> {
        let side = radius * (1.0 + 1e-9);
        let origin =
            [0, 1, 2].map(|a| positions.iter().map(|p| p[a]).fold(f64::INFINITY, f64::min));
        for a in 0..3 {
            let extent = positions
                .iter()
                .map(|p| p[a] - origin[a])
                .fold(0.0, f64::max);
            if extent / side > MAX_CELLS_PER_AXIS {
                return Err(Error::TooLarge {
                    what: "the cell list of the neighbour search".into(),
                    needed: format!("{:.3e} cells along an axis", extent / side),
                    limit: format!("{MAX_CELLS_PER_AXIS:.3e} cells"),
                });
            }
        }
        check_memory("the cell list", positions.len(), 30 * size_of::<usize>())?;
        let cube = |p: [f64; 3]| -> [i64; 3] {
            [0, 1, 2].map(|a| ((p[a] - origin[a]) / side).floor() as i64)
        };
        let mut index: HashMap<[i64; 3], usize> = HashMap::new();
        let mut cubes: Vec<[i64; 3]> = Vec::new();
        let cell_of: Vec<usize> = positions
            .iter()
            .map(|&p| {
                let key = cube(p);
                *index.entry(key).or_insert_with(|| {
                    cubes.push(key);
                    cubes.len() - 1
                })
            })
            .collect();
        let (starts, members) = bucket(&cell_of, cubes.len());
        let mut adjacent_starts = vec![0usize];
        let mut adjacent = Vec::new();
        for &[x, y, z] in &cubes {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for dz in -1..=1 {
                        adjacent.extend(index.get(&[x + dx, y + dy, z + dz]));
                    }
                }
            }
            adjacent_starts.push(adjacent.len());
        }
        Ok(Self {
            radius_squared: radius * radius,
            cell_of,
            starts,
            members,
            adjacent_starts,
            adjacent,
        })
    }

    /// The neighbours `j ≠ i` of point `i` within the radius, in no particular order.
    fn neighbours<'a>(
        &'a self,
        positions: &'a [[f64; 3]],
        i: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        let c = self.cell_of[i];
        self.adjacent[self.adjacent_starts[c]..self.adjacent_starts[c + 1]]
            .iter()
            .flat_map(move |&d| {
                self.members[self.starts[d]..self.starts[d + 1]]
                    .iter()
                    .copied()
            })
            .filter(move |&j| {
                j != i && norm_squared(relative(positions, i, j)) <= self.radius_squared
            })
    }

    /// The edges received by point `i`, sorted by `j`.
    fn sorted_edges(&self, positions: &[[f64; 3]], i: usize) -> Vec<Edge> {
        let mut js: Vec<usize> = self.neighbours(positions, i).collect();
        js.sort_unstable();
        js.into_iter()
            .map(|j| Edge {
                i,
                j,
                r: relative(positions, i, j),
            })
            .collect()
    }
}

/// The counting sort of the points by cube: `(starts, members)` with the points of cube `c`
/// at `members[starts[c]..starts[c + 1]]`, in increasing order.
fn bucket(cell_of: &[usize], num_cells: usize) -> (Vec<usize>, Vec<usize>) {
    let mut starts = vec![0usize; num_cells + 1];
    for &c in cell_of {
        starts[c + 1] += 1;
    }
    for c in 1..starts.len() {
        starts[c] += starts[c - 1];
    }
    let mut next = starts.clone();
    let mut members = vec![0; cell_of.len()];
    for (point, &c) in cell_of.iter().enumerate() {
        members[next[c]] = point;
        next[c] += 1;
    }
    (starts, members)
}
