//! `equivariant basis` (orbit route for `S_n` on tensor powers of `V`): DESIGN's keys, the
//! written arrays, the dimension formula, and refusals (theory/set-partitions.md).

mod common;

use common::{cli_json as json, run_cli as run};
use npyz::NpyFile;

fn read_f64(path: &std::path::Path) -> (Vec<u64>, Vec<f64>) {
    let file = NpyFile::new(std::fs::File::open(path).unwrap()).unwrap();
    let shape = file.shape().to_vec();
    (shape, file.into_vec::<f64>().unwrap())
}

/// The default request (`S5`, `V^2 → V^2`) has Bell(4) = 15 elements, written as a
/// `[15, 25, 25]` array of 0/1 entries whose supports partition `[5]^4`, each commuting with
/// the permutation action; the sidecar names each element's set partition.
#[test]
fn default_basis_is_the_fifteen_orbits_written_as_npy() {
    let dir = std::env::temp_dir().join(format!("equivariant-basis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("basis.npy");
    let doc = json(&["basis", "--output", path.to_str().unwrap(), "--json"]);
    for key in [
        "group",
        "in",
        "out",
        "in_dim",
        "out_dim",
        "dim",
        "method",
        "exact",
        "form",
        "max_residual",
        "seconds",
        "output",
    ] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    assert_eq!(doc["dim"], 15);
    assert_eq!(doc["method"], "orbits");
    let (shape, data) = read_f64(&path);
    assert_eq!(shape, vec![15, 25, 25]);
    let mut coverage = vec![0u32; 625];
    for (i, v) in data.iter().enumerate() {
        assert!(*v == 0.0 || *v == 1.0);
        if *v == 1.0 {
            coverage[i % 625] += 1;
        }
    }
    assert!(
        coverage.iter().all(|&c| c == 1),
        "the orbits partition the index pairs"
    );
    // Equivariance: B (P⊗P) = (P⊗P) B for the transposition (1,2) of S5.
    let swap = |i: usize| match i {
        0 => 1,
        1 => 0,
        i => i,
    };
    let p2 = |a: usize| swap(a / 5) * 5 + swap(a % 5);
    for b in 0..15 {
        for r in 0..25 {
            for c in 0..25 {
                assert_eq!(
                    data[b * 625 + r * 25 + c],
                    data[b * 625 + p2(r) * 25 + p2(c)]
                );
            }
        }
    }
    let sidecar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("basis.json")).unwrap()).unwrap();
    assert_eq!(sidecar["elements"].as_array().unwrap().len(), 15);
    assert_eq!(sidecar["elements"][0]["set_partition"], "{1,2,3,4}");
    assert!(sidecar["conventions"].is_object());
}

/// Dimensions follow the count of set partitions with at most `n` blocks, which is
/// `(1/n!) Σ_g fix(g)^{k+l}`: e.g. `S3` on `V^2 → V^2` has 14, `S2` has 8.
#[test]
fn dimensions_follow_the_block_bound() {
    for (group, input, output, dim) in [
        ("S3", "V^2", "V^2", 14),
        ("S2", "V^2", "V^2", 8),
        ("S6", "V", "V", 2),
        ("S6", "V^3", "triv", 5),
        ("S4", "V*V", "V", 5),
    ] {
        let doc = json(&[
            "basis", "--group", group, "--in", input, "--out", output, "--json",
        ]);
        assert_eq!(doc["dim"], dim, "{group} {input} → {output}");
        assert!(doc["max_residual"].as_f64().unwrap() < 1e-12);
    }
}

/// The sparse form writes COO arrays with one entry per non-zero of each element.
#[test]
fn sparse_form_writes_coo_arrays() {
    let dir = std::env::temp_dir().join(format!("equivariant-coo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("F.npy");
    let doc = json(&[
        "basis",
        "--group",
        "S4",
        "--form",
        "sparse",
        "--output",
        path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(doc["form"], "sparse");
    let (shape, values) = read_f64(&dir.join("F.vals.npy"));
    assert_eq!(shape, vec![256]); // every (i, j, k, l) ∈ [4]^4 lies in exactly one orbit
    assert!(values.iter().all(|v| *v == 1.0));
    for name in ["F.rows.npy", "F.cols.npy", "F.index.npy", "F.json"] {
        assert!(dir.join(name).exists(), "{name}");
    }
}

/// Routes that do not apply (the orbit route for a Lie group or a representation that is not
/// a signed permutation representation) are refused with the reason; a dense array that would
/// not fit is refused with its size and the sparse form offered.
#[test]
fn unsupported_and_oversized_requests_are_refused() {
    for (args, needle) in [
        (
            vec![
                "basis", "--method", "orbits", "--group", "SO3", "--in", "1", "--out", "1",
            ],
            "SO3",
        ),
        (
            vec![
                "basis", "--method", "orbits", "--group", "C5", "--in", "V", "--out", "V",
            ],
            "signed permutation",
        ),
        (
            vec![
                "basis",
                "--group",
                "S60",
                "--in",
                "V^3",
                "--out",
                "V^3",
                "--output",
                "/tmp/never.npy",
            ],
            "sparse",
        ),
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_ne!(code, 0, "{args:?}: {stdout}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
