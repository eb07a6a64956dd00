#!/usr/bin/python3
"""Exports a seeded torchvision ResNet-18 (random weights, 3x64x64 input, 10 outputs) to the path
given as argv[1], for OnnxLatencyBench. Generated, not committed (~45 MB)."""
import sys

import torch
import torchvision

torch.manual_seed(0)
model = torchvision.models.resnet18(num_classes=10).eval()
torch.onnx.export(model, torch.randn(1, 3, 64, 64), sys.argv[1], opset_version=13,
                  input_names=["input"], output_names=["logits"],
                  dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
