#!/usr/bin/python3
"""Exports the benchmark models of InferenceBenchmark (scripts/bench-inference.sh) into the folder
given as argv[1]: torchvision DenseNet-121 and ResNet-18 with seeded random weights (torch seed 0),
input 3x224x224, 1000 outputs, dynamic batch axis, opset 13. Generated, not committed (~32 MB and
~45 MB). Existing files are kept."""
import os
import sys

import torch
import torchvision

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, make in (("densenet121", torchvision.models.densenet121), ("resnet18", torchvision.models.resnet18)):
    path = os.path.join(out, name + "_224.onnx")
    if os.path.exists(path):
        continue
    torch.manual_seed(0)
    model = make().eval()
    tmp = path + ".tmp"
    torch.onnx.export(model, torch.randn(1, 3, 224, 224), tmp, opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    os.replace(tmp, path)
    print(path)
