#!/bin/sh
# Regenerates the GGUF files shipped beside sample_models/tiny-llama, written by our own exporter and quantizers
# (inference-cli export-gguf: core/loader/export_gguf.*, core/formats/quant/quantize*.cpp):
#   sample_models/gguf/tiny-llama-Q8_0.gguf     every matrix Q8_0, norms F32
#   sample_models/gguf/tiny-llama-Q4_K_M.gguf   llama-quantize's Q4_K_M mixture; tiny-llama's rows (128, 352 values)
#                                               are not multiples of 256, so its fallback makes them Q5_0 and Q8_0
# then prints how far each is from the F32 folder on one prompt (inference-cli compare-weights).
# Run after retraining tiny-llama, from anywhere:  tools/sample_models/make_gguf.sh [BUILD_DIR]
# (tests/formats/tst_shippedgguf fails until the shipped files are what the exporter writes from the folder.)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cli=$build/app/cli/inference-cli
if [ ! -x "$cli" ]; then
    echo "make_gguf.sh: $cli not found: build it first (cmake --build $build --target inference-cli)" >&2
    exit 1
fi
mkdir -p "$root/sample_models/gguf"
for type in Q8_0 Q4_K_M; do
    out=$root/sample_models/gguf/tiny-llama-$type.gguf
    "$cli" export-gguf "$root/sample_models/tiny-llama" --out "$out" --dtype "$type"
    "$cli" compare-weights "$root/sample_models/tiny-llama" "$out" --prompt "I think the capital of France is"
done
