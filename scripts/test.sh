#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs every test. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/check_format.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIE_BUILD_GUI=ON -DIE_SANITIZE=OFF -UIE_TEST_AREAS
cmake --build build -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 600
