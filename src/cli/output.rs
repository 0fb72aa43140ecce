//! Output helpers: JSON numbers as DESIGN wants them and aligned text tables.

use num_bigint::BigUint;
use num_traits::ToPrimitive;
use serde_json::{Value, json};

/// Largest integer JSON readers represent exactly, `2^53`.
const JSON_SAFE_INTEGER: u64 = 1 << 53;

/// An exact integer: a JSON number up to `2^53`, a string beyond.
pub fn json_integer(n: &BigUint) -> Value {
    match n.to_u64() {
        Some(small) if small <= JSON_SAFE_INTEGER => json!(small),
        _ => json!(n.to_string()),
    }
}

/// A real value, written as an integer when it is within `10⁻⁹` of one (characters of
/// permutation-like representations), else as a float.
pub fn json_real(x: f64) -> Value {
    let rounded = x.round();
    if (x - rounded).abs() < 1e-9 && rounded.abs() < JSON_SAFE_INTEGER as f64 {
        json!(rounded as i64)
    } else {
        json!(x)
    }
}

/// One conjugacy class in JSON: `size`, `order` (element order), `representative`, and
/// `cycle_type` when the class has one (DESIGN's keys for `rep` and `chartable`).
pub fn class_json(
    size: Value,
    order: u64,
    representative: String,
    cycle_type: Option<&Vec<usize>>,
) -> Value {
    let mut entry = json!({
        "size": size,
        "order": order,
        "representative": representative,
    });
    if let Some(cycle_type) = cycle_type {
        entry["cycle_type"] = json!(cycle_type);
    }
    entry
}

/// A text table with left-aligned columns, like GAP's `Display`.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with the given column headers.
    pub fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn row(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The aligned text.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let width = |c: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        let line = |row: &Vec<String>| {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(s, w)| format!("{s:<w$}"))
                .collect();
            cells.join("  ").trim_end().to_string() + "\n"
        };
        std::iter::once(&self.header)
            .chain(&self.rows)
            .map(line)
            .collect()
    }
}
