#!/usr/bin/python3
"""A small NumPy interpreter for the ONNX ops the parity models use — an independent check that the
exported .onnx files compute what PyTorch computed (so a parity failure in GlassBox's engine is the
engine's, not the exporter's), and an oracle for any intermediate tensor by name.

    /usr/bin/python3 onnx_numpy_reference.py target/parity-models            # check every model
    /usr/bin/python3 onnx_numpy_reference.py target/parity-models resnet18 --dump /layer4/layer4.1/relu_1/Relu_output_0 out.npy

Computes in float64 (float inputs are promoted), so its output is also a "more exact" reference.
Only the op variants the parity models contain are implemented; anything else raises.
Needs python3-onnx and python3-numpy only (no torch, no onnxruntime).
"""
import json
import math
import os
import sys
import time

import numpy as np
import onnx
from onnx import numpy_helper, helper


def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def conv(x, w, b, a):
    if a.get("group", 1) != 1 or any(d != 1 for d in a.get("dilations", [1, 1])):
        raise NotImplementedError("Conv with group/dilation")
    kh, kw = w.shape[2:]
    sh, sw = a.get("strides", [1, 1])
    pt, pl, pb, pr = a.get("pads", [0, 0, 0, 0])
    x = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)))
    n, c, h, wd = x.shape
    oh, ow = (h - kh) // sh + 1, (wd - kw) // sw + 1
    s = x.strides
    cols = np.lib.stride_tricks.as_strided(x, (n, c, kh, kw, oh, ow), (s[0], s[1], s[2], s[3], s[2] * sh, s[3] * sw))
    y = np.tensordot(w, cols, axes=([1, 2, 3], [1, 2, 3]))  # (O, N, oh, ow)
    y = y.transpose(1, 0, 2, 3)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return np.ascontiguousarray(y)


def pool(x, a, reduce, pad_value):
    if a.get("ceil_mode", 0) != 0:
        raise NotImplementedError("pool ceil_mode=1")
    kh, kw = a["kernel_shape"]
    sh, sw = a.get("strides", [1, 1])
    pt, pl, pb, pr = a.get("pads", [0, 0, 0, 0])
    if reduce is np.mean and any((pt, pl, pb, pr)) and not a.get("count_include_pad", 0):
        raise NotImplementedError("AveragePool with pads and count_include_pad=0")
    x = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)), constant_values=pad_value)
    n, c, h, wd = x.shape
    oh, ow = (h - kh) // sh + 1, (wd - kw) // sw + 1
    s = x.strides
    win = np.lib.stride_tricks.as_strided(x, (n, c, oh, ow, kh, kw), (s[0], s[1], s[2] * sh, s[3] * sw, s[2], s[3]))
    return reduce(win, axis=(4, 5))


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def run_node(op, i, a):
    if op == "Conv":
        return conv(i[0], i[1], i[2] if len(i) > 2 else None, a)
    if op == "BatchNormalization":
        x, scale, bias, mean, var = i
        sh = (1, -1) + (1,) * (x.ndim - 2)
        return (x - mean.reshape(sh)) / np.sqrt(var.reshape(sh) + a.get("epsilon", 1e-5)) * scale.reshape(sh) + bias.reshape(sh)
    if op == "Relu":
        return np.maximum(i[0], 0)
    if op == "MaxPool":
        return pool(i[0], a, np.max, -np.inf)
    if op == "AveragePool":
        return pool(i[0], a, np.mean, 0)
    if op == "GlobalAveragePool":
        return i[0].mean(axis=tuple(range(2, i[0].ndim)), keepdims=True)
    if op == "Flatten":
        ax = a.get("axis", 1)
        return i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
    if op == "Gemm":
        A, B = i[0], i[1]
        A = A.T if a.get("transA", 0) else A
        B = B.T if a.get("transB", 0) else B
        y = a.get("alpha", 1.0) * (A @ B)
        return y + a.get("beta", 1.0) * i[2] if len(i) > 2 else y
    if op == "MatMul":
        return np.matmul(i[0], i[1])
    if op in ("Add", "Sub", "Mul", "Pow", "Equal"):
        f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Pow": np.power, "Equal": np.equal}[op]
        return f(i[0], i[1])
    if op == "Div":
        if np.issubdtype(i[0].dtype, np.integer):
            return np.trunc(i[0] / i[1]).astype(i[0].dtype)  # ONNX integer Div truncates
        return i[0] / i[1]
    if op == "Sqrt":
        return np.sqrt(i[0])
    if op == "Erf":
        return np.vectorize(math.erf, otypes=[np.float64])(i[0])
    if op == "Softmax":
        return softmax(i[0], a.get("axis", -1))
    if op == "ReduceMean":
        return i[0].mean(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))
    if op == "Concat":
        return np.concatenate(i, axis=a["axis"])
    if op == "Reshape":
        shape = [d if d != 0 or a.get("allowzero", 0) else i[0].shape[k] for k, d in enumerate(i[1].tolist())]
        return i[0].reshape(shape)
    if op == "Transpose":
        return i[0].transpose(a.get("perm"))
    if op == "Shape":
        return np.array(i[0].shape, dtype=np.int64)
    if op == "Gather":
        return np.take(i[0], i[1], axis=a.get("axis", 0))
    if op == "Unsqueeze":
        y = i[0]
        for ax in sorted(int(v) % (y.ndim + len(i[1])) for v in i[1]):
            y = np.expand_dims(y, ax)
        return y
    if op == "Squeeze":
        return np.squeeze(i[0], axis=tuple(int(v) for v in i[1])) if len(i) > 1 else np.squeeze(i[0])
    if op == "Slice":
        starts, ends = i[1], i[2]
        axes = i[3] if len(i) > 3 else range(len(starts))
        steps = i[4] if len(i) > 4 else [1] * len(starts)
        idx = [slice(None)] * i[0].ndim
        for s, e, ax, st in zip(starts, ends, axes, steps):
            idx[int(ax)] = slice(int(s), int(e), int(st))
        return i[0][tuple(idx)]
    if op == "Cast":
        return i[0].astype(helper.tensor_dtype_to_np_dtype(a["to"]) if hasattr(helper, "tensor_dtype_to_np_dtype")
                           else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
    if op == "ConstantOfShape":
        v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
        return np.full(tuple(i[0].tolist()), v.reshape(-1)[0], dtype=v.dtype)
    if op == "Where":
        return np.where(i[0], i[1], i[2])
    if op == "Expand":
        return i[0] * np.ones(tuple(i[1].tolist()), dtype=i[0].dtype)
    if op == "Identity":
        return i[0]
    if op == "Pad":
        if a.get("mode", b"constant") not in (b"constant", "constant"):
            raise NotImplementedError("Pad mode " + str(a.get("mode")))
        p = i[1].tolist()
        r = len(p) // 2
        cv = i[2].item() if len(i) > 2 and i[2] is not None else 0
        return np.pad(i[0], [(p[k], p[k + r]) for k in range(r)], constant_values=cv)
    raise NotImplementedError(op)


def run(path, feeds, keep=()):
    """Runs the graph on {input name: array}; returns (outputs list, {name: array} for keep)."""
    model = onnx.load(path)
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    env = {k: v.astype(np.float64) if v.dtype == np.float32 else v for k, v in env.items()}
    for k, v in feeds.items():
        env[k] = np.asarray(v, dtype=np.float64)
    kept = {}
    for node in model.graph.node:
        a = attrs(node)
        if node.op_type == "Constant":
            v = numpy_helper.to_array(a["value"])
            y = v.astype(np.float64) if v.dtype == np.float32 else v
        else:
            y = run_node(node.op_type, [env[n] if n else None for n in node.input], a)
        env[node.output[0]] = y
        if node.output[0] in keep:
            kept[node.output[0]] = y
    return [env[o.name] for o in model.graph.output], kept


def closeness(actual, expected):
    """Same measure as the Java test's Closeness: |a-b| / max(|b|, max|b| / 10)."""
    err = np.abs(actual.astype(np.float64) - expected)
    scale = np.abs(expected).max()
    return float(err.max()), float((err / np.maximum(np.abs(expected), scale / 10)).max())


def main(argv):
    out_dir = argv[0]
    with open(os.path.join(out_dir, "parity.json")) as f:
        meta = json.load(f)
    names = [argv[1]] if len(argv) > 1 else list(meta["models"])
    dump = argv[argv.index("--dump") + 1:argv.index("--dump") + 3] if "--dump" in argv else None
    for name in names:
        m = meta["models"][name]
        x = np.load(os.path.join(out_dir, m["input"]))
        t0 = time.monotonic()
        (logits,), kept = run(os.path.join(out_dir, m["onnx"]), {m["input_name"]: x}, keep=(dump[0],) if dump else ())
        ref = np.load(os.path.join(out_dir, m["logits"]))
        abs_err, rel_err = closeness(ref, logits)
        print(f"{name}: PyTorch float32 logits vs NumPy float64 ONNX execution: max abs {abs_err:.3e}, "
              f"max rel {rel_err:.3e} ({time.monotonic() - t0:.1f} s)", flush=True)
        if dump:
            np.save(dump[1], kept[dump[0]].astype(np.float32))


if __name__ == "__main__":
    main(sys.argv[1:])
