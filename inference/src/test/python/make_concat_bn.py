#!/usr/bin/python3
"""Generates inference/src/test/resources/onnx/concat_bn.onnx and concat_bn.json.

A seeded tiny network whose batch norms cannot be folded into a convolution by the exporter:
two Conv → ReLU branches, Concat, BatchNorm2d, ReLU, global average pool, Linear, BatchNorm1d
(rank-2 input), Linear — the DenseNet pattern (BN after Concat) plus a BN on an N×C tensor.
Exported with Debian's python3-torch (opset 13). The JSON holds a seeded input batch (2x3x12x12,
float32 values), the target class, and PyTorch's logits and d logit[target] / d input summed over
the batch, computed in float64 on the float32 weights and input (the exact values a float32 engine
approximates). The seed is the first from FIRST_SEED whose ReLU gates all keep a relative margin of
MIN_GATE_MARGIN from 0 (a gate closer than float32 rounding could flip between engines and change
the gradient legitimately); seed and margin are recorded.
Run: /usr/bin/python3 inference/src/test/python/make_concat_bn.py
"""
import json
import pathlib

import onnx
import torch
import torch.nn as nn

FIRST_SEED = 4321
TARGET = 1
# The first seed from FIRST_SEED whose every ReLU pre-activation is at least this far from 0
# (relative to its layer's max |value|) is used: float32 rounding cannot flip such a gate.
MIN_GATE_MARGIN = 1e-5


class ConcatBn(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.b = nn.Conv2d(3, 4, 1)
        self.bn = nn.BatchNorm2d(8)
        self.fc1 = nn.Linear(8, 6)
        self.bn1d = nn.BatchNorm1d(6)
        self.fc2 = nn.Linear(6, 3)
        self.pre = []

    def gate(self, t):
        self.pre.append(t)
        return torch.relu(t)

    def forward(self, x):
        self.pre = []
        h = torch.cat([self.gate(self.a(x)), self.gate(self.b(x))], 1)
        h = self.gate(self.bn(h))
        h = torch.flatten(nn.functional.adaptive_avg_pool2d(h, 1), 1)
        return self.fc2(self.bn1d(self.fc1(h)))


def build(seed):
    torch.manual_seed(seed)
    m = ConcatBn()
    with torch.no_grad():
        # Non-trivial statistics and affine parameters, so swapping mean/var or dropping γ/β shows.
        for bn in (m.bn, m.bn1d):
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.3, 2.0)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.3, 0.3)
    m.eval()
    inp = torch.randn(2, 3, 12, 12, dtype=torch.float32)
    m64 = ConcatBn()
    m64.load_state_dict(m.state_dict())
    m64 = m64.double().eval()
    x64 = inp.double().requires_grad_(True)
    out = m64(x64)
    out[:, TARGET].sum().backward()
    gate = min(float(p.abs().min() / p.abs().max()) for p in m64.pre)
    return m, inp, out.detach(), x64.grad, gate


seed = FIRST_SEED
while True:
    model, x, logits, grad, margin = build(seed)
    if margin >= MIN_GATE_MARGIN:
        break
    seed += 1

out_dir = pathlib.Path(__file__).resolve().parents[1] / "resources" / "onnx"
out_dir.mkdir(parents=True, exist_ok=True)
onnx_path = out_dir / "concat_bn.onnx"
torch.onnx.export(model, x, str(onnx_path), opset_version=13,
                  input_names=["input"], output_names=["logits"],
                  dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
bn_nodes = sum(n.op_type == "BatchNormalization" for n in onnx.load(str(onnx_path)).graph.node)
assert bn_nodes == 2, f"expected 2 unfolded BatchNormalization nodes, got {bn_nodes}"

(out_dir / "concat_bn.json").write_text(json.dumps({
    "input_shape": list(x.shape),
    "input": [float(v) for v in x.flatten()],
    "target": TARGET,
    "seed": seed,
    "logits": [float(v) for v in logits.flatten()],
    "input_gradient": [float(v) for v in grad.flatten()],
    "min_relative_gate_margin": margin,
    "torch": torch.__version__,
}))
print("wrote", onnx_path, "seed", seed, "batch norms:", bn_nodes, "min gate margin:", margin)
