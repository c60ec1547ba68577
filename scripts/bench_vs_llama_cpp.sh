#!/usr/bin/env bash
# The speed table of README "Speed" in one command: the 110M-shaped random Llama (stories110M's shape) as F32, F16
# (our GGUF export), Q8_0 and Q4_K_M (llama.cpp's own quantizer), each benched by us and by llama.cpp
# (node-llama-cpp's prebuilt binary) in the same run, the median of REPEATS each. Needs node and `npm ci` in
# tools/llama_cpp; run on a quiet machine.
#
#   scripts/bench_vs_llama_cpp.sh [BUILD_DIR] [OUT_DIR]      (defaults: build, /tmp/ie-bench)
#   THREADS="1 2" PROMPTS="64 512" GEN=64 REPEATS=5 BATCH=32 scripts/bench_vs_llama_cpp.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-/tmp/ie-bench}
cli="$build/app/cli/inference-cli"
threads=${THREADS:-"1 2"}
prompts=${PROMPTS:-"64 512"}
gen=${GEN:-64}
repeats=${REPEATS:-5}
batch=${BATCH:-32}
mkdir -p "$out"
if [ ! -f "$out/m110-F32.gguf" ]; then
    "$cli" make-random --arch llama --dim 768 --layers 12 --heads 12 --hidden 2048 --vocab 32000 --context 1024 \
        --tied --seed 3 --out "$out/m110"
    "$cli" export-gguf "$out/m110" --out "$out/m110-F32.gguf"
    "$cli" export-gguf "$out/m110" --out "$out/m110-F16.gguf" --dtype F16
    python3 tools/llama_cpp/quantize.py "$out/m110-F32.gguf" "$out/m110-Q8_0.gguf" Q8_0
    python3 tools/llama_cpp/quantize.py "$out/m110-F32.gguf" "$out/m110-Q4_K_M.gguf" Q4_K_M
fi
for t in $threads; do
    for p in $prompts; do
        for f in F32 F16 Q8_0 Q4_K_M; do
            extra=""
            [ "$f" = Q4_K_M ] && [ "$p" = "${prompts%% *}" ] && extra="--batch $batch"
            echo "== $f, $t threads, $p-token prompt"
            "$cli" bench "$out/m110-$f.gguf" --threads "$t" --prompt-tokens "$p" --gen-tokens "$gen" \
                --repeats "$repeats" --llama-cpp $extra
        done
    done
done
