//! `equivariant chartable --group G [--json]`: the character table of a finite group.
//!
//! Human output, like GAP's `Display`: a header with the class names (`2a` is the first class
//! of elements of order 2, `2b` the second, …), sizes, element orders and the `p`-power maps
//! (`2P` row: the class of `g²`), then one row per irreducible character with its label, its
//! Frobenius–Schur indicator (`+` real, `o` complex, `-` quaternionic, as in GAP) and its
//! values. Integers print as integers; every other value prints as a capital letter (`A`,
//! `B`, …) or as `-A` (its negative), `/A` (its complex conjugate) or `-/A`, explained under the
//! table in GAP's exact notation (`A = -E(5)^2-E(5)^3`, `E(n) = exp(2πi/n)`) with a decimal
//! approximation. Below come the class representatives and the real irreducibles.
//!
//! JSON output (one document): `group`, `order`, `seconds` (time computing the table,
//! excluding the output), `classes` (each `name`, `size`, `order`, `representative`, and
//! `cycle_type` when the class has one), `irreps` (each `label`, `gap_label`, `dim`,
//! `indicator`, `type` R/C/H), `table` (rows = irreps, columns = classes; a real value is a
//! JSON number, an integer when it is one, a non-real one is `[re, im]`), `exact` (same
//! shape, GAP-notation strings such as `-1` or `E(5)^2+E(5)^3`), `power_maps` (for each prime
//! `p` dividing the order, keyed by `p`, the 0-based class index of `g_k^p` for each class
//! `k`), `real_irreps` (each `label` — `X.2+X.3` for a complex-conjugate pair —, `dim`,
//! `type`), `max_orthogonality_residual` and `max_rounding_error` (see
//! [`crate::character::CharacterTable`]).

use super::output::{class_json, json_integer};
use crate::character::{CharacterTable, character_table};
use crate::group::{AnyGroup, Group, PermutationGroup, build_group};
use crate::io::expr::parse_group;
use crate::{Error, Result};
use num_bigint::BigUint;
use num_complex::Complex64;
use serde_json::{Map, Value, json};
use std::time::Instant;

/// Runs `chartable --group G [--json]` and returns what to print.
pub fn chartable_command(group_name: &str, json: bool) -> Result<String> {
    let group = match build_group(&parse_group(group_name)?)? {
        AnyGroup::Finite(g) => g,
        other => {
            return Err(Error::Unsupported(format!(
                "character table of {}: a compact Lie group has infinitely many irreducibles; \
                 chartable needs a finite group",
                other.name()
            )));
        }
    };
    if let crate::group::Family::Symmetric(n) = *group.family() {
        return super::symmetric_table::symmetric_chartable(n, json);
    }
    let start = Instant::now();
    let table = character_table(&group)?;
    let seconds = start.elapsed().as_secs_f64();
    if json {
        Ok(json_document(&group, &table, seconds).to_string())
    } else {
        Ok(human(&group, &table, seconds))
    }
}

/// GAP-style class names: element order followed by `a`, `b`, … in class order.
pub fn class_names(table: &CharacterTable) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    table
        .classes
        .iter()
        .map(|c| {
            let count = seen.entry(c.element_order).or_insert(0);
            let name = format!("{}{}", c.element_order, letters(*count, 'a'));
            *count += 1;
            name
        })
        .collect()
}

/// `0 → a, 1 → b, …, 25 → z, 26 → aa, …` (with `base` `a` or `A`).
fn letters(mut k: usize, base: char) -> String {
    let mut out = Vec::new();
    loop {
        out.push((base as u8 + (k % 26) as u8) as char);
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    out.iter().rev().collect()
}

fn is_real(z: Complex64) -> bool {
    z.im.abs() < 1e-12
}

fn json_value(table: &CharacterTable, i: usize, k: usize) -> Value {
    let z = table.values[i][k];
    if let Some(n) = table.exact[i][k].as_integer() {
        json!(n)
    } else if is_real(z) {
        json!(z.re)
    } else {
        json!([z.re, z.im])
    }
}

fn json_document(group: &PermutationGroup, table: &CharacterTable, seconds: f64) -> Value {
    let names = class_names(table);
    let classes: Vec<Value> = table
        .classes
        .iter()
        .zip(&names)
        .map(|(c, name)| {
            let mut entry = class_json(
                json!(c.size),
                c.element_order,
                group.describe(&c.representative),
                c.cycle_type.as_ref(),
            );
            entry["name"] = json!(name);
            entry
        })
        .collect();
    let irreps: Vec<Value> = table
        .irreps
        .iter()
        .map(|irrep| {
            json!({
                "label": irrep.label,
                "gap_label": irrep.gap_label,
                "dim": irrep.dim,
                "indicator": irrep.indicator,
                "type": irrep.real_type.symbol(),
            })
        })
        .collect();
    let r = table.num_classes();
    let values: Vec<Vec<Value>> = (0..r)
        .map(|i| (0..r).map(|k| json_value(table, i, k)).collect())
        .collect();
    let exact: Vec<Vec<String>> = table
        .exact
        .iter()
        .map(|row| row.iter().map(|x| x.to_string()).collect())
        .collect();
    let mut power_maps = Map::new();
    for (p, map) in &table.power_maps {
        power_maps.insert(p.to_string(), json!(map));
    }
    let real_irreps: Vec<Value> = table
        .real_irreps()
        .iter()
        .map(|ri| {
            json!({
                "label": ri.label,
                "dim": ri.dim,
                "type": ri.real_type.symbol(),
            })
        })
        .collect();
    json!({
        "group": table.group,
        "order": json_integer(&BigUint::from(table.order)),
        "seconds": seconds,
        "classes": classes,
        "irreps": irreps,
        "table": values,
        "exact": exact,
        "power_maps": power_maps,
        "real_irreps": real_irreps,
        "max_orthogonality_residual": table.max_orthogonality_residual,
        "max_rounding_error": table.max_rounding_error,
    })
}

/// Names for the irrational values: `A`, `-A`, `/A` (complex conjugate), `-/A`.
struct Irrationals {
    values: Vec<(Complex64, String)>,
}

impl Irrationals {
    fn name(&mut self, z: Complex64, exact: &str) -> String {
        const EPS: f64 = 1e-9;
        for (k, (v, _)) in self.values.iter().enumerate() {
            let letter = letters(k, 'A');
            if (z - v).norm() < EPS {
                return letter;
            }
            if (z + v).norm() < EPS {
                return format!("-{letter}");
            }
            if (z - v.conj()).norm() < EPS {
                return format!("/{letter}");
            }
            if (z + v.conj()).norm() < EPS {
                return format!("-/{letter}");
            }
        }
        self.values.push((z, exact.to_string()));
        letters(self.values.len() - 1, 'A')
    }
}

fn decimal(z: Complex64) -> String {
    if is_real(z) {
        format!("{:.6}", z.re)
    } else {
        format!("{:.6}{:+.6}i", z.re, z.im)
    }
}

/// Right-aligns the cells of each column (the first `left` columns left-aligned).
fn aligned(rows: &[Vec<String>], left: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| {
                let w = widths[c];
                if c < left {
                    format!("{s:<w$}")
                } else {
                    format!("{s:>w$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn human(group: &PermutationGroup, table: &CharacterTable, seconds: f64) -> String {
    let r = table.num_classes();
    let names = class_names(table);
    let mut out = format!(
        "Character table of {} (order {}, {r} classes), computed in {seconds:.3} s\n\n",
        table.group, table.order
    );
    let show_gap_label = table.irreps.iter().any(|i| i.label != i.gap_label);
    let lead = if show_gap_label { 3 } else { 2 };
    let pad = |first: &str| {
        let mut row = vec![first.to_string()];
        row.extend(std::iter::repeat_n(String::new(), lead - 1));
        row
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = pad("class");
    header.extend(names.iter().cloned());
    rows.push(header);
    let mut sizes = pad("size");
    sizes.extend(table.classes.iter().map(|c| c.size.to_string()));
    rows.push(sizes);
    let mut orders = pad("order");
    orders.extend(table.classes.iter().map(|c| c.element_order.to_string()));
    rows.push(orders);
    for (p, map) in &table.power_maps {
        let mut row = pad(&format!("{p}P"));
        row.extend(map.iter().map(|&k| names[k].clone()));
        rows.push(row);
    }
    rows.push(Vec::new());
    let mut irrationals = Irrationals { values: Vec::new() };
    for (i, irrep) in table.irreps.iter().enumerate() {
        let mut row = vec![irrep.label.clone()];
        if show_gap_label {
            row.push(irrep.gap_label.clone());
        }
        row.push(
            match irrep.indicator {
                1 => "+",
                -1 => "-",
                _ => "o",
            }
            .to_string(),
        );
        for k in 0..r {
            let exact = &table.exact[i][k];
            row.push(match exact.as_integer() {
                Some(n) => n.to_string(),
                None => irrationals.name(table.values[i][k], &exact.to_string()),
            });
        }
        rows.push(row);
    }
    out.push_str(&aligned(&rows, lead));
    if !irrationals.values.is_empty() {
        out.push('\n');
        for (k, (z, exact)) in irrationals.values.iter().enumerate() {
            out.push_str(&format!(
                "{} = {exact} = {}\n",
                letters(k, 'A'),
                decimal(*z)
            ));
        }
        out.push_str("(E(n) = exp(2πi/n); -A negative, /A complex conjugate)\n");
    }
    out.push_str("\nclass representatives:\n");
    let mut reps: Vec<Vec<String>> = Vec::new();
    for (c, name) in table.classes.iter().zip(&names) {
        let mut row = vec![format!("  {name}"), group.describe(&c.representative)];
        if let Some(cycle_type) = &c.cycle_type {
            row.push(format!(
                "cycle type {}",
                crate::character::young::partition_label(cycle_type)
            ));
        }
        reps.push(row);
    }
    out.push_str(&aligned(&reps, 3));
    out.push_str("\nreal irreducibles (type R: End = R, C: End = C, H: End = H):\n");
    let real: Vec<Vec<String>> = table
        .real_irreps()
        .iter()
        .map(|ri| {
            vec![
                format!("  {}", ri.label),
                format!("dim {}", ri.dim),
                ri.real_type.symbol().to_string(),
            ]
        })
        .collect();
    out.push_str(&aligned(&real, 3));
    out.push_str(&format!(
        "\nmax orthogonality residual {:.1e}, max rounding error {:.1e}\n",
        table.max_orthogonality_residual, table.max_rounding_error
    ));
    out
}
