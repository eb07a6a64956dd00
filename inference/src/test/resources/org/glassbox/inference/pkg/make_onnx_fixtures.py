#!/usr/bin/python3
"""Writes the tiny ONNX fixtures OnnxGraphPeekTest reads (Debian python3-onnx).

static.onnx:  image [N, 1, 32, 32] -> Conv(2 filters, 3x3) -> GlobalAveragePool -> Flatten -> Gemm -> scores [N, 3]
              The weights are initializers AND listed as graph inputs (as IR-3 exporters did), so
              the peek must drop them. 
dynamic.onnx: image [N, 3, H, W] -> GlobalAveragePool -> Flatten -> logits [N, K] (symbolic sizes)

Run from this folder: /usr/bin/python3 make_onnx_fixtures.py
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(7)
w = numpy_helper.from_array(rng.standard_normal((2, 1, 3, 3)).astype(np.float32), "conv.w")
g = numpy_helper.from_array(rng.standard_normal((3, 2)).astype(np.float32), "fc.w")
b = numpy_helper.from_array(np.zeros(3, np.float32), "fc.b")
nodes = [
    helper.make_node("Conv", ["image", "conv.w"], ["c"], kernel_shape=[3, 3]),
    helper.make_node("GlobalAveragePool", ["c"], ["p"]),
    helper.make_node("Flatten", ["p"], ["f"]),
    helper.make_node("Gemm", ["f", "fc.w", "fc.b"], ["scores"], transB=1),
]
inputs = [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, 32, 32]),
          helper.make_tensor_value_info("conv.w", TensorProto.FLOAT, [2, 1, 3, 3]),
          helper.make_tensor_value_info("fc.w", TensorProto.FLOAT, [3, 2]),
          helper.make_tensor_value_info("fc.b", TensorProto.FLOAT, [3])]
graph = helper.make_graph(nodes, "static", inputs, [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", 3])],
                          initializer=[w, g, b])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="glassbox-fixture")
onnx.checker.check_model(model)
onnx.save(model, "static.onnx")

nodes = [helper.make_node("GlobalAveragePool", ["image"], ["p"]), helper.make_node("Flatten", ["p"], ["logits"])]
graph = helper.make_graph(nodes, "dynamic", [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, "H", "W"])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", "K"])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="glassbox-fixture")
onnx.checker.check_model(model)
onnx.save(model, "dynamic.onnx")
