#!/usr/bin/env bash
# Fuzzes the parsers: builds the libFuzzer harnesses of tests/fuzz (clang, ASan + UBSan, -DIE_FUZZ=ON) in build-fuzz/
# and runs each for SECONDS (default 300) on its committed seeds plus what earlier runs found (build-fuzz/corpus/).
#
#   scripts/fuzz.sh                      # every harness, 5 minutes each
#   scripts/fuzz.sh 3600 tokenizer       # one harness for an hour (names: safetensors config tokenizer sampling_args gguf llama2c session lesson)
#   IE_FUZZ_FORKS=2 scripts/fuzz.sh 600  # two fuzzing processes per harness (libFuzzer -fork)
#   IE_FUZZ_BUILD_DIR=build-asan scripts/fuzz.sh 15   # harnesses of an existing -DIE_FUZZ=ON build (CI: Debug -O1)
#
# A crash, leak, timeout (10 s per input) or 2 GB of memory is a finding: libFuzzer writes the input to
# build-fuzz/crashes/<harness>-crash-<sha1> and the script exits 1 after running the others. Reproduce with
# build-fuzz/tests/fuzz/fuzz_<harness> FILE, then turn it into a test in the normal suite. CI runs this briefly.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(safetensors config tokenizer sampling_args gguf llama2c session lesson)

out=${IE_FUZZ_BUILD_DIR:-build-fuzz}
if [[ -z ${IE_FUZZ_BUILD_DIR:-} ]]; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIE_FUZZ=ON \
        -DIE_BUILD_GUI=OFF -DIE_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
fi
cmake --build "$out" -j"${IE_BUILD_JOBS:-$(nproc)}" --target fuzzers

mkdir -p build-fuzz/crashes build-fuzz/logs
failed=()
for h in "${harnesses[@]}"; do
    exe=$out/tests/fuzz/fuzz_$h
    [[ -x $exe ]] || { echo "fuzz.sh: no harness \"$h\"" >&2; exit 2; }
    mkdir -p "build-fuzz/corpus/$h"
    fork=()
    [[ -n ${IE_FUZZ_FORKS:-} ]] && fork=(-fork="$IE_FUZZ_FORKS" -ignore_crashes=0)
    echo "== fuzz_$h: ${seconds}s"
    # First corpus dir receives new inputs; the committed seeds are only read.
    if "$exe" "${fork[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -dict="tests/fuzz/dict/$h.dict" -artifact_prefix="build-fuzz/crashes/$h-" \
        "build-fuzz/corpus/$h" "tests/fuzz/corpus/$h" >"build-fuzz/logs/$h.log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "build-fuzz/logs/$h.log" | tail -n 2 || true
        echo "   corpus: $(find "build-fuzz/corpus/$h" -type f | wc -l) found + $(find "tests/fuzz/corpus/$h" -type f | wc -l) seeds"
    else
        echo "   FINDING: see build-fuzz/logs/$h.log and build-fuzz/crashes/" >&2
        grep -E "ERROR: |SUMMARY: |runtime error" "build-fuzz/logs/$h.log" | head -n 5 >&2 || true
        failed+=("$h")
    fi
done
if ((${#failed[@]})); then
    echo "fuzz.sh: findings in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: no findings"
