#!/usr/bin/python3
"""Prints, as Markdown, the op types and attribute variants of ONNX files (for docs/onnx-parity*.md).

    /usr/bin/python3 list_onnx_ops.py target/parity-models/*.onnx
"""
import collections
import os
import sys

import onnx
from onnx import helper


def describe(attr):
    if attr.type == onnx.AttributeProto.TENSOR:
        t = attr.t
        return f"{attr.name}=tensor<{onnx.TensorProto.DataType.Name(t.data_type)}{list(t.dims)}>"
    value = helper.get_attribute_value(attr)
    if isinstance(value, bytes):
        value = value.decode()
    return f"{attr.name}={value}"


def main(paths):
    for path in paths:
        model = onnx.load(path, load_external_data=False)
        graph = model.graph
        inits = {i.name for i in graph.initializer}
        opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
        inputs = [f"{i.name} {[d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]}"
                  for i in graph.input if i.name not in inits]
        print(f"### {os.path.basename(path)}\n")
        print(f"Opset: {opsets}; inputs: {', '.join(inputs)}; nodes: {len(graph.node)}; "
              f"initializers: {len(graph.initializer)}\n")
        print("| op | count | attribute variants (count) |\n|---|---:|---|")
        variants = collections.defaultdict(collections.Counter)
        for node in graph.node:
            key = ", ".join(describe(a) for a in sorted(node.attribute, key=lambda a: a.name)) or "(none)"
            variants[node.op_type][key] += 1
        for op in sorted(variants):
            total = sum(variants[op].values())
            text = "; ".join(f"`{k}` ({n})" for k, n in variants[op].most_common())
            print(f"| {op} | {total} | {text} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
