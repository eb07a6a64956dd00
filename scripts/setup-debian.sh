#!/usr/bin/env bash
# Installs the Debian packages GlassBox needs, and only those that are missing.
#   scripts/setup-debian.sh          what running GlassBox needs
#   scripts/setup-debian.sh --test   plus what the test suite needs (independent reference tools)
# On a machine that is not Debian, or without root, it prints what to install and fails.
set -euo pipefail

runtime_packages=(
  openjdk-17-jdk-headless   # Java 17 (javac for the build)
  libpixelmed-java          # DICOM toolkit behind core.dicom (docs/decisions/0001)
  libpixelmed-imageio-java  # PixelMed's JPEG lossless ImageIO codec
  libgdcm-tools             # gdcmconv: codec worker for JPEG-LS and 12-bit JPEG (docs/decisions/0002)
  libgtk-3-0                # JavaFX's glass toolkit on Linux (the workstation window)
)
test_packages=(
  dicom3tools               # dciodvfy validates the DICOM we write
  dcmtk                     # independent encoders/decoders for the transfer-syntax tests
  xvfb                      # a real X display for GUI smoke tests
  python3-numpy             # reads our .npy files back as an independent check
  python3-torch             # PyTorch references: ONNX parity, gradients (inference, explanations)
  python3-torchvision       # DenseNet/ResNet/ViT definitions for the parity models
  python3-onnx              # inspects exported ONNX graphs
  libonnx-testdata          # ONNX backend node test cases (conformance)
  python3-sklearn           # metric references (AUC, thresholds, Brier)
  python3-h5py              # regenerates the Keras HDF5 test fixtures
  strace                    # traces the child JVM's network system calls (local-only test, issue 7)
  r-cran-proc               # pROC: DeLong AUC/variance/tests reference fixtures (explain fairness/compare)
  openssl                   # checks model-package Ed25519 signatures independently
)

packages=("${runtime_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "glassbox: this is not a Debian system; please install the equivalents of: ${missing[*]}" >&2
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "glassbox: missing Debian packages: ${missing[*]}" >&2
    echo "glassbox: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "glassbox: installing ${missing[*]} (apt)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
