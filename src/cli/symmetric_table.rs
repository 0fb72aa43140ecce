//! `chartable --group Sn`: the character table of `S_n` by Murnaghan–Nakayama
//! ([`crate::symmetric::character_table_sn`]), exact, for `n` far beyond what can be
//! enumerated (`S_30` has 5604 classes). Rows are partitions `λ` (the Specht modules `S^λ`),
//! columns cycle types, both in GAP's `Partitions(n)` order; every irreducible is real
//! (indicator `+1`, type R). Exact integers beyond `2^53` are JSON strings.

use super::output::{Table, class_json, json_integer};
use crate::Result;
use crate::group::classes::factorial;
use crate::symmetric::{SnCharacterTable, character_table_sn};
use num_bigint::BigUint;
use serde_json::{Value, json};
use std::time::Instant;

/// Element order of the class of cycle type `parts`: the least common multiple of the parts.
fn element_order(parts: &[usize]) -> u64 {
    parts
        .iter()
        .fold(1u64, |acc, &p| num_integer::lcm(acc, p as u64))
}

/// A permutation of cycle type `parts` in cycle notation: `(1,2,3)(4,5)`.
fn representative(parts: &[usize]) -> String {
    let mut out = String::new();
    let mut next = 1;
    for &p in parts {
        if p > 1 {
            let cycle: Vec<String> = (next..next + p).map(|i| i.to_string()).collect();
            out.push_str(&format!("({})", cycle.join(",")));
        }
        next += p;
    }
    if out.is_empty() { "()".into() } else { out }
}

/// The table of `S_n` as DESIGN's `chartable` document, or as text.
pub fn symmetric_chartable(n: usize, json: bool) -> Result<String> {
    let start = Instant::now();
    let table = character_table_sn(n)?;
    let seconds = start.elapsed().as_secs_f64();
    if json {
        Ok(json_document(n, &table, seconds).to_string())
    } else {
        Ok(human(n, &table, seconds))
    }
}

fn degree_json(table: &SnCharacterTable, i: usize) -> Value {
    let degree = table.degree(i);
    json_integer(&degree.to_biguint().unwrap_or_default())
}

fn json_document(n: usize, table: &SnCharacterTable, seconds: f64) -> Value {
    let sizes = table.class_sizes();
    let classes: Vec<Value> = table
        .classes()
        .iter()
        .zip(&sizes)
        .map(|(mu, size)| {
            let parts = mu.parts().to_vec();
            class_json(
                json_integer(size),
                element_order(&parts),
                representative(&parts),
                Some(&parts),
            )
        })
        .collect();
    let irreps: Vec<Value> = (0..table.size())
        .map(|i| {
            json!({
                "label": table.partitions()[i].to_string(),
                "dim": degree_json(table, i),
                "indicator": 1,
                "type": "R",
            })
        })
        .collect();
    json!({
        "group": format!("S{n}"),
        "order": json_integer(&factorial(n)),
        "seconds": seconds,
        "method": "Murnaghan-Nakayama",
        "classes": classes,
        "irreps": irreps,
        "table": table.to_json(),
    })
}

fn human(n: usize, table: &SnCharacterTable, seconds: f64) -> String {
    let order: BigUint = factorial(n);
    let mut out = format!(
        "Character table of S{n} (order {order}, {} classes) by Murnaghan–Nakayama, computed in {seconds:.3} s\n\n",
        table.size()
    );
    let mut header = vec!["cycle type".to_string()];
    header.extend(table.classes().iter().map(|mu| mu.to_string()));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut rows = Table::new(&header);
    let mut sizes = vec!["size".to_string()];
    sizes.extend(table.class_sizes().iter().map(BigUint::to_string));
    rows.row(sizes);
    for (i, lambda) in table.partitions().iter().enumerate() {
        let mut row = vec![lambda.to_string()];
        row.extend((0..table.size()).map(|j| table.value_i128(i, j).to_string()));
        rows.row(row);
    }
    out.push_str(&rows.render());
    out
}
