//! The `SO(3)` commands: `cg`, `sh` and `wigner-d` (DESIGN's keys).
//!
//! * `cg --l1 a --l2 b --l3 c [--basis real|complex] [--exact]`: `array` indexed
//!   `[m1+l1][m2+l2][m3+l3]` (complex basis as `[re, im]` pairs), with `--exact` also `exact`,
//!   the same shape of strings such as `-sqrt(2/15)`;
//! * `sh --lmax L --xyz x,y,z [--normalization …] [--convention …]`: `values`, flat over
//!   `l = 0..lmax`, `m = −l..l`;
//! * `wigner-d --l L --euler a,b,c [--basis real|complex] [--convention standard|e3nn]`:
//!   `matrix`, rows `m` and columns `m'` from `−l` to `l`. The angles are always the ZYZ angles
//!   of `R`; the convention chooses whose matrix for that `R`.

use crate::io::npy::write_matrix;
use crate::num::sqrt_rational::SqrtRational;
use crate::so3::clebsch_gordan::{
    clebsch_gordan_exact, real_clebsch_gordan, real_clebsch_gordan_exact, triangle,
};
use crate::so3::decompose::{Parity, decompose_so3};
use crate::so3::spherical_harmonics::{Convention, Normalization, SphericalHarmonics};
use crate::so3::wigner_d::{wigner_d_complex, wigner_d_e3nn, wigner_d_real};
use crate::{Error, Result};
use num_complex::Complex64;
use rand::SeedableRng;
use serde_json::{Value, json};

/// The most entries `cg` or `wigner-d` prints (a larger request is refused, not truncated).
pub const MAX_PRINTED_ENTRIES: usize = 1 << 22;

/// Which basis a command works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Basis {
    /// The standard real basis (`l = 1` is `(y, z, x)`).
    Real,
    /// The complex basis `|l m⟩` with the Condon–Shortley phase.
    Complex,
}

impl Basis {
    fn name(self) -> &'static str {
        match self {
            Basis::Real => "real",
            Basis::Complex => "complex",
        }
    }
}

fn check_printable(what: &str, entries: f64) -> Result<()> {
    if entries > MAX_PRINTED_ENTRIES as f64 {
        return Err(Error::TooLarge {
            what: what.into(),
            needed: format!("{entries:.0} entries"),
            limit: format!("{MAX_PRINTED_ENTRIES} entries"),
        });
    }
    Ok(())
}

/// Parses `x,y,z`-style lists of `n` finite numbers, naming `flag` in errors.
pub fn parse_floats(flag: &str, text: &str, n: usize) -> Result<Vec<f64>> {
    let values: Vec<f64> = text
        .split(',')
        .map(|part| {
            part.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "{flag}: {:?} is not a finite number (expected {n} comma-separated numbers)",
                        part.trim()
                    ))
                })
        })
        .collect::<Result<_>>()?;
    if values.len() != n {
        return Err(Error::InvalidInput(format!(
            "{flag} takes {n} comma-separated numbers, got {}",
            values.len()
        )));
    }
    Ok(values)
}

fn nest<T: Clone>(flat: &[T], shape: [usize; 3], to_json: impl Fn(&T) -> Value) -> Value {
    let [_, b, c] = shape;
    Value::Array(
        flat.chunks(b * c)
            .map(|plane| {
                Value::Array(
                    plane
                        .chunks(c)
                        .map(|row| Value::Array(row.iter().map(&to_json).collect()))
                        .collect(),
                )
            })
            .collect(),
    )
}

/// `equivariant cg`.
pub fn cg_command(
    (l1, l2, l3): (usize, usize, usize),
    basis: Basis,
    exact: bool,
    json: bool,
) -> Result<String> {
    if !triangle(l1, l2, l3) {
        return Err(Error::InvalidInput(format!(
            "--l3 {l3} is not in |l1 − l2|..=l1 + l2 = {}..={}: the coefficients all vanish",
            l1.abs_diff(l2),
            l1 + l2
        )));
    }
    let shape = [2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1];
    check_printable(
        "the Clebsch-Gordan array",
        shape.iter().map(|&n| n as f64).product(),
    )?;
    let exact_values: Option<Vec<SqrtRational>> = if exact {
        Some(match basis {
            Basis::Real => real_clebsch_gordan_exact(l1, l2, l3)?,
            Basis::Complex => complex_exact(l1, l2, l3)?,
        })
    } else {
        None
    };
    let values: Vec<f64> = match (&exact_values, basis) {
        (Some(exact), _) => exact.iter().map(SqrtRational::to_f64).collect(),
        (None, Basis::Real) => real_clebsch_gordan(l1, l2, l3)?.dense().to_vec(),
        (None, Basis::Complex) => complex_f64(l1, l2, l3)?,
    };
    if json {
        let array = match basis {
            Basis::Real => nest(&values, shape, |v| json!(v)),
            Basis::Complex => nest(&values, shape, |v| json!([v, 0.0])),
        };
        let mut doc = json!({"l1": l1, "l2": l2, "l3": l3, "basis": basis.name(), "array": array});
        if let Some(exact) = &exact_values {
            doc["exact"] = nest(exact, shape, |v| json!(v.to_string()));
        }
        return Ok(doc.to_string());
    }
    let mut out = format!(
        "Clebsch-Gordan coefficients ({} basis) for {l1} ⊗ {l2} → {l3}; non-zero entries:\n m1  m2  m3  value\n",
        basis.name()
    );
    let ms = |l: usize| -(l as i64)..=l as i64;
    let mut index = 0;
    for m1 in ms(l1) {
        for m2 in ms(l2) {
            for m3 in ms(l3) {
                let value = values[index];
                if value != 0.0 {
                    let shown = match &exact_values {
                        Some(e) => format!("{}  ({value:.15})", e[index]),
                        None => format!("{value:.15}"),
                    };
                    out.push_str(&format!("{m1:>3} {m2:>3} {m3:>3}  {shown}\n"));
                }
                index += 1;
            }
        }
    }
    Ok(out)
}

fn complex_f64(l1: usize, l2: usize, l3: usize) -> Result<Vec<f64>> {
    complex_entries(l1, l2, l3, |m1, m2, m3| {
        crate::so3::clebsch_gordan::clebsch_gordan(l1, m1, l2, m2, l3, m3)
    })
}

fn complex_exact(l1: usize, l2: usize, l3: usize) -> Result<Vec<SqrtRational>> {
    complex_entries(l1, l2, l3, |m1, m2, m3| {
        clebsch_gordan_exact(l1, m1, l2, m2, l3, m3)
    })
}

fn complex_entries<T>(
    l1: usize,
    l2: usize,
    l3: usize,
    f: impl Fn(i64, i64, i64) -> Result<T>,
) -> Result<Vec<T>> {
    let ms = |l: usize| -(l as i64)..=l as i64;
    let mut out = Vec::new();
    for m1 in ms(l1) {
        for m2 in ms(l2) {
            for m3 in ms(l3) {
                out.push(f(m1, m2, m3)?);
            }
        }
    }
    Ok(out)
}

/// `equivariant sh`.
pub fn sh_command(
    lmax: usize,
    xyz: &str,
    normalization: &str,
    convention: &str,
    json: bool,
) -> Result<String> {
    let point = parse_floats("--xyz", xyz, 3)?;
    let normalization: Normalization = normalization.parse()?;
    let convention: Convention = convention.parse()?;
    check_printable("the spherical harmonics", ((lmax as f64) + 1.0).powi(2))?;
    let plan = SphericalHarmonics::<f64>::new(lmax, normalization, convention)?;
    let values = plan.compute(&[[point[0], point[1], point[2]]])?;
    if json {
        return Ok(json!({
            "lmax": lmax,
            "normalization": normalization.to_string(),
            "convention": convention.to_string(),
            "xyz": point,
            "values": values,
        })
        .to_string());
    }
    let mut out = format!(
        "real spherical harmonics at ({}, {}, {}), {normalization} normalisation, {convention} convention\n  l   m  value\n",
        point[0], point[1], point[2]
    );
    let mut index = 0;
    for l in 0..=lmax as i64 {
        for m in -l..=l {
            out.push_str(&format!("{l:>3} {m:>3}  {:.15}\n", values[index]));
            index += 1;
        }
    }
    Ok(out)
}

/// The conventions of `wigner-d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum WignerConvention {
    /// `D^l_{mm'}(α,β,γ) = e^{−imα} d^l_{mm'}(β) e^{−im'γ}` (complex) and `D_real = U D* U†`.
    Standard,
    /// e3nn's real matrices: `D_e3nn(R) = D_real(P R Pᵀ)`, `P(x, y, z) = (z, x, y)`.
    E3nn,
}

/// `equivariant wigner-d`.
pub fn wigner_d_command(
    l: usize,
    euler: &str,
    basis: Basis,
    convention: WignerConvention,
    json: bool,
) -> Result<String> {
    let angles = parse_floats("--euler", euler, 3)?;
    let (alpha, beta, gamma) = (angles[0], angles[1], angles[2]);
    check_printable("the Wigner matrix", ((2 * l + 1) as f64).powi(2))?;
    let rows: Vec<Vec<Value>> = match (basis, convention) {
        (Basis::Complex, WignerConvention::E3nn) => {
            return Err(Error::InvalidInput(
                "--convention e3nn gives e3nn's real matrices; use --basis real with it".into(),
            ));
        }
        (Basis::Complex, WignerConvention::Standard) => {
            let d = wigner_d_complex(l, alpha, beta, gamma)?;
            matrix_rows(d.nrows(), d.ncols(), |r, c| {
                let z: Complex64 = d[(r, c)];
                json!([z.re, z.im])
            })
        }
        (Basis::Real, convention) => {
            let d = match convention {
                WignerConvention::Standard => wigner_d_real(l, alpha, beta, gamma)?,
                WignerConvention::E3nn => wigner_d_e3nn(l, alpha, beta, gamma)?,
            };
            matrix_rows(d.nrows(), d.ncols(), |r, c| json!(d[(r, c)]))
        }
    };
    let convention_name = match convention {
        WignerConvention::Standard => "standard",
        WignerConvention::E3nn => "e3nn",
    };
    if json {
        return Ok(json!({
            "l": l,
            "euler": angles,
            "basis": basis.name(),
            "convention": convention_name,
            "matrix": rows,
        })
        .to_string());
    }
    let mut out = format!(
        "Wigner D^{l} ({} basis, {convention_name} convention) of R_z({alpha}) R_y({beta}) R_z({gamma}); rows m, columns m' from -{l} to {l}\n",
        basis.name()
    );
    for row in rows {
        let cells: Vec<String> = row.iter().map(Value::to_string).collect();
        out.push_str(&cells.join(" "));
        out.push('\n');
    }
    Ok(out)
}

fn matrix_rows(rows: usize, cols: usize, entry: impl Fn(usize, usize) -> Value) -> Vec<Vec<Value>> {
    (0..rows)
        .map(|r| (0..cols).map(|c| entry(r, c)).collect())
        .collect()
}

/// `equivariant decompose --group SO3|O3 --rep R`: the decomposition by Casimir and `J_z`
/// eigenspaces ([`crate::so3::decompose::decompose_so3`]), with the change of basis checked
/// on the Lie algebra, the inversion and a few random group elements.
pub fn decompose_rotation_command<G: crate::group::Group>(
    group_name: &str,
    rep: &dyn crate::rep::Representation<G>,
    parity: Option<nalgebra::DMatrix<f64>>,
    block_matrix: impl Fn(&G::Element, &[(usize, Option<Parity>)]) -> Result<nalgebra::DMatrix<f64>>,
    rep_text: &str,
    output: Option<&std::path::Path>,
    json: bool,
) -> Result<String> {
    let generators = rep.lie_algebra_matrices();
    let d = decompose_so3(&generators, parity.as_ref())?;
    let blocks = d.blocks();
    let mut rng = rand::rngs::StdRng::seed_from_u64(17);
    let mut max_residual = d.max_residual;
    for _ in 0..3 {
        let g = rep.group().random_element(&mut rng)?;
        let lhs = rep.matrix(&g) * &d.q;
        let rhs = &d.q * block_matrix(&g, &blocks)?;
        max_residual = max_residual.max((lhs - rhs).amax());
    }
    if let Some(path) = output {
        write_matrix(path, &d.q)?;
    }
    let label = |l: usize, p: Option<Parity>| match p {
        Some(p) => format!("{l}{p}"),
        None => l.to_string(),
    };
    let rows: Vec<(String, usize, usize)> = d
        .multiplicities
        .iter()
        .map(|&(l, p, m)| (label(l, p), m, 2 * l + 1))
        .collect();
    if json {
        return Ok(json!({
            "group": group_name,
            "rep": rep_text,
            "dim": rep.dim(),
            "real": rows.iter().map(|(label, m, dim)| json!({
                "label": label, "multiplicity": m, "type": "R", "dim": dim,
            })).collect::<Vec<_>>(),
            "complex": rows.iter().map(|(label, m, _)| json!({
                "label": label, "multiplicity": m,
            })).collect::<Vec<_>>(),
            "irreps": d.irreps_string(),
            "max_residual": max_residual,
            "orthogonal": d.orthogonal,
            "output": output.map(|p| p.display().to_string()),
        })
        .to_string());
    }
    let mut out = format!(
        "{rep_text} of {group_name} (dimension {}) = {}\n",
        rep.dim(),
        d.irreps_string()
    );
    out.push_str(&format!(
        "change of basis Q ({}): max residual {max_residual:.1e} (Lie algebra, parity and 3 random elements)\n",
        if d.orthogonal { "orthogonal" } else { "invertible" }
    ));
    if let Some(path) = output {
        out.push_str(&format!("Q written to {}\n", path.display()));
    }
    Ok(out)
}
