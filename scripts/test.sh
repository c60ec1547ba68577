#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs every test; then the robustness stages: the non-GUI
# suite again under ASan + UBSan (build-asan/), and every fuzz harness briefly on its corpus (build-fuzz/, clang).
# This is what CI runs (.ci/run). IE_FUZZ_SECONDS (default 15) sets the time per harness; IE_SKIP_ROBUSTNESS=1 runs
# only the Release stage (a quick local check, not CI).
# Cost of the robustness stages, measured 2026-11-26 on this 2-core machine (clean dirs, no ccache): sanitizer build
# 872 CPU-s (29 min wall at -j1 while three other agents built), its tests 169 s, fuzz build 159 CPU-s, fuzzing
# 4 x 25 s = 107 s. On a quiet machine at -j2 that is ~13-14 min on top of the ~6 min release stage. Session 4 added
# ~15 test programs and two harnesses (6 x 20 s): the tests now run two at a time (each uses its own temporary files,
# and its own QSettings file, named after the executable; the whole suite passed at -j2).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/check_format.sh
stage() { echo "== $1 ($(date -u +%H:%M:%S))"; }

stage "release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIE_BUILD_GUI=ON -DIE_SANITIZE=OFF -UIE_TEST_AREAS
cmake --build build -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 600 -j"$(nproc)"
[[ "${IE_SKIP_ROBUSTNESS:-0}" == 1 ]] && exit 0

# Debug (assertions on) at -O1: sanitizers need no more, and Eigen at -O0 would make the reference tests crawl.
# The tokenizer files fetched for the release stage are reused. Leaks, memory errors and any undefined behaviour
# (-fno-sanitize-recover) fail the test that hits them.
stage "sanitizer build (ASan + UBSan) and non-GUI tests"
IE_TOKENIZER_CACHE="$PWD/build/tokenizer-cache" cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DIE_BUILD_GUI=OFF -DIE_SANITIZE=ON \
    "-DIE_TEST_AREAS=core;formats;tokenizers;sampling;decoding;cli"
cmake --build build-asan -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure --timeout 1200 -j"$(nproc)" -E '^tst_samplemodels$'
# (tst_samplemodels is left to the release stage: under ASan its ~900 greedy continuations per model take 70 s of the
# 30-minute CI budget, and the engine code they run is the same that tst_generationsession and tst_reference cover.)

stage "fuzz harnesses, ${IE_FUZZ_SECONDS:-15} s each"
bash scripts/fuzz.sh "${IE_FUZZ_SECONDS:-15}"
stage "done"
