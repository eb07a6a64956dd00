#!/usr/bin/python3
"""PyTorch reference for GlassBox's Grad-CAM, Grad-CAM++ and HiResCAM (issue 4, section 2).

Builds a torchvision ResNet-18 with seeded random weights (torch.manual_seed(SEED), weights=None,
then the constant-initialised tensors re-drawn from a seeded generator so batch norm is not the
identity), in eval mode, and a seeded input batch of 2 x 3 x 112 x 112. With a forward hook on a
module (layer4: the input of the head's global average pool, 4 x 4; layer3: 7 x 7, whose gradient
flows through layer4's residual blocks) and autograd for d logit[target] / d activations, it
computes the raw class activation maps exactly as pytorch-grad-cam 1.4 defines them, before its
min-max normalisation and resize:

  Grad-CAM    ReLU(sum_k mean_hw(G_k) * A_k)
  Grad-CAM++  alpha = G^2 / (2 G^2 + sum_hw(A_k) G^3 + 1e-6) where G != 0 else 0,
              w_k = sum_hw(alpha * ReLU(G_k)), ReLU(sum_k w_k A_k)
  HiResCAM    ReLU(sum_k G_k * A_k)

(computed in float64 from PyTorch's float32 activations and gradients).

Usage (Debian's /usr/bin/python3 with python3-torch, python3-torchvision, python3-onnx):
  make_cam_reference.py OUT_DIR                 ONNX model + fresh torch logits into OUT_DIR (the test does this)
  make_cam_reference.py OUT_DIR --reference DIR also (re)writes the committed reference files into DIR

OUT_DIR gets resnet18-cam.onnx, input.npy, torch-logits.npy and cam-onnx.json (ONNX tensor names
of the hooked modules). DIR gets logits.npy, cam-<method>-<layer>.npy (N x h x w float32) and
cam-reference.json. Exit status 3 when torch/torchvision/onnx cannot be imported.
"""

import json
import os
import sys
import tempfile

import numpy as np

SEED = 1812
INPUT_SEED = 112
SHAPE = (2, 3, 112, 112)
LAYERS = ("layer3", "layer4")
METHODS = ("gradcam", "gradcam++", "hirescam")
OPSET = 14
EXIT_MISSING_TOOLS = 3


def build_model():
    import torch
    import torchvision
    torch.manual_seed(SEED)
    model = torchvision.models.resnet18(weights=None, num_classes=1000)
    g = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.1)
                m.running_mean.copy_(torch.randn(m.running_mean.shape, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=g) + 0.5)
    return model.eval()


def reference_input():
    import torch
    return torch.randn(SHAPE, generator=torch.Generator().manual_seed(INPUT_SEED), dtype=torch.float32)


def cams(activations, grads):
    a = activations.astype(np.float64)
    g = grads.astype(np.float64)
    out = {}
    out["gradcam"] = (g.mean(axis=(2, 3))[:, :, None, None] * a).sum(axis=1)
    g2 = g ** 2
    g3 = g2 * g
    sum_a = a.sum(axis=(2, 3))
    alpha = g2 / (2 * g2 + sum_a[:, :, None, None] * g3 + 1e-6)
    alpha = np.where(g != 0, alpha, 0)
    w = (np.maximum(g, 0) * alpha).sum(axis=(2, 3))
    out["gradcam++"] = (w[:, :, None, None] * a).sum(axis=1)
    out["hirescam"] = (g * a).sum(axis=1)
    return {k: np.maximum(v, 0).astype(np.float32) for k, v in out.items()}


def layer_tensor_names(onnx_path):
    """ONNX tensor of each hooked module's output: the output of the last node in its scope
    (/layer4/... for layer4), checked to be a Relu (a BasicBlock ends in one)."""
    import onnx
    graph = onnx.load(onnx_path).graph
    names = {}
    for layer in LAYERS:
        nodes = [n for n in graph.node if n.name.startswith(f"/{layer}/")]
        if not nodes or nodes[-1].op_type != "Relu":
            raise RuntimeError(f"{onnx_path}: no Relu closes scope /{layer}/ ({[n.name for n in nodes[-3:]]})")
        names[layer] = nodes[-1].output[0]
    pool = [n for n in graph.node if n.op_type == "GlobalAveragePool"]
    if len(pool) != 1 or pool[0].input[0] != names["layer4"]:
        raise RuntimeError(f"{onnx_path}: layer4's output does not feed the global average pool")
    return names


def save(path, array):
    fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".npy", dir=os.path.dirname(path))
    with os.fdopen(fd, "wb") as f:
        np.save(f, np.ascontiguousarray(array, dtype=np.float32))
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def save_json(path, obj):
    fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".json", dir=os.path.dirname(path))
    with os.fdopen(fd, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main(argv):
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--reference"):
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = argv[0]
    ref_dir = argv[2] if len(argv) == 3 else None
    try:
        import onnx  # noqa: F401
        import torch
        import torchvision
    except ImportError as e:
        print(f"{sys.executable}: {e}; needs Debian's python3-torch python3-torchvision python3-onnx", file=sys.stderr)
        return EXIT_MISSING_TOOLS
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    os.makedirs(out_dir, exist_ok=True)
    model = build_model()
    x = reference_input()

    captured = {}

    def keep(layer):
        def hook(_module, _inputs, output):
            output.retain_grad()
            captured[layer] = output  # returns None: the output is left as it is
        return hook

    handles = [getattr(model, layer).register_forward_hook(keep(layer)) for layer in LAYERS]
    logits = model(x)
    for h in handles:
        h.remove()
    # One fixed target for the batch: the class the first image scores highest.
    target = int(logits[0].argmax())
    logits[:, target].sum().backward()

    fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".onnx", dir=out_dir)
    os.close(fd)
    torch.onnx.export(model, x, tmp, opset_version=OPSET, do_constant_folding=True, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
    names = layer_tensor_names(tmp)
    os.chmod(tmp, 0o644)
    os.replace(tmp, os.path.join(out_dir, "resnet18-cam.onnx"))
    save(os.path.join(out_dir, "input.npy"), x.numpy())
    save(os.path.join(out_dir, "torch-logits.npy"), logits.detach().numpy())
    save_json(os.path.join(out_dir, "cam-onnx.json"), {"onnx": "resnet18-cam.onnx", "layers": names,
                                                       "torch": torch.__version__, "torchvision": torchvision.__version__})

    if ref_dir is not None:
        os.makedirs(ref_dir, exist_ok=True)
        save(os.path.join(ref_dir, "logits.npy"), logits.detach().numpy())
        files = {}
        for layer in LAYERS:
            a = captured[layer]
            maps = cams(a.detach().numpy(), a.grad.numpy())
            for method in METHODS:
                name = f"cam-{method}-{layer}.npy"
                save(os.path.join(ref_dir, name), maps[method])
                files.setdefault(layer, {})[method] = name
        save_json(os.path.join(ref_dir, "cam-reference.json"), {
            "seed": SEED, "input_seed": INPUT_SEED, "input_shape": list(SHAPE), "logits": "logits.npy", "target": target,
            "maps": files, "torch": torch.__version__, "torchvision": torchvision.__version__, "opset": OPSET,
            "map_layout": "N x h x w float32, raw (ReLU applied, no normalisation)"})
    print(f"cam reference: target {target}, layers {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
