#!/usr/bin/python3
"""Generates the Keras HDF5 fixtures of KerasEngineTest, without TensorFlow.

TensorFlow/Keras is not packaged by Debian, so the files are written by hand with h5py in the layout
Keras 2.4 (tf.keras, TF 2.4) gives ``model.save("x.h5")`` for an uncompiled model:

- root attributes ``keras_version`` ("2.4.0"), ``backend`` ("tensorflow") and ``model_config`` (the
  JSON of ``model.to_json()``), all as UTF-8 bytes (fixed-length strings), no ``training_config``;
- group ``model_weights`` with attributes ``layer_names``, ``backend``, ``keras_version`` and one group
  per layer holding the attribute ``weight_names`` (e.g. ``conv2d/kernel:0``) and the datasets
  ``<layer>/<weight>:0`` (Keras layouts: Conv2D kernel H×W×in×out, Dense kernel in×out, batch norm
  gamma, beta, moving_mean, moving_variance); layers without weights get an empty ``weight_names``.

Weights are seeded random numbers; batch-norm statistics are far from the identity so that a
training-mode batch norm or a forgotten epsilon would be caught. The reference outputs come from an
independent float64 numpy forward pass written below (NCHW input transposed once to NHWC, 'same'
convolution, batch norm inference formula, 2×2 max pool, global average pool, dense, sigmoid).

Models (all: Conv2D(4, 3×3, relu, same) → BatchNormalization → MaxPooling2D(2) →
Conv2D(8, 3×3, relu, same) → GlobalAveragePooling2D → Dense(3, sigmoid)):

- ``functional.h5``: a Functional model on a 16×16×1 input (channels_last);
- ``sequential_rgb.h5``: the same layers as a Sequential model on a 12×10×3 input (H ≠ W, three
  channels), so a wrong NCHW↔NHWC handling cannot go unnoticed;
- ``rescaling.h5``: the functional model with a ``Rescaling`` layer (TF 2.x preprocessing layer that
  DL4J 1.0.0-M2.1 does not know) after the input: an unsupported layer;
- ``no_config.h5``: HDF5 with weights but no ``model_config``.

For each working model ``<name>.input.npy`` (N×C×H×W float32, seeded), ``<name>.logits.npy``
(pre-sigmoid outputs, N×3), ``<name>.scores.npy`` (sigmoid), ``<name>.conv2d_1.npy`` (activations
of the second convolution after its ReLU, N×8×h×w, NCHW) and the Keras kernels of the first
convolution and of the dense layer (``<name>.conv2d_kernel.npy``, ``<name>.dense_kernel.npy``) for
closed-form gradient checks are written (float32).

Run: /usr/bin/python3 inference/src/test/python/make_keras_fixture.py
"""
import json
import pathlib

import h5py
import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "org" / "glassbox" / "inference" / "dl4j" / "keras"
KERAS_VERSION = "2.4.0"
BACKEND = "tensorflow"
EPSILON = 0.001


def initializer(name):
    return {"class_name": name, "config": {"seed": None} if name == "GlorotUniform" else {}}


def conv2d_config(name, filters):
    return {"name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": [3, 3],
            "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
            "groups": 1, "activation": "relu", "use_bias": True, "kernel_initializer": initializer("GlorotUniform"),
            "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}


def batch_norm_config(name):
    return {"name": name, "trainable": True, "dtype": "float32", "axis": [3], "momentum": 0.99, "epsilon": EPSILON,
            "center": True, "scale": True, "beta_initializer": initializer("Zeros"),
            "gamma_initializer": initializer("Ones"), "moving_mean_initializer": initializer("Zeros"),
            "moving_variance_initializer": initializer("Ones"), "beta_regularizer": None, "gamma_regularizer": None,
            "beta_constraint": None, "gamma_constraint": None}


def max_pool_config(name):
    return {"name": name, "trainable": True, "dtype": "float32", "pool_size": [2, 2], "padding": "valid",
            "strides": [2, 2], "data_format": "channels_last"}


def gap_config(name):
    return {"name": name, "trainable": True, "dtype": "float32", "data_format": "channels_last"}


def dense_config(name, units):
    return {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": "sigmoid",
            "use_bias": True, "kernel_initializer": initializer("GlorotUniform"),
            "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}


def input_config(name, h, w, c):
    return {"batch_input_shape": [None, h, w, c], "dtype": "float32", "sparse": False, "ragged": False,
            "name": name}


def rescaling_config(name):
    return {"name": name, "trainable": True, "dtype": "float32", "scale": 0.5, "offset": 0.0}


# (class_name, layer name, config builder) in order; the input layer is added per model.
BODY = [
    ("Conv2D", "conv2d", lambda: conv2d_config("conv2d", 4)),
    ("BatchNormalization", "batch_normalization", lambda: batch_norm_config("batch_normalization")),
    ("MaxPooling2D", "max_pooling2d", lambda: max_pool_config("max_pooling2d")),
    ("Conv2D", "conv2d_1", lambda: conv2d_config("conv2d_1", 8)),
    ("GlobalAveragePooling2D", "global_average_pooling2d", lambda: gap_config("global_average_pooling2d")),
    ("Dense", "dense", lambda: dense_config("dense", 3)),
]


def functional_config(h, w, c, rescaling=False):
    layers = [{"class_name": "InputLayer", "config": input_config("input_1", h, w, c), "name": "input_1",
               "inbound_nodes": []}]
    body = list(BODY)
    if rescaling:
        body.insert(0, ("Rescaling", "rescaling", lambda: rescaling_config("rescaling")))
    previous = "input_1"
    for class_name, name, config in body:
        layers.append({"class_name": class_name, "config": config(), "name": name,
                       "inbound_nodes": [[[previous, 0, 0, {}]]]})
        previous = name
    return {"class_name": "Functional",
            "config": {"name": "model", "layers": layers, "input_layers": [["input_1", 0, 0]],
                       "output_layers": [[previous, 0, 0]]},
            "keras_version": KERAS_VERSION, "backend": BACKEND}


def sequential_config(h, w, c):
    layers = [{"class_name": "InputLayer", "config": input_config("conv2d_input", h, w, c)}]
    for i, (class_name, name, config) in enumerate(BODY):
        cfg = config()
        if i == 0:
            # Keras 2.4 records the input shape on the first layer of a Sequential model too.
            cfg = {"name": cfg["name"], "trainable": True, "batch_input_shape": [None, h, w, c], **{
                k: v for k, v in cfg.items() if k not in ("name", "trainable")}}
        layers.append({"class_name": class_name, "config": cfg})
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers},
            "keras_version": KERAS_VERSION, "backend": BACKEND}


def random_weights(rng, in_channels):
    """Keras-layout weights by layer name, each an ordered list of (weight name, float32 array)."""
    f32 = np.float32
    return {
        "conv2d": [("kernel", rng.normal(0, 0.5, (3, 3, in_channels, 4)).astype(f32)),
                   ("bias", rng.normal(0, 0.1, 4).astype(f32))],
        "batch_normalization": [("gamma", rng.uniform(0.5, 1.5, 4).astype(f32)),
                                ("beta", rng.uniform(-0.3, 0.3, 4).astype(f32)),
                                ("moving_mean", rng.uniform(0.1, 0.8, 4).astype(f32)),
                                ("moving_variance", rng.uniform(0.2, 2.0, 4).astype(f32))],
        "conv2d_1": [("kernel", rng.normal(0, 0.4, (3, 3, 4, 8)).astype(f32)),
                     ("bias", rng.normal(0, 0.1, 8).astype(f32))],
        "dense": [("kernel", rng.normal(0, 0.8, (8, 3)).astype(f32)),
                  ("bias", rng.normal(0, 0.2, 3).astype(f32))],
    }


def write_h5(path, model_config, layer_names, weights, with_config=True):
    with h5py.File(path, "w") as f:
        if with_config:
            f.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
            f.attrs["backend"] = BACKEND.encode("utf8")
            f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        mw = f.create_group("model_weights")
        mw.attrs["layer_names"] = [n.encode("utf8") for n in layer_names]
        mw.attrs["backend"] = BACKEND.encode("utf8")
        mw.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
        for name in sorted(layer_names):
            g = mw.create_group(name)
            entries = weights.get(name, [])
            g.attrs["weight_names"] = [f"{name}/{w}:0".encode("utf8") for w, _ in entries]
            for w, value in entries:
                g.create_dataset(f"{name}/{w}:0", data=value, track_times=False)


# ---- independent reference forward pass (float64, NHWC internally) ----

def conv_same_relu(x, kernel, bias):
    """x: N×H×W×C, kernel: 3×3×C×F, stride 1, zero padding 1 on each side (Keras 'same', odd kernel)."""
    n, h, w, _ = x.shape
    kh, kw, _, f = kernel.shape
    padded = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    out = np.zeros((n, h, w, f))
    for i in range(kh):
        for j in range(kw):
            out += np.einsum("nhwc,cf->nhwf", padded[:, i:i + h, j:j + w, :], kernel[i, j])
    return np.maximum(out + bias, 0.0)


def batch_norm(x, gamma, beta, mean, variance):
    return gamma * (x - mean) / np.sqrt(variance + EPSILON) + beta


def max_pool_2x2(x):
    n, h, w, c = x.shape
    x = x[:, :h // 2 * 2, :w // 2 * 2, :]
    return x.reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


def forward(x_nchw, weights):
    wd = {layer: {k: v.astype(np.float64) for k, v in entries} for layer, entries in weights.items()}
    x = np.transpose(x_nchw.astype(np.float64), (0, 2, 3, 1))
    x = conv_same_relu(x, wd["conv2d"]["kernel"], wd["conv2d"]["bias"])
    bn = wd["batch_normalization"]
    x = batch_norm(x, bn["gamma"], bn["beta"], bn["moving_mean"], bn["moving_variance"])
    x = max_pool_2x2(x)
    conv2 = conv_same_relu(x, wd["conv2d_1"]["kernel"], wd["conv2d_1"]["bias"])
    pooled = conv2.mean(axis=(1, 2))
    logits = pooled @ wd["dense"]["kernel"] + wd["dense"]["bias"]
    return logits, 1 / (1 + np.exp(-logits)), np.transpose(conv2, (0, 3, 1, 2))


def save_references(name, x, weights):
    logits, scores, conv2 = forward(x, weights)
    # Two Keras weights the Java test uses for closed-form gradient checks.
    np.save(OUT / f"{name}.conv2d_kernel.npy", dict(weights["conv2d"])["kernel"])
    np.save(OUT / f"{name}.dense_kernel.npy", dict(weights["dense"])["kernel"])
    np.save(OUT / f"{name}.input.npy", x.astype(np.float32))
    np.save(OUT / f"{name}.logits.npy", logits.astype(np.float32))
    np.save(OUT / f"{name}.scores.npy", scores.astype(np.float32))
    np.save(OUT / f"{name}.conv2d_1.npy", conv2.astype(np.float32))
    return logits


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    body_names = [name for _, name, _ in BODY]

    rng = np.random.default_rng(20240603)
    weights = random_weights(rng, 1)
    write_h5(OUT / "functional.h5", functional_config(16, 16, 1), ["input_1"] + body_names, weights)
    x = rng.uniform(0.0, 1.0, (2, 1, 16, 16)).astype(np.float32)
    logits = save_references("functional", x, weights)
    print("functional logits", logits)

    rgb_weights = random_weights(rng, 3)
    # Sequential models list no InputLayer among their weight groups.
    write_h5(OUT / "sequential_rgb.h5", sequential_config(12, 10, 3), body_names, rgb_weights)
    x_rgb = rng.uniform(0.0, 1.0, (2, 3, 12, 10)).astype(np.float32)
    logits = save_references("sequential_rgb", x_rgb, rgb_weights)
    print("sequential_rgb logits", logits)

    write_h5(OUT / "rescaling.h5", functional_config(16, 16, 1, rescaling=True),
             ["input_1", "rescaling"] + body_names, weights)
    write_h5(OUT / "no_config.h5", None, ["input_1"] + body_names, weights, with_config=False)
    for p in sorted(OUT.iterdir()):
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
