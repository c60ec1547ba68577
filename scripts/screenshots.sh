#!/usr/bin/env bash
# Regenerates the documentation screenshots (README, resources/screenshots, docs/screenshots) headless from the
# shipped sample models. Usage: scripts/screenshots.sh [path/to/inference-explorer]  (default build/app/gui/...)
# Look at every picture afterwards: numbers in captions (README) come from the models and change when they do.
set -euo pipefail
cd "$(dirname "$0")/.."
app="${1:-build/app/gui/inference-explorer}"
export QT_QPA_PLATFORM=offscreen
shot() { "$app" --size 1280x800 "$@" >/dev/null; }
en="I think the capital of France is"
gpt2=sample_models/tiny-gpt2

# The explorer window (1280x800; the projector view at 1920x1080).
shot --model $gpt2 --prompt "$en" --run-prefill --view attention --head 3.2 --select-token 8 \
    --screenshot resources/screenshots/explorer-attention.png
shot --model $gpt2 --prompt "$en" --step 20 --view tensor --zoom 4 --screenshot resources/screenshots/explorer-tensor.png
shot --model $gpt2 --prompt "$en" --run-prefill --view tensor --screenshot resources/screenshots/explorer-next-token.png
shot --model $gpt2 --prompt "$en" --step 13 --view tensor --lang tr --screenshot resources/screenshots/explorer-turkish.png
"$app" --size 1920x1080 --model $gpt2 --prompt "$en" --run-prefill --view lines --head 3.2 --select-token 8 \
    --screenshot resources/screenshots/explorer-lines-projector.png >/dev/null
shot --model $gpt2 --prompt "The capital of France" --decode 1 --step 105 --view attention --head 3.2 \
    --screenshot resources/screenshots/explorer-decode.png
shot --ui-lang tr --lang tr --model $gpt2 --prompt "Fransa'nın başkenti" --run-prefill --view "sampling:temperature=0.8,top_k=8,top_p=0.9" \
    --screenshot resources/screenshots/explorer-turkish-ui.png

# Presentation mode (F12, 150% text) at the two projector sizes.
"$app" --size 1280x720 --presentation --model $gpt2 --prompt "The capital of France is" --run-prefill \
    --view "sampling:temperature=0.8,top_k=8,top_p=0.9" --screenshot resources/screenshots/presentation-sampling-1280x720.png >/dev/null
"$app" --size 1920x1080 --presentation --model $gpt2 --prompt "$en" --run-prefill --view attention --head 3.1 \
    --select-token 8 --screenshot resources/screenshots/presentation-attention-1920x1080.png >/dev/null
# A lesson: step 2 of "Prefill and decode" with the student's guess revealed (1280x720, the projector size).
"$app" --size 1280x720 --lesson 03-prefill-decode --lesson-step 2 --lesson-answer 1 \
    --screenshot resources/screenshots/explorer-lesson.png >/dev/null

# The decoding views (1680x960).
dshot() { "$app" --size 1680x960 --model $gpt2 "$@" >/dev/null; }
dshot --prompt "Once upon a time, there was a child named" --view "sampling:temperature=0.8,top_k=8,top_p=0.9,repetition=1.3,window=8" \
    --screenshot docs/screenshots/decoding-sampling.png
dshot --prompt "$en" --view generation --screenshot docs/screenshots/decoding-generation.png
dshot --prompt "$en" --view beam --screenshot docs/screenshots/decoding-beam.png
dshot --prompt "$en" --view metrics --screenshot docs/screenshots/decoding-metrics.png
echo "screenshots written; open them and check the README captions"

# Quantization made visible: tiny-llama (F32 folder) against its shipped Q4_K_M GGUF, and the blocks of a quantized
# weight in the tensor view (the q projection of the Q4_K_M file: Q5_0 on tiny-llama's 128-wide rows), at 1280x720.
"$app" --size 1280x720 --model sample_models/tiny-llama --prompt "$en" \
    --compare-with sample_models/gguf/tiny-llama-Q4_K_M.gguf --view quantization \
    --screenshot resources/screenshots/quantization-compare.png >/dev/null
"$app" --size 1280x720 --model sample_models/gguf/tiny-llama-Q4_K_M.gguf --prompt "$en" --step 3 --view tensor \
    --screenshot resources/screenshots/quantization-blocks.png >/dev/null
