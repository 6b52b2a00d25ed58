#!/usr/bin/env bash
# Installs the Debian packages netc's runtime needs, where missing: Fashion-MNIST, and a software Vulkan
# driver (Mesa 25 lavapipe from bookworm-backports) for WebGPU on machines without a GPU.
# With --test, also what the interchange tests check against: PyTorch, torchvision and ONNX from Debian
# (python3-torch, python3-torchvision, python3-onnx) and the OpenMP OpenBLAS PyTorch is fastest with, and
# Debian's Chromium, which the browser tests (test/browser/) and `npm run bench:browser` drive.
# Needs root (or sudo); otherwise prints the exact commands and exits 1.
set -euo pipefail

need_dataset=0; need_vulkan=0; need_python=0; need_chromium=0
python_packages="python3-torch python3-torchvision python3-onnx libopenblas0-openmp"
if [ "${1:-}" = --test ]; then
  /usr/bin/python3 -c 'import torch, torchvision, onnx' 2>/dev/null || need_python=1
  dpkg-query -W -f='${Status}' libopenblas0-openmp 2>/dev/null | grep -q 'ok installed' || need_python=1
  [ -x /usr/bin/chromium ] || need_chromium=1
fi
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need_dataset=1
# lavapipe's ICD from Mesa >= 25 (Debian 12's Mesa 22 is too old for Dawn).
mesa_version=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
case "$mesa_version" in 2[5-9].*|[3-9][0-9].*) ;; *) need_vulkan=1 ;; esac
if [ "${NETC_SKIP_VULKAN:-}" = 1 ]; then need_vulkan=0; fi
[ $need_dataset = 0 ] && [ $need_vulkan = 0 ] && [ $need_python = 0 ] && [ $need_chromium = 0 ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "netc needs Debian packages it cannot install without root. Run:"
    [ $need_vulkan = 1 ] && echo "  (add 'bookworm-backports' to the Suites: line of your bookworm entry in /etc/apt/sources.list.d/debian.sources)"
    echo "  sudo apt-get update"
    [ $need_dataset = 1 ] && echo "  sudo apt-get install -y dataset-fashion-mnist"
    [ $need_vulkan = 1 ] && echo "  sudo apt-get install -y -t bookworm-backports mesa-vulkan-drivers"
    [ $need_python = 1 ] && echo "  sudo apt-get install -y $python_packages"
    [ $need_chromium = 1 ] && echo "  sudo apt-get install -y chromium"
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_vulkan = 1 ]; then
  # Add the backports suite to the Debian source the machine already has (no mirror host written here).
  src=/etc/apt/sources.list.d/debian.sources
  if [ -f "$src" ] && ! grep -q 'bookworm-backports' "$src"; then
    $sudo sed -i -E '0,/^Suites:(.*\bbookworm\b.*)$/s//Suites:\1 bookworm-backports/' "$src"
  elif [ ! -f "$src" ] && [ -f /etc/apt/sources.list ] && ! grep -q 'bookworm-backports' /etc/apt/sources.list; then
    line=$(grep -m1 -E '^deb .* bookworm main' /etc/apt/sources.list || true)
    [ -n "$line" ] && echo "${line/ bookworm / bookworm-backports }" | $sudo tee -a /etc/apt/sources.list >/dev/null
  fi
fi
$sudo apt-get update -qq
[ $need_dataset = 1 ] && $sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null
[ $need_vulkan = 1 ] && $sudo apt-get install -y -qq -t bookworm-backports mesa-vulkan-drivers >/dev/null
# shellcheck disable=SC2086
[ $need_python = 1 ] && $sudo apt-get install -y -qq $python_packages >/dev/null
[ $need_chromium = 1 ] && $sudo apt-get install -y -qq chromium >/dev/null
echo "installed:$([ $need_dataset = 1 ] && echo ' dataset-fashion-mnist')$([ $need_vulkan = 1 ] && echo " mesa-vulkan-drivers $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers)")$([ $need_python = 1 ] && echo " $python_packages")$([ $need_chromium = 1 ] && echo " chromium $(dpkg-query -W -f='${Version}' chromium)")"
