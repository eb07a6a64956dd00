#!/usr/bin/python3
"""Generates the PyTorch parity fixtures for GlassBox's ONNX engine.

For each torchvision model (ResNet-18, ResNet-50, DenseNet-121, ViT-B/16) this script
  1. builds the model with seeded random weights (``weights=None``, ``torch.manual_seed``), then
     perturbs the parameters torchvision initialises to constants (see ``perturb_constant_init``),
  2. exports it to ONNX (opset 14 by default, batch axis dynamic, constant folding on),
  3. writes a seeded reference input batch (N x 3 x 224 x 224 float32 .npy) and PyTorch's logits,
and for ResNet-18 also the activations of ``layer4`` and the gradient of logit k with respect to
them and to the input (the Grad-CAM reference the explanations issue reuses), plus a mask of the
input pixels whose gradient hinges on a ReLU gate within float32 rounding of 0 (gate_sensitive_pixels).

Everything it wrote is described in ``parity.json`` (versions, seeds, file hashes, op counts, the
ONNX tensor name that corresponds to ResNet-18's layer4). When ``parity.json`` already records this
script's SHA-256 and the same options, and every file it lists exists with the recorded size, the
script does nothing (generation of all four models takes a few minutes on 2 cores).

Exit status: 0 done (or up to date), 2 usage error, 3 torch/torchvision/onnx missing.

Run with Debian's interpreter (python3-torch 1.13, python3-torchvision 0.14, python3-onnx):
    /usr/bin/python3 make_parity_models.py OUT_DIR [--models resnet18,resnet50,...] [--force]

Files are written to temporary names and renamed into place; parity.json is written last, so an
interrupted run is never mistaken for a complete one.
"""

import argparse
import collections
import hashlib
import json
import os
import sys
import tempfile
import time

import numpy as np

MODELS = ("resnet18", "resnet50", "densenet121", "vit_b_16")
# One seed per model for the weights, one for the input batch. Fixed, recorded in parity.json.
WEIGHT_SEEDS = {"resnet18": 18, "resnet50": 50, "densenet121": 121, "vit_b_16": 16}
INPUT_SEED = 20240603
BATCH = 2
IMAGE = 224
NUM_CLASSES = 1000
DEFAULT_OPSET = 14
# Which class's logit the ResNet-18 gradient reference differentiates (a fixed, arbitrary class).
GRADIENT_TARGET = 7
THREADS = 2
# A ReLU pre-activation closer to 0 than this fraction of its layer's max |value| counts as a gate
# float32 rounding can flip (see gate_sensitive_pixels).
GATE_TOLERANCE = 3e-7
# Exit status when torch/torchvision/onnx cannot be imported (the Java test turns it into a clear failure).
EXIT_MISSING_TOOLS = 3


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def script_sha256():
    return sha256_file(os.path.abspath(__file__))


def perturb_constant_init(model, seed):
    """Replaces torchvision's constant initialisations by seeded random values.

    torchvision initialises BatchNorm/LayerNorm to the identity (weight 1, bias 0, running mean 0,
    running var 1), many biases to 0 and ViT's classification head to all zeros (its logits would
    all be 0). A parity test on such weights cannot see an engine that swaps BN's mean and variance,
    ignores a LayerNorm's scale or drops a bias; and the exporter deduplicates the identical
    initialisers into Identity nodes. So every such tensor gets small seeded random values that keep
    activations in a sane range.
    """
    import torch
    g = torch.Generator().manual_seed(seed + 1_000_000)

    def uniform(t, lo, hi):
        t.copy_(torch.rand(t.shape, generator=g) * (hi - lo) + lo)

    def normal(t, std):
        t.copy_(torch.randn(t.shape, generator=g) * std)

    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (torch.nn.BatchNorm2d, torch.nn.LayerNorm)):
                uniform(module.weight, 0.5, 1.5)
                normal(module.bias, 0.1)
                if isinstance(module, torch.nn.BatchNorm2d):
                    normal(module.running_mean, 0.1)
                    uniform(module.running_var, 0.5, 1.5)
        for name, p in model.named_parameters():
            if p.numel() > 1 and bool((p == p.flatten()[0]).all()):
                # Still constant after the norm layers: zero biases, ViT's zero head and class token.
                std = 0.02 if p.dim() <= 1 or "token" in name else 1.0 / np.sqrt(p[0].numel())
                normal(p, std)


def build_model(name, seed):
    import torch
    import torchvision
    torch.manual_seed(seed)
    model = getattr(torchvision.models, name)(weights=None, num_classes=NUM_CLASSES)
    perturb_constant_init(model, seed)
    return model.eval()


def reference_input():
    import torch
    g = torch.Generator().manual_seed(INPUT_SEED)
    # Roughly what an ImageNet-normalised image looks like: zero mean, unit variance per channel.
    return torch.randn((BATCH, 3, IMAGE, IMAGE), generator=g, dtype=torch.float32)


def op_counts(onnx_path):
    import onnx
    graph = onnx.load(onnx_path, load_external_data=False).graph
    return dict(sorted(collections.Counter(n.op_type for n in graph.node).items()))


def layer4_tensor_name(onnx_path):
    """The ONNX tensor holding ResNet's layer4 output: the input of the head's GlobalAveragePool,
    produced by a node of the /layer4/ scope (checked, so a changed exporter fails loudly)."""
    import onnx
    graph = onnx.load(onnx_path, load_external_data=False).graph
    pools = [n for n in graph.node if n.op_type == "GlobalAveragePool"]
    if len(pools) != 1:
        raise RuntimeError(f"{onnx_path}: expected one GlobalAveragePool, found {len(pools)}")
    tensor = pools[0].input[0]
    producer = [n for n in graph.node if tensor in n.output]
    if len(producer) != 1 or not producer[0].name.startswith("/layer4/"):
        raise RuntimeError(f"{onnx_path}: GlobalAveragePool input {tensor!r} is not produced by a /layer4/ node "
                           f"({[p.name for p in producer]})")
    return tensor, producer[0].name, producer[0].op_type


class Writer:
    """Writes files under a temporary name in OUT and renames them into place."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.files = {}

    def _tmp(self, suffix):
        fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=suffix, dir=self.out_dir)
        os.close(fd)
        return tmp

    def _commit(self, tmp, name):
        final = os.path.join(self.out_dir, name)
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
        self.files[name] = {"bytes": os.path.getsize(final), "sha256": sha256_file(final)}
        return final

    def npy(self, name, array):
        tmp = self._tmp(".npy")
        with open(tmp, "wb") as f:
            np.save(f, np.ascontiguousarray(array, dtype=np.float32))
        return self._commit(tmp, name)

    def onnx(self, name, model, x, opset):
        import torch
        tmp = self._tmp(".onnx")
        torch.onnx.export(model, x, tmp, opset_version=opset, do_constant_folding=True,
                          export_params=True, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
        return self._commit(tmp, name)

    def json(self, name, obj):
        tmp = self._tmp(".json")
        with open(tmp, "w") as f:
            json.dump(obj, f, indent=2, sort_keys=True)
            f.write("\n")
        return self._commit(tmp, name)


def generate(name, writer, x, opset):
    import torch
    t0 = time.monotonic()
    model = build_model(name, WEIGHT_SEEDS[name])
    t_build = time.monotonic() - t0

    entry = {"weight_seed": WEIGHT_SEEDS[name], "onnx": f"{name}.onnx", "input": "input.npy",
             "logits": f"{name}-logits.npy", "opset": opset, "input_name": "input", "output_name": "logits",
             "input_shape": list(x.shape), "outputs": NUM_CLASSES}

    t0 = time.monotonic()
    if name == "resnet18":
        entry.update(gradient_reference(model, x, writer))
    else:
        with torch.no_grad():
            logits = model(x)
        writer.npy(entry["logits"], logits.numpy())
    t_forward = time.monotonic() - t0

    t0 = time.monotonic()
    path = writer.onnx(entry["onnx"], model, x, opset)
    t_export = time.monotonic() - t0
    entry["ops"] = op_counts(path)
    if name == "resnet18":
        tensor, node, op = layer4_tensor_name(path)
        entry["gradient"]["layer4_onnx_tensor"] = tensor
        entry["gradient"]["layer4_onnx_node"] = node
        entry["gradient"]["layer4_onnx_op"] = op
    print(f"{name}: build {t_build:.1f} s, torch forward {t_forward:.1f} s, onnx export {t_export:.1f} s, "
          f"{os.path.getsize(path) / 1e6:.0f} MB", flush=True)
    return entry


def gradient_reference(model, x, writer):
    """ResNet-18 only: layer4 activations, d logit[k] / d layer4 and d logit[k] / d input, summed
    over the batch (each sample's logit depends on its own input only, so each sample gets its own
    gradient), and the logits of the same forward pass."""
    captured = {}

    def keep(_module, _inputs, output):
        output.retain_grad()
        captured["layer4"] = output

    handle = model.layer4.register_forward_hook(keep)
    xg = x.clone().requires_grad_(True)
    logits = model(xg)
    handle.remove()
    logits[:, GRADIENT_TARGET].sum().backward()
    layer4 = captured["layer4"]
    writer.npy("resnet18-logits.npy", logits.detach().numpy())
    writer.npy("resnet18-layer4.npy", layer4.detach().numpy())
    writer.npy("resnet18-layer4-grad.npy", layer4.grad.numpy())
    writer.npy("resnet18-input-grad.npy", xg.grad.numpy())
    mask, gates = gate_sensitive_pixels(model, x)
    writer.npy("resnet18-input-grad-unstable.npy", mask)
    return {"gradient": {"target": GRADIENT_TARGET, "torch_module": "layer4",
                         "unstable_mask": "resnet18-input-grad-unstable.npy", "gate_tolerance": GATE_TOLERANCE,
                         "near_zero_gates": gates, "unstable_fraction": float(mask.mean()),
                         "activations": "resnet18-layer4.npy", "gradient": "resnet18-layer4-grad.npy",
                         "input_gradient": "resnet18-input-grad.npy",
                         "activation_shape": list(layer4.shape)}}


def gate_sensitive_pixels(model, x):
    """Input pixels whose gradient depends on a ReLU gate that float32 rounding can flip.

    A ReLU whose pre-activation is within rounding of 0 (|v| < GATE_TOLERANCE x that layer's max |v|
    in that sample) may be open in PyTorch and closed in another float32 engine; its gate then adds
    or removes a finite term to the input gradient over its receptive field (seen: one pre-activation
    of 5.3e-7 in layer1.1 changed a 39x39 patch by 0.4 % of the gradient's scale). Returns a float32
    mask N x 1 x H x W (1 = such a pixel) — the support of d(sum of those pre-activations) / d input —
    and the number of such gates per ReLU module.
    """
    import copy
    import torch
    probe = copy.deepcopy(model)  # in-place ReLUs would overwrite the pre-activations the hooks keep
    pre = []
    for name, module in probe.named_modules():
        if isinstance(module, torch.nn.ReLU):
            module.inplace = False
            module.register_forward_hook(lambda _m, inputs, _out, name=name: pre.append((name, inputs[0])))
    xg = x.clone().requires_grad_(True)
    probe(xg)
    terms, gates = [], {}
    for name, v in pre:
        scale = v.detach().abs().flatten(1).max(1).values.view(-1, *[1] * (v.dim() - 1))
        near = v.detach().abs() < GATE_TOLERANCE * scale
        if near.any():
            gates[name] = gates.get(name, 0) + int(near.sum())
            terms.append((v * near).sum())
    if not terms:
        return np.zeros((x.shape[0], 1) + tuple(x.shape[2:]), np.float32), gates
    g, = torch.autograd.grad(sum(terms), xg)
    return (g != 0).any(dim=1, keepdim=True).numpy().astype(np.float32), gates


def up_to_date(out_dir, models, opset, digest):
    path = os.path.join(out_dir, "parity.json")
    if not os.path.isfile(path):
        return False
    try:
        with open(path) as f:
            meta = json.load(f)
    except (OSError, ValueError):
        return False
    if meta.get("script_sha256") != digest or meta.get("opset") != opset or sorted(meta.get("models", {})) != sorted(models):
        return False
    for name, info in meta.get("files", {}).items():
        p = os.path.join(out_dir, name)
        if not os.path.isfile(p) or os.path.getsize(p) != info["bytes"]:
            return False
    return True


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of " + ",".join(MODELS))
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET, help="ONNX opset, 13-17 (default 14)")
    parser.add_argument("--force", action="store_true", help="regenerate even if up to date")
    args = parser.parse_args(argv)
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in MODELS]
    if unknown or not models:
        parser.error(f"unknown model(s) {unknown}; choose from {','.join(MODELS)}")
    if not 13 <= args.opset <= 17:
        parser.error("opset must be in 13..17")

    digest = script_sha256()
    os.makedirs(args.out_dir, exist_ok=True)
    if not args.force and up_to_date(args.out_dir, models, args.opset, digest):
        print(f"{args.out_dir}: parity fixtures up to date (script {digest[:12]}), nothing to do")
        return 0

    try:
        import onnx
        import torch
        import torchvision
    except ImportError as e:
        print(f"{sys.executable}: {e}. The parity fixtures need Debian's python3-torch, python3-torchvision, "
              f"python3-onnx and python3-numpy (apt-get install python3-torch python3-torchvision python3-onnx "
              f"python3-numpy)", file=sys.stderr)
        return EXIT_MISSING_TOOLS
    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(True)
    # Stale metadata first: a crash below must not leave a parity.json describing old files.
    stale = os.path.join(args.out_dir, "parity.json")
    if os.path.exists(stale):
        os.remove(stale)

    start = time.monotonic()
    writer = Writer(args.out_dir)
    x = reference_input()
    writer.npy("input.npy", x.numpy())
    entries = {name: generate(name, writer, x, args.opset) for name in models}
    meta = {
        "script": os.path.basename(__file__), "script_sha256": digest,
        "versions": {"python": sys.version.split()[0], "torch": torch.__version__,
                     "torchvision": torchvision.__version__, "onnx": onnx.__version__, "numpy": np.__version__},
        "input_seed": INPUT_SEED, "batch": BATCH, "opset": args.opset, "threads": THREADS,
        "input_distribution": "standard normal, float32, NCHW",
        "weights": "torchvision init with torch.manual_seed(weight_seed), then constant-initialised "
                   "tensors (norm layers, zero biases, ViT head/class token) re-drawn from a generator "
                   "seeded weight_seed + 1000000",
        "models": entries, "files": dict(sorted(writer.files.items())),
    }
    writer.json("parity.json", meta)
    print(f"parity fixtures written to {args.out_dir} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
