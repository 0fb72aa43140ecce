"""Reference values from e3nn 0.6.0 (torch) for tests/reduced_tensor_products.rs:
`ReducedTensorProducts(formula, **irreps)` -> `irreps_out` and, for tensors of total dimension
at most 81, the change of basis (shape [dim_out, d_1, ..., d_k], flattened row-major, in e3nn's
real basis: convert with A_l = D_real^l(P), P(x, y, z) = (z, x, y); theory/conventions.md).

Run with the peers' venv (../shared/peers/so3/setup.sh):
    /opt/anchors/so3-venv/bin/python tests/data/generate_e3nn_rtp_reference.py > tests/data/e3nn_rtp_reference.json
"""
import json
import torch
from e3nn import o3

torch.set_default_dtype(torch.float64)
CASES = [
    ("ij", {"i": "1o", "j": "1o"}),
    ("ijk", {"i": "1o", "j": "1o", "k": "1o"}),
    ("ij=ji", {"i": "1o"}),
    ("ij=-ji", {"i": "1o"}),
    ("ijkl", {"i": "1o", "j": "1o", "k": "1o", "l": "1o"}),
    ("ijkl=jikl=ijlk=klij", {"i": "1o"}),
    ("ijklm", {c: "1o" for c in "ijklm"}),
    ("ij=ji", {"i": "0e+1o"}),
    ("ijk=jik", {"i": "1o", "k": "2e"}),
    ("ij", {"i": "1o", "j": "1o+1e"}),
]
out = {"e3nn": "0.6.0", "cases": []}
for formula, irreps in CASES:
    tp = o3.ReducedTensorProducts(formula, **irreps)
    q = tp.change_of_basis
    case = {
        "formula": formula,
        "irreps": irreps,
        "irreps_in": [str(i) for i in tp.irreps_in],
        "irreps_out": str(tp.irreps_out),
        "shape": list(q.shape),
    }
    if q[0].numel() <= 81:
        case["change_of_basis"] = q.flatten().tolist()
    out["cases"].append(case)
print(json.dumps(out))
