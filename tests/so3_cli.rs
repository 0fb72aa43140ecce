//! The SO(3) commands of the command line: DESIGN's JSON keys, agreement between their forms
//! (exact and floating, real and complex), and their errors.

mod common;

use serde_json::Value;

use common::{cli_json as json, run_cli as run};

fn flat(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(items) if items.iter().all(|i| i.is_array()) => {
            items.iter().flat_map(flat).collect()
        }
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    }
}

/// Parses `sqrt(p/q)`, `-sqrt(p/q)`, `p/q` or `0` strings into `f64`.
fn exact_value(text: &str) -> f64 {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let ratio = |r: &str| match r.split_once('/') {
        Some((p, q)) => p.parse::<f64>().unwrap() / q.parse::<f64>().unwrap(),
        None => r.parse::<f64>().unwrap(),
    };
    match rest.strip_prefix("sqrt(").and_then(|r| r.strip_suffix(')')) {
        Some(inner) => sign * ratio(inner).sqrt(),
        None => sign * ratio(rest),
    }
}

/// `cg --exact` prints strings equal to the floating values, in both bases; the real array
/// has orthonormal columns (`Σ C² = 2 l3 + 1`) and the complex one conserves `m`.
#[test]
fn cg_exact_strings_agree_with_the_floating_array() {
    for basis in ["real", "complex"] {
        for (l1, l2, l3) in [(1, 1, 0), (1, 2, 2), (2, 2, 3), (3, 2, 4)] {
            let (a, b, c) = (l1.to_string(), l2.to_string(), l3.to_string());
            let doc = json(&[
                "cg", "--l1", &a, "--l2", &b, "--l3", &c, "--basis", basis, "--exact", "--json",
            ]);
            assert_eq!(doc["basis"], basis);
            assert_eq!(doc["l3"], l3);
            let exact: Vec<f64> = flat(&doc["exact"])
                .iter()
                .map(|v| exact_value(v.as_str().unwrap()))
                .collect();
            let values: Vec<f64> = match basis {
                "real" => flat(&doc["array"])
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect(),
                _ => flat(&doc["array"])
                    .chunks(2)
                    .map(|pair| {
                        assert_eq!(pair[1].as_f64().unwrap(), 0.0);
                        pair[0].as_f64().unwrap()
                    })
                    .collect(),
            };
            assert_eq!(values.len(), (2 * l1 + 1) * (2 * l2 + 1) * (2 * l3 + 1));
            for (x, y) in exact.iter().zip(&values) {
                assert!((x - y).abs() < 1e-14);
            }
            let norm: f64 = values.iter().map(|v| v * v).sum();
            assert!((norm - (2 * l3 + 1) as f64).abs() < 1e-12);
        }
    }
}

/// `sh` and `wigner-d` print DESIGN's keys; `Y(Rx) = D_real(R) Y(x)` holds between the two
/// commands' outputs, and the e3nn `D` at `l = 1` is `R` itself.
#[test]
fn sh_and_wigner_d_commands_agree_with_each_other() {
    let euler = "0.3,1.2,-0.4";
    let (a, b, g): (f64, f64, f64) = (0.3, 1.2, -0.4);
    let rz = |t: f64| {
        nalgebra::Matrix3::new(t.cos(), -t.sin(), 0.0, t.sin(), t.cos(), 0.0, 0.0, 0.0, 1.0)
    };
    let ry = |t: f64| {
        nalgebra::Matrix3::new(t.cos(), 0.0, t.sin(), 0.0, 1.0, 0.0, -t.sin(), 0.0, t.cos())
    };
    let r = rz(a) * ry(b) * rz(g);
    let x = nalgebra::Vector3::new(0.2, -0.7, 0.5);
    let rx = r * x;
    let sh = |v: &nalgebra::Vector3<f64>| {
        let xyz = format!("{},{},{}", v[0], v[1], v[2]);
        let doc = json(&["sh", "--lmax", "3", "--xyz", &xyz, "--json"]);
        assert_eq!(doc["normalization"], "integral");
        assert_eq!(doc["convention"], "standard");
        assert_eq!(doc["lmax"], 3);
        flat(&doc["values"])
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect::<Vec<f64>>()
    };
    let (y, y_rot) = (sh(&x), sh(&rx));
    for l in 0..=3usize {
        let doc = json(&[
            "wigner-d",
            "--l",
            &l.to_string(),
            "--euler",
            euler,
            "--json",
        ]);
        assert_eq!(doc["basis"], "real");
        let n = 2 * l + 1;
        let d: Vec<f64> = flat(&doc["matrix"])
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let d = nalgebra::DMatrix::from_row_slice(n, n, &d);
        let v = nalgebra::DVector::from_column_slice(&y[l * l..(l + 1) * (l + 1)]);
        let w = nalgebra::DVector::from_column_slice(&y_rot[l * l..(l + 1) * (l + 1)]);
        assert!((d * v - w).amax() < 1e-12, "l = {l}");
    }
    let doc = json(&[
        "wigner-d",
        "--l",
        "1",
        "--euler",
        euler,
        "--convention",
        "e3nn",
        "--json",
    ]);
    let d: Vec<f64> = flat(&doc["matrix"])
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let d = nalgebra::Matrix3::from_row_slice(&d);
    assert!((d - r).amax() < 1e-12);
    let doc = json(&[
        "wigner-d", "--l", "2", "--euler", euler, "--basis", "complex", "--json",
    ]);
    assert_eq!(flat(&doc["matrix"]).len(), 2 * 25);
}

/// `decompose` for `O3` and `SO3`: the e3nn example `1o*1o = 0e + 1e + 2e`, DESIGN's keys,
/// and `V^4` of `SO3` with multiplicities summing to the dimension.
#[test]
fn decompose_rotation_groups() {
    let doc = json(&["decompose", "--group", "O3", "--rep", "1o*1o", "--json"]);
    let labels: Vec<&str> = doc["real"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["0e", "1e", "2e"]);
    assert!(doc["max_residual"].as_f64().unwrap() < 1e-12);
    assert_eq!(doc["dim"], 9);
    let doc = json(&["decompose", "--group", "SO3", "--rep", "V^4", "--json"]);
    let total: u64 = doc["real"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["multiplicity"].as_u64().unwrap() * r["dim"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 81);
    let doc = json(&["rep", "--group", "O3", "--rep", "16x0e+8x1o+4x2e", "--json"]);
    assert_eq!(doc["dim"], 60);
}

/// `bench` prints DESIGN's keys for each SO(3) kind.
#[test]
fn bench_kinds_print_the_timing_keys() {
    for args in [
        vec![
            "bench",
            "sh",
            "--lmax",
            "4",
            "--points",
            "1000",
            "--precision",
            "f32",
        ],
        vec!["bench", "wigner-d", "--l", "20"],
        vec!["bench", "cg", "--lmax", "4"],
        vec!["bench", "chartable", "--group", "S5"],
    ] {
        let mut full = args.clone();
        full.extend(["--threads", "1", "--repeat", "2", "--json"]);
        let doc = json(&full);
        assert_eq!(doc["kind"], args[1]);
        assert_eq!(doc["threads"], 1);
        assert_eq!(doc["repeat"], 2);
        assert!(doc["median_seconds"].as_f64().unwrap() >= doc["min_seconds"].as_f64().unwrap());
        assert!(doc["params"].is_object());
    }
}

/// Bad input is an error naming the bad part, never a panic.
#[test]
fn so3_commands_refuse_bad_input() {
    for (args, needle) in [
        (vec!["cg", "--l1", "1", "--l2", "1", "--l3", "3"], "l3"),
        (vec!["sh", "--lmax", "2", "--xyz", "0,0,0"], ""),
        (vec!["sh", "--lmax", "2", "--xyz", "1,2"], "--xyz"),
        (vec!["sh", "--lmax", "2", "--xyz", "1,nan,2"], "--xyz"),
        (
            vec![
                "sh",
                "--lmax",
                "2",
                "--xyz",
                "1,2,3",
                "--normalization",
                "unit",
            ],
            "unit",
        ),
        (vec!["wigner-d", "--l", "2", "--euler", "1,2,x"], "--euler"),
        (
            vec![
                "wigner-d",
                "--l",
                "2",
                "--euler",
                "1,2,3",
                "--basis",
                "complex",
                "--convention",
                "e3nn",
            ],
            "e3nn",
        ),
        (vec!["wigner-d", "--l", "100000000", "--euler", "1,2,3"], ""),
        (vec!["rep", "--group", "SO3", "--rep", "1o"], "parit"),
        (vec!["rep", "--group", "O3", "--rep", "reg"], "reg"),
        (vec!["rep", "--group", "O3", "--rep", "1q"], "1q"),
        (
            vec!["cg", "--l1", "5000", "--l2", "5000", "--l3", "5000"],
            "",
        ),
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_ne!(code, 0, "{args:?} succeeded: {stdout}");
        assert!(stderr.starts_with("error:"), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
