#!/usr/bin/env bash
# Installs everything Inference Explorer needs to build and test on Debian 12 (run as root; idempotent).
# Python + torch are only for tools/ (training sample models, making fixtures); pass --with-tools for them.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
    build-essential cmake ninja-build pkg-config clang-format
    clang libclang-rt-14-dev # libFuzzer and the sanitizer runtimes for clang (tests/fuzz, scripts/fuzz.sh)
    qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev libgl1-mesa-dev
    libeigen3-dev nlohmann-json3-dev libbenchmark-dev
    nodejs npm ca-certificates
    xvfb xauth fonts-dejavu-core
)
if [[ "${1:-}" == "--with-tools" ]]; then
    packages+=(python3 python3-torch python3-numpy python3-jinja2)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm/node may come from elsewhere (e.g. nodesource); don't fight an existing install.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=()
for p in "${missing[@]}"; do [[ -n "$p" ]] && filtered+=("$p"); done

if ((${#filtered[@]})); then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${filtered[@]}"
fi
echo "setup: all dependencies present"
