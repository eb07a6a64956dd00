#!/usr/bin/python3
"""Generates inference/src/test/resources/onnx/tiny_cnn.onnx, tiny_cnn_tail.onnx and tiny_cnn.json.

A seeded tiny CNN (conv, batch-norm, relu, max-pool, conv with stride, global average pool,
linear) exported with Debian's python3-torch; the JSON holds a seeded input batch (2x1x16x16)
and PyTorch's logits for it, so the Java test checks the engine against PyTorch as well as
against finite differences. Run: /usr/bin/python3 inference/src/test/python/make_tiny_cnn.py
"""
import json
import pathlib

import torch
import torch.nn as nn

torch.manual_seed(1234)


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        x = torch.relu(self.conv2(x))
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


model = TinyCnn()
# Non-trivial batch-norm statistics so the test sees them.
with torch.no_grad():
    model.bn1.running_mean.uniform_(-0.5, 0.5)
    model.bn1.running_var.uniform_(0.5, 2.0)
    model.bn1.weight.uniform_(0.5, 1.5)
    model.bn1.bias.uniform_(-0.2, 0.2)
model.eval()

out_dir = pathlib.Path(__file__).resolve().parents[1] / "resources" / "onnx"
out_dir.mkdir(parents=True, exist_ok=True)
x = torch.randn(2, 1, 16, 16)
torch.onnx.export(model, x, str(out_dir / "tiny_cnn.onnx"), opset_version=13,
                  input_names=["input"], output_names=["logits"],
                  dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
with torch.no_grad():
    logits = model(x)


class Tail(nn.Module):
    """The part of TinyCnn after the max-pool: d logit / d pool output is checked on it by finite differences."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, p):
        h = torch.relu(self.m.conv2(p))
        return self.m.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(h, 1), 1))


torch.onnx.export(Tail(model), torch.randn(2, 4, 8, 8), str(out_dir / "tiny_cnn_tail.onnx"), opset_version=13,
                  input_names=["pooled"], output_names=["logits"],
                  dynamic_axes={"pooled": {0: "batch"}, "logits": {0: "batch"}})
(out_dir / "tiny_cnn.json").write_text(json.dumps({
    "input_shape": list(x.shape),
    "input": [round(float(v), 7) for v in x.flatten()],
    "logits": [float(v) for v in logits.flatten()],
}))
print("wrote", out_dir / "tiny_cnn.onnx")
