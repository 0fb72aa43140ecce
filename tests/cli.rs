//! The command line: its JSON contract (DESIGN's keys) and its behaviour on bad input.

mod common;

use serde_json::Value;

use common::{cli_json as json, run_cli as run};

#[test]
fn rep_of_s4_tensor_square_counts_fixed_points() {
    let doc = json(&["rep", "--group", "S4", "--rep", "V^2", "--json"]);
    assert_eq!(doc["dim"], 16);
    assert_eq!(doc["group"], "S4");
    let classes = doc["classes"].as_array().unwrap();
    let character = doc["character"].as_array().unwrap();
    assert_eq!(classes.len(), 5);
    let mut total = 0;
    for (class, chi) in classes.iter().zip(character) {
        let cycle_type: Vec<u64> = serde_json::from_value(class["cycle_type"].clone()).unwrap();
        let fixed = cycle_type.iter().filter(|&&c| c == 1).count() as i64;
        assert_eq!(chi.as_i64().unwrap(), fixed * fixed);
        total += class["size"].as_u64().unwrap();
        assert!(class["order"].as_u64().is_some());
        assert!(class["representative"].as_str().is_some());
    }
    assert_eq!(total, 24);
}

#[test]
fn rep_of_icosahedral_group_gives_rotation_character() {
    let doc = json(&["rep", "--group", "I", "--rep", "V", "--json"]);
    assert_eq!(doc["dim"], 3);
    let character: Vec<f64> = doc["character"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(character.len(), 5);
    let phi = (1.0 + 5f64.sqrt()) / 2.0;
    for expected in [3.0, -1.0, 0.0, phi, 1.0 - phi] {
        assert!(
            character.iter().any(|c| (c - expected).abs() < 1e-12),
            "{expected} missing"
        );
    }
}

#[test]
fn groups_lists_names_with_orders_or_null() {
    let doc = json(&["groups", "--json"]);
    let groups = doc["groups"].as_array().unwrap();
    let find = |name: &str| groups.iter().find(|g| g["name"] == name).unwrap().clone();
    assert_eq!(find("I")["order"], 60);
    assert_eq!(find("SO2")["order"], Value::Null);
    assert!(groups.iter().all(|g| g["description"].is_string()));
}

#[test]
fn lie_group_reps_report_their_dimension() {
    let doc = json(&["rep", "--group", "SO2", "--rep", "sym2(V) + 3", "--json"]);
    assert_eq!(doc["dim"], 5);
}

#[test]
fn large_symmetric_groups_need_no_enumeration() {
    let doc = json(&["rep", "--group", "S20", "--rep", "V", "--json"]);
    assert_eq!(doc["classes"].as_array().unwrap().len(), 627);
    assert_eq!(doc["order"], "2432902008176640000");
}

/// Requests that are huge in some hidden way (deep powers, large degrees, exponential subset
/// counts, astronomically many classes) finish within seconds, with an answer or a TooLarge
/// error, never a crash.
#[test]
fn hostile_sizes_finish_quickly_without_crashing() {
    let cases: &[&[&str]] = &[
        &["rep", "--group", "S1", "--rep", "sym1(V^60000)"],
        &["rep", "--group", "S1", "--rep", "triv^4000000000"],
        &["rep", "--group", "S1", "--rep", "sym100000000(triv)"],
        &["rep", "--group", "S2", "--rep", "1000000000x alt5(V)"],
        &["rep", "--group", "Ih", "--rep", "alt200(reg)"],
        &["rep", "--group", "Ih", "--rep", "alt119(reg)"],
        &["rep", "--group", "S14", "--rep", "alt7(V)"],
        &["rep", "--group", "C4", "--rep", "sym16000(V)"],
        &[
            "rep",
            "--group",
            "D2",
            "--rep",
            "sym100000(alt100000(reg + reg))",
        ],
        &["rep", "--group", "C4", "--rep", "1000x (sym3000(V))"],
        &["rep", "--group", "S80", "--rep", "V"],
        &["rep", "--group", "C100000", "--rep", "V"],
        &["rep", "--group", "D2000000000", "--rep", "V"],
        &["rep", "--group", "A100000", "--rep", "V"],
        &[
            "rep",
            "--group",
            "C2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2xC2",
            "--rep",
            "V",
        ],
    ];
    for args in cases {
        let start = std::time::Instant::now();
        let (code, _, stderr) = run(args);
        assert!(
            start.elapsed().as_secs() < 20,
            "{args:?} took {:?}",
            start.elapsed()
        );
        assert!(
            code == 0 || stderr.contains("too large"),
            "{args:?}: {stderr}"
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("overflow"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn malformed_input_exits_non_zero_with_a_message_and_no_panic() {
    let cases: &[&[&str]] = &[
        &["rep", "--group", "S0", "--rep", "V"],
        &["rep", "--group", "C0", "--rep", "V"],
        &["rep", "--group", "Foo", "--rep", "V"],
        &["rep", "--group", "S4", "--rep", "V +"],
        &["rep", "--group", "S4", "--rep", "(V"],
        &["rep", "--group", "S4", "--rep", "W"],
        &["rep", "--group", "S4", "--rep", "sym40(reg)"],
        &["rep", "--group", "C5", "--rep", "sign"],
        &["rep", "--group", "SO2", "--rep", "reg"],
        &["rep", "--group", "S4", "--rep", "V^0"],
        &["rep", "--group", "S4", "--rep", "é"],
    ];
    for args in cases {
        let (code, stdout, stderr) = run(args);
        assert_ne!(code, 0, "{args:?} should fail");
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
        assert!(stderr.starts_with("error:"), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?} printed {stdout}");
    }
}

/// `decompose` reports DESIGN's keys and writes Q: an orthogonal [25, 25] float64 array for
/// `V^2` of `S5`, whose multiplicities are `2x[5] + 3x[4,1] + [3,2] + [3,1,1]`.
#[test]
fn decompose_reports_multiplicities_and_writes_q() {
    let path = std::env::temp_dir().join(format!("equivariant-cli-q-{}.npy", std::process::id()));
    let path_text = path.display().to_string();
    let doc = json(&[
        "decompose",
        "--group",
        "S5",
        "--rep",
        "V^2",
        "--output",
        &path_text,
        "--json",
    ]);
    assert_eq!(doc["dim"], 25);
    let real: Vec<(String, u64)> = doc["real"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["multiplicity"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [("[5]", 2), ("[4,1]", 3), ("[3,2]", 1), ("[3,1,1]", 1)];
    assert_eq!(real.len(), expected.len());
    for (label, m) in expected {
        assert!(real.contains(&(label.to_string(), m)), "{label}");
    }
    assert!(doc["max_residual"].as_f64().unwrap() < 1e-9);
    assert_eq!(doc["output"], path_text.as_str());
    let bytes = std::fs::read(&path).unwrap();
    let array = npyz::NpyFile::new(&bytes[..]).unwrap();
    assert_eq!(array.shape(), &[25, 25]);
    let q = nalgebra::DMatrix::from_row_slice(25, 25, &array.into_vec::<f64>().unwrap());
    assert!((q.transpose() * &q - nalgebra::DMatrix::identity(25, 25)).norm() < 1e-9);
    std::fs::remove_file(&path).unwrap();
}
