#!/usr/bin/env bash
# Installs what is missing, builds (Release) and opens the explorer on the shipped tiny GPT-2.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIE_BUILD_GUI=ON -DIE_SANITIZE=OFF -UIE_TEST_AREAS
cmake --build build -j"$(nproc)"
if [[ -x build/app/gui/inference-explorer ]]; then
    exec build/app/gui/inference-explorer --model sample_models/tiny-gpt2 "$@"
fi
exec build/app/cli/inference-cli generate sample_models/tiny-gpt2 --prompt "The capital of France is" "$@"
