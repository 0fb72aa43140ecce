//! The `equivariant` command line: argument parsing, the commands, and their human and
//! JSON output (one JSON document on stdout with `--json`; keys as in DESIGN).

mod basis;
mod bench;
mod chartable;
mod output;
mod rtp;
mod so3;
mod symmetric_table;

use crate::character::{character_of, character_table};
use crate::decompose::decompose;
use crate::group::catalogue::known_groups;
use crate::group::{AnyGroup, FiniteGroup, Group, PermutationGroup, build_group};
use crate::io::build::{RepAtoms, build_rep};
use crate::io::expr::{parse_group, parse_rep};
use crate::io::npy::write_matrix;
use crate::rep::Rep;
use crate::{Error, Result};
use clap::{Parser, Subcommand};
use output::{Table, class_json, json_integer, json_real};
use serde_json::{Value, json};
use std::sync::Arc;

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(
    name = "equivariant",
    version,
    about = "Representation theory for equivariant deep learning: groups, representations, equivariant maps"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the group names the command line knows, with their orders ("Lie" for Lie groups).
    Groups {
        /// Print one JSON document instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print the character table of a finite group (Dixon–Schneider): classes, irreps with
    /// their Frobenius–Schur indicators, and the values.
    Chartable {
        /// Group name, e.g. S5, A5, D5, Q8, I, C2xS3.
        #[arg(long, default_value = "S4")]
        group: String,
        /// Print one JSON document instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Decompose a representation of a finite group into irreducibles: multiplicities over R
    /// (with the type R/C/H of each real irreducible) and over C, checked by an isotypic
    /// decomposition whose residual is reported.
    Decompose {
        /// Group name, e.g. S5, A5, D5, Q8, I, C2xS3.
        #[arg(long, default_value = "S5")]
        group: String,
        /// Representation expression, e.g. "V^2".
        #[arg(long, default_value = "V^2")]
        rep: String,
        /// Write the change of basis Q (Q⁻¹ρ(g)Q = ⊕ρ_i(g) in the irreps' own matrices) as a
        /// float64 `.npy` array of shape [dim, dim].
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Print one JSON document instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Build a representation and print its dimension and, for finite groups, its character
    /// on every conjugacy class.
    Rep {
        /// Group name: S5, A5, C6, D4, Q8, T, O, I, Td, Oh, Ih, SO2, O2, SO3, O3, products like C2xS3.
        #[arg(long, default_value = "S4")]
        group: String,
        /// Representation expression, e.g. "V^2", "2x V + sym2(V)", "reg", "alt3(V)".
        #[arg(long, default_value = "V^2")]
        rep: String,
        /// Print one JSON document instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Clebsch–Gordan coefficients ⟨l1 m1 l2 m2 | l3 m3⟩ of SO(3), in the real or complex
    /// basis, optionally exact (signed square roots of rationals).
    Cg {
        /// The first degree.
        #[arg(long)]
        l1: usize,
        /// The second degree.
        #[arg(long)]
        l2: usize,
        /// The coupled degree, |l1 − l2| ≤ l3 ≤ l1 + l2.
        #[arg(long)]
        l3: usize,
        /// real (the intertwiner of the real irreps, DESIGN's phase) or complex (Condon–Shortley).
        #[arg(long, value_enum, default_value = "real")]
        basis: so3::Basis,
        /// Also print the exact values, like -sqrt(2/15).
        #[arg(long)]
        exact: bool,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Real spherical harmonics Y_lm(x/|x|) for all l ≤ lmax at one point.
    Sh {
        /// The largest degree.
        #[arg(long, default_value_t = 2)]
        lmax: usize,
        /// The point, as x,y,z (any non-zero length).
        #[arg(long, allow_hyphen_values = true)]
        xyz: String,
        #[command(flatten)]
        options: ShOptions,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// The Wigner matrix D^l of the rotation R_z(a) R_y(b) R_z(c).
    WignerD {
        /// The degree.
        #[arg(long)]
        l: usize,
        /// The ZYZ Euler angles a,b,c of R (radians).
        #[arg(long, allow_hyphen_values = true)]
        euler: String,
        /// real or complex.
        #[arg(long, value_enum, default_value = "real")]
        basis: so3::Basis,
        /// standard or e3nn (real basis only).
        #[arg(long, value_enum, default_value = "standard")]
        convention: so3::WignerConvention,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// A basis of the equivariant linear maps Hom_G(in, out): the weights of an equivariant
    /// layer, by the Schur, nullspace or orbit route.
    Basis {
        #[command(flatten)]
        problem: basis::Problem,
        /// Run every applicable route and compare them.
        #[arg(long)]
        check: bool,
        /// dense ([dim, out_dim, in_dim] float64), sparse or operator (COO arrays).
        #[arg(long, value_enum, default_value = "dense")]
        form: basis::Form,
        /// Write the basis to this .npy path (and its JSON sidecar beside it).
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Reduce a tensor with index symmetries (e3nn formula) into O(3) or SO(3) irreps, with
    /// the change of basis Q (e3nn's ReducedTensorProducts).
    Rtp {
        /// Index symmetries, e.g. ij=ji, ij=-ji, ijkl=jikl=ijlk=klij.
        #[arg(long, allow_hyphen_values = true)]
        formula: String,
        /// The irreps of an index, like i=1o (repeat for more indices); a letter the formula
        /// exchanges with a given one inherits its irreps; a bare 1o applies to every index.
        #[arg(long = "irreps", required = true)]
        irreps: Vec<String>,
        /// O3 or SO3 (parities ignored).
        #[arg(long, default_value = "O3")]
        group: String,
        /// Write Q as a float64 .npy array of shape [dim, d_1, ..., d_k].
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Time one piece of work in-process (after a warm-up), to compare with the peers.
    Bench {
        #[command(subcommand)]
        kind: bench::BenchKind,
    },
}

/// The spherical-harmonics options shared by `sh` and `bench sh`.
#[derive(clap::Args, Debug)]
struct ShOptions {
    /// integral (orthonormal on the sphere), component (Σ_m Y² = 2l+1) or norm (Σ_m Y² = 1).
    #[arg(long, default_value = "integral")]
    normalization: String,
    /// standard (l = 1 is (y, z, x)) or e3nn (Y_e3nn(v) = Y_std(P v), P(x, y, z) = (z, x, y)).
    #[arg(long, default_value = "standard")]
    convention: String,
}

/// Runs the command line and returns what to print on stdout.
pub fn run(cli: Cli) -> Result<String> {
    match cli.command {
        Command::Groups { json } => Ok(groups(json)),
        Command::Rep { group, rep, json } => rep_command(&group, &rep, json),
        Command::Chartable { group, json } => chartable::chartable_command(&group, json),
        Command::Decompose {
            group,
            rep,
            output,
            json,
        } => decompose_command(&group, &rep, output.as_deref(), json),
        Command::Cg {
            l1,
            l2,
            l3,
            basis,
            exact,
            json,
        } => so3::cg_command((l1, l2, l3), basis, exact, json),
        Command::Sh {
            lmax,
            xyz,
            options,
            json,
        } => so3::sh_command(
            lmax,
            &xyz,
            &options.normalization,
            &options.convention,
            json,
        ),
        Command::WignerD {
            l,
            euler,
            basis,
            convention,
            json,
        } => so3::wigner_d_command(l, &euler, basis, convention, json),
        Command::Bench { kind } => bench::bench_command(kind),
        Command::Rtp {
            formula,
            irreps,
            group,
            output,
            json,
        } => rtp::rtp_command(&formula, &irreps, &group, output.as_deref(), json),
        Command::Basis {
            problem,
            check,
            form,
            output,
            json,
        } => basis::basis_command(&basis::BasisRequest {
            group: &problem.group,
            rep_in: &problem.rep_in,
            rep_out: &problem.rep_out,
            method: problem.method,
            check,
            form,
            output: output.as_deref(),
            json,
        }),
    }
}

fn groups(json: bool) -> String {
    let groups = known_groups();
    if json {
        let list: Vec<Value> = groups
            .iter()
            .map(|g| {
                json!({
                    "name": g.name,
                    "order": g.order,
                    "lie": g.lie,
                    "description": g.description,
                })
            })
            .collect();
        return json!({ "groups": list }).to_string();
    }
    let mut table = Table::new(&["name", "order", "description"]);
    for g in &groups {
        let order = match (g.order, g.lie) {
            (Some(order), _) => order.to_string(),
            (None, true) => "Lie".into(),
            (None, false) => "family".into(),
        };
        table.row(vec![g.name.to_string(), order, g.description.to_string()]);
    }
    table.render()
}

fn rep_command(group_name: &str, rep_text: &str, json: bool) -> Result<String> {
    let group = build_group(&parse_group(group_name)?)?;
    let expr = parse_rep(rep_text)?;
    match group {
        AnyGroup::Finite(g) => {
            let rep = build_rep(&g, &expr)?;
            finite_rep_report(&g, &rep, rep_text, json)
        }
        AnyGroup::SO2(g) => lie_rep_report(&g, &build_rep(&g, &expr)?, rep_text, json),
        AnyGroup::O2(g) => lie_rep_report(&g, &build_rep(&g, &expr)?, rep_text, json),
        AnyGroup::SO3(g) => lie_rep_report(&g, &build_rep(&g, &expr)?, rep_text, json),
        AnyGroup::O3(g) => lie_rep_report(&g, &build_rep(&g, &expr)?, rep_text, json),
    }
}

fn decompose_command(
    group_name: &str,
    rep_text: &str,
    output: Option<&std::path::Path>,
    json: bool,
) -> Result<String> {
    let group = match build_group(&parse_group(group_name)?)? {
        AnyGroup::Finite(group) => group,
        AnyGroup::SO3(group) => {
            let rep = build_rep(&group, &parse_rep(rep_text)?)?;
            return so3::decompose_rotation_command(
                "SO3",
                rep.as_ref(),
                None,
                |g, blocks| rotation_blocks(g, false, blocks),
                rep_text,
                output,
                json,
            );
        }
        AnyGroup::O3(group) => {
            let rep = build_rep(&group, &parse_rep(rep_text)?)?;
            let parity = rep.matrix(&group.discrete_generators()[0]);
            return so3::decompose_rotation_command(
                "O3",
                rep.as_ref(),
                Some(parity),
                |g, blocks| rotation_blocks(&g.rotation, g.inversion, blocks),
                rep_text,
                output,
                json,
            );
        }
        other => {
            return Err(Error::Unsupported(format!(
                "decompose works for finite groups, SO3 and O3; not yet for {}",
                other.name()
            )));
        }
    };
    let rep = build_rep(&group, &parse_rep(rep_text)?)?;
    let table = character_table(&group)?;
    let multiplicities = table.multiplicities(&character_of(&table, rep.as_ref())?)?;
    let real = multiplicities.real.clone().ok_or_else(|| {
        Error::Numerical("the character is not that of a real representation".into())
    })?;
    // The explicit change of basis into the irreps' own matrices, when affordable; it checks
    // the multiplicities independently of the characters.
    let full = match decompose(&table, rep.as_ref()) {
        Ok(d) => Some(d),
        Err(Error::TooLarge { .. }) if output.is_none() => None,
        Err(e) => return Err(e),
    };
    if let (Some(path), Some(d)) = (output, &full) {
        write_matrix(path, &d.q)?;
    }
    let max_residual = full.as_ref().map_or(multiplicities.max_residual, |d| {
        d.max_residual.max(multiplicities.max_residual)
    });
    let real_irreps = table.real_irreps();
    let real_rows: Vec<(String, u64, &str, u64)> = real_irreps
        .iter()
        .zip(&real)
        .filter(|(_, m)| **m > 0)
        .map(|(r, &m)| (r.label.clone(), m, r.real_type.symbol(), r.dim))
        .collect();
    let complex_rows: Vec<(String, u64)> = table
        .irreps
        .iter()
        .zip(&multiplicities.complex)
        .filter(|(_, m)| **m > 0)
        .map(|(i, &m)| (i.label.clone(), m))
        .collect();
    let output_text = output.map(|p| p.display().to_string());
    if json {
        return Ok(json!({
            "group": group.name(),
            "rep": rep_text,
            "dim": rep.dim(),
            "real": real_rows.iter().map(|(label, m, t, d)| json!({
                "label": label, "multiplicity": m, "type": t, "dim": d,
            })).collect::<Vec<_>>(),
            "complex": complex_rows.iter().map(|(label, m)| json!({
                "label": label, "multiplicity": m,
            })).collect::<Vec<_>>(),
            "max_residual": max_residual,
            "change_of_basis_checked": full.is_some(),
            "orthogonal": full.as_ref().map(|d| d.orthogonal),
            "output": output_text,
        })
        .to_string());
    }
    let mut out = format!(
        "{} of {} (dimension {})\n\nover R: {}\nover C: {}\n\n",
        rep_text,
        group.name(),
        rep.dim(),
        multiplicities.describe_real(&table).unwrap_or_default(),
        multiplicities.describe_complex(&table)
    );
    let mut t = Table::new(&["real irrep", "type", "dim", "multiplicity"]);
    for (label, m, ty, d) in &real_rows {
        t.row(vec![
            label.clone(),
            ty.to_string(),
            d.to_string(),
            m.to_string(),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(&match &full {
        Some(d) => format!(
            "\nchange of basis Q ({}): max ‖Q⁻¹ρ(g)Q − ⊕ρ_i(g)‖ = {max_residual:.1e}\n",
            if d.orthogonal {
                "orthogonal"
            } else {
                "ρ unitarised first"
            }
        ),
        None => format!(
            "\nmultiplicity residual {max_residual:.1e} (change of basis skipped: too large)\n"
        ),
    });
    if let Some(path) = output_text {
        out.push_str(&format!("Q written to {path}\n"));
    }
    Ok(out)
}

/// `⊕ p(g) D_real^l(R)` over the blocks `(l, parity)` of a decomposition.
fn rotation_blocks(
    r: &crate::group::Rotation,
    inversion: bool,
    blocks: &[(usize, Option<crate::so3::irreps::Parity>)],
) -> Result<nalgebra::DMatrix<f64>> {
    let (alpha, beta, gamma) = r.to_euler_zyz();
    let matrices = blocks
        .iter()
        .map(|&(l, parity)| {
            let d = crate::so3::wigner_d::wigner_d_real(l, alpha, beta, gamma)?;
            let odd = parity == Some(crate::so3::irreps::Parity::Odd);
            Ok(if inversion && odd { -d } else { d })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(crate::linalg::direct_sum(&matrices))
}

fn finite_rep_report(
    group: &Arc<PermutationGroup>,
    rep: &Rep<PermutationGroup>,
    rep_text: &str,
    json: bool,
) -> Result<String> {
    let classes = group.conjugacy_classes()?;
    let characters: Vec<f64> = classes
        .iter()
        .map(|c| rep.character(&c.representative))
        .collect();
    if json {
        let class_list: Vec<Value> = classes
            .iter()
            .map(|c| {
                class_json(
                    json_integer(&c.size),
                    c.element_order,
                    group.describe(&c.representative),
                    c.cycle_type.as_ref(),
                )
            })
            .collect();
        return Ok(json!({
            "group": group.name(),
            "order": json_integer(&group.order()?),
            "rep": rep_text,
            "dim": rep.dim(),
            "classes": class_list,
            "character": characters.iter().map(|&x| json_real(x)).collect::<Vec<_>>(),
        })
        .to_string());
    }
    let mut out = format!(
        "group {} (order {}), representation {} of dimension {}\n\n",
        group.name(),
        group.order()?,
        rep_text,
        rep.dim()
    );
    let has_cycle_type = classes.iter().any(|c| c.cycle_type.is_some());
    let mut header = vec!["class", "size", "order", "representative"];
    if has_cycle_type {
        header.push("cycle type");
    }
    header.push("character");
    let mut table = Table::new(&header);
    for (i, (class, chi)) in classes.iter().zip(&characters).enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            class.size.to_string(),
            class.element_order.to_string(),
            group.describe(&class.representative),
        ];
        if has_cycle_type {
            row.push(format!(
                "{:?}",
                class.cycle_type.clone().unwrap_or_default()
            ));
        }
        row.push(json_real(*chi).to_string());
        table.row(row);
    }
    out.push_str(&table.render());
    Ok(out)
}

fn lie_rep_report<G: RepAtoms>(
    group: &Arc<G>,
    rep: &Rep<G>,
    rep_text: &str,
    json: bool,
) -> Result<String> {
    let lie_dim = group.lie_algebra_basis().len();
    if json {
        return Ok(json!({
            "group": group.name(),
            "order": Value::Null,
            "rep": rep_text,
            "dim": rep.dim(),
            "lie_algebra_dim": lie_dim,
        })
        .to_string());
    }
    Ok(format!(
        "group {} (compact Lie group, Lie algebra of dimension {lie_dim}), representation {} of dimension {}\n",
        group.name(),
        rep_text,
        rep.dim()
    ))
}
