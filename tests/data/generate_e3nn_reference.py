"""Reference values from e3nn 0.6.0 (torch), for tests/so3_e3nn.rs.

Run with the peers' venv (../shared/peers/so3/setup.sh):
    /opt/anchors/so3-venv/bin/python tests/data/generate_e3nn_reference.py > tests/data/e3nn_reference.json
"""
import json
import torch
from e3nn import o3

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(0)
points = torch.randn(6, 3, generator=gen)
points[5] = torch.tensor([0.0, 0.0, 2.0])  # on the z axis (e3nn's y axis is its pole)
out = {"e3nn": "0.6.0", "points": points.tolist(), "sh": {}, "w3j": [], "wigner_D": []}
for norm in ("integral", "component", "norm"):
    out["sh"][norm] = o3.spherical_harmonics(list(range(9)), points, normalize=True,
                                             normalization=norm).tolist()
for l1 in range(4):
    for l2 in range(4):
        for l3 in range(abs(l1 - l2), min(3, l1 + l2) + 1):
            out["w3j"].append({"l": [l1, l2, l3], "array": o3.wigner_3j(l1, l2, l3).tolist()})
angles = torch.tensor([[0.3, 1.1, -0.7], [2.0, 0.4, 1.3]])
for a, b, c in angles:
    R = o3.angles_to_matrix(a, b, c)
    for l in range(4):
        out["wigner_D"].append({"l": l, "matrix": R.tolist(),
                                "D": o3.wigner_D(l, a, b, c).tolist()})
print(json.dumps(out))
