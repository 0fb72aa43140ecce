//! `equivariant rtp --formula F --irreps i=1o [--irreps k=2e …] [--group O3|SO3]
//! [--output Q.npy] [--json]`: the reduced tensor product of [`reduced_tensor_products`].
//!
//! JSON keys: `formula`, `group`, `irreps_in` (one `{letter, irreps, dim}` per index, in the
//! order of the formula's first term), `irreps_out` (e3nn's order), `dim` (of the output),
//! `tensor_dim`, `max_residual`, `seconds` (time spent computing), `output`. `--output` writes
//! `Q` as a C-order float64 array of shape `[dim, d_1, …, d_k]`.

use crate::io::npy::write_f64;
use crate::so3::irreps::Irreps;
use crate::so3::reduced_tensor_products::{
    RotationGroup, reduced_tensor_power, reduced_tensor_products,
};
use crate::{Error, Result};
use serde_json::json;
use std::path::Path;
use std::time::Instant;

/// `O3` or `SO3`.
fn parse_group(text: &str) -> Result<RotationGroup> {
    match text {
        "O3" => Ok(RotationGroup::O3),
        "SO3" => Ok(RotationGroup::SO3),
        _ => Err(Error::InvalidInput(format!(
            "--group: {text:?} is not a rotation group; expected O3 or SO3"
        ))),
    }
}

/// `i=1o` as `(Some('i'), 1o)`; `1o` alone as `(None, 1o)` (every index).
fn parse_assignment(text: &str) -> Result<(Option<char>, Irreps)> {
    let Some((letter, irreps)) = text.split_once('=') else {
        return Ok((None, text.parse()?));
    };
    let mut chars = letter.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => Ok((Some(c), irreps.parse()?)),
        _ => Err(Error::InvalidInput(format!(
            "--irreps {text:?}: expected one index letter, '=' and irreps, like i=1o"
        ))),
    }
}

/// Runs `rtp`; returns what to print.
pub fn rtp_command(
    formula: &str,
    assignments: &[String],
    group: &str,
    output: Option<&Path>,
    json: bool,
) -> Result<String> {
    let group = parse_group(group)?;
    let parsed = assignments
        .iter()
        .map(|a| parse_assignment(a))
        .collect::<Result<Vec<_>>>()?;
    let start = Instant::now();
    let rtp = match parsed.as_slice() {
        [(None, irreps)] => reduced_tensor_power(formula, irreps, group)?,
        _ => {
            let given = parsed
                .into_iter()
                .map(|(letter, irreps)| {
                    letter.map(|c| (c, irreps)).ok_or_else(|| {
                        Error::InvalidInput(
                            "--irreps without a letter (like 1o) applies to every index and \
                             must be the only --irreps"
                                .into(),
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            reduced_tensor_products(formula, &given, group)?
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let dims = rtp.dims();
    let q = &rtp.change_of_basis;
    if let Some(path) = output {
        let shape: Vec<u64> = std::iter::once(q.nrows())
            .chain(dims.iter().copied())
            .map(|d| d as u64)
            .collect();
        let row_major: Vec<f64> = q.transpose().iter().copied().collect();
        write_f64(path, &shape, &row_major)?;
    }
    let output_text = output.map(|p| p.display().to_string());
    let group_name = match group {
        RotationGroup::O3 => "O3",
        RotationGroup::SO3 => "SO3",
    };
    if json {
        let irreps_in: Vec<_> = rtp
            .letters
            .iter()
            .zip(&rtp.irreps_in)
            .map(|(c, irreps)| {
                json!({"letter": c.to_string(), "irreps": irreps.to_string(), "dim": irreps.dim()})
            })
            .collect();
        return Ok(json!({
            "formula": formula,
            "group": group_name,
            "irreps_in": irreps_in,
            "irreps_out": rtp.irreps_out(),
            "dim": rtp.dim_out(),
            "tensor_dim": q.ncols(),
            "max_residual": rtp.max_residual,
            "seconds": seconds,
            "output": output_text,
        })
        .to_string());
    }
    let mut text = format!("{formula} under {group_name}\n");
    for (c, irreps) in rtp.letters.iter().zip(&rtp.irreps_in) {
        text.push_str(&format!("  {c}: {irreps} (dimension {})\n", irreps.dim()));
    }
    text.push_str(&format!(
        "symmetric subspace: dimension {} of {}\nirreps_out: {}\nmax residual {:.1e}, {:.3} ms\n",
        rtp.dim_out(),
        q.ncols(),
        rtp.irreps_out(),
        rtp.max_residual,
        seconds * 1e3
    ));
    if let Some(path) = output_text {
        text.push_str(&format!("Q written to {path}\n"));
    }
    Ok(text)
}
