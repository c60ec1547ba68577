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
shot --model $gpt2 --prompt "$en" --run-prefill --view attention --head 3.3 --select-token 8 \
    --screenshot resources/screenshots/explorer-attention.png
shot --model $gpt2 --prompt "$en" --step 20 --view tensor --zoom 4 --screenshot resources/screenshots/explorer-tensor.png
shot --model $gpt2 --prompt "$en" --run-prefill --view tensor --screenshot resources/screenshots/explorer-next-token.png
shot --model $gpt2 --prompt "$en" --step 13 --view tensor --lang tr --screenshot resources/screenshots/explorer-turkish.png
"$app" --size 1920x1080 --model $gpt2 --prompt "$en" --run-prefill --view lines --head 3.3 --select-token 8 \
    --screenshot resources/screenshots/explorer-lines-projector.png >/dev/null
shot --model $gpt2 --prompt "The capital of France" --decode 1 --step 109 --view attention --head 3.3 \
    --screenshot resources/screenshots/explorer-decode.png
shot --ui-lang tr --lang tr --model $gpt2 --prompt "Fransa'nın başkenti" --run-prefill --view "sampling:temperature=0.8,top_k=8,top_p=0.9" \
    --screenshot resources/screenshots/explorer-turkish-ui.png

# Presentation mode (F12, 150% text) at the two projector sizes.
"$app" --size 1280x720 --presentation --model $gpt2 --prompt "The capital of France is" --run-prefill \
    --view "sampling:temperature=0.8,top_k=8,top_p=0.9" --screenshot resources/screenshots/presentation-sampling-1280x720.png >/dev/null
"$app" --size 1920x1080 --presentation --model $gpt2 --prompt "$en" --run-prefill --view attention --head 3.3 \
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
# The interpretability views (1280x720) on tiny-llama.
llama=sample_models/tiny-llama
ishot() { "$app" --size 1280x720 --model $llama --prompt "The capital of France is" "$@" >/dev/null; }
ishot --view "lens:target= Paris" --screenshot docs/screenshots/interp-lens.png
ishot --view "attribution:target= Paris,minus= Berlin" --screenshot docs/screenshots/interp-attribution.png
ishot --view "heads:target= Paris,position=3,colour=ablation" --screenshot docs/screenshots/interp-heads.png
# Interventions (README "Interventions in the window"): tiny-llama with its two country heads (layer 3 · heads 2 and 3) zeroed; patching.
llama=sample_models/tiny-llama
"$app" --size 1280x720 --model $llama --prompt "The capital of France is" --ablate blk.3.head.2 --ablate blk.3.head.3 \
    --view interventions --screenshot docs/screenshots/interventions-before-after.png >/dev/null
"$app" --size 1280x720 --model $llama --prompt "The capital of France is" --view patching \
    --screenshot docs/screenshots/interventions-patching.png >/dev/null

# Today's architectures (random weights made here, shaped like Llama 3.2 1B and Gemma 3): the RoPE view, the
# grouped-query map and a sliding-window heatmap, at the two projector sizes (README shows the 1280x720 ones).
cli="$(dirname "$app")/../cli/inference-cli"
archs=$(mktemp -d)
trap 'rm -rf "$archs"' EXIT
"$cli" make-random --arch llama3 --dim 512 --heads 8 --context 4096 --out "$archs/llama3" >/dev/null
"$cli" make-random --arch gemma3 --dim 64 --heads 4 --context 512 --out "$archs/gemma3" >/dev/null
big="${BIG_SHOTS:-/tmp/ie-screenshots-1920x1080}" # the projector size: look at these too, they are not kept
mkdir -p "$big"
for size in 1280x720 1920x1080; do
    out=$([ $size = 1280x720 ] && echo docs/screenshots || echo "$big")
    "$app" --size $size --model "$archs/llama3" --prompt "$en" --view "rope:layer=0,query=40,key=8" \
        --screenshot "$out/rope-llama3.png" >/dev/null
    "$app" --size $size --model "$archs/llama3" --prompt "$en" --view gqa --screenshot "$out/gqa-llama3.png" >/dev/null
    "$app" --size $size --model "$archs/gemma3" --prompt "$en" --run-prefill --view attention --head 0.1 \
        --screenshot "$out/gemma3-sliding-window.png" >/dev/null
done

echo "screenshots written; open them and check the README captions"

# Quantization made visible: tiny-llama (F32 folder) against its shipped Q4_K_M GGUF, and the blocks of a quantized
# weight in the tensor view (the q projection of the Q4_K_M file: Q5_0 on tiny-llama's 128-wide rows), at 1280x720.
"$app" --size 1280x720 --model sample_models/tiny-llama --prompt "$en" \
    --compare-with sample_models/gguf/tiny-llama-Q4_K_M.gguf --view quantization \
    --screenshot resources/screenshots/quantization-compare.png >/dev/null
"$app" --size 1280x720 --model sample_models/gguf/tiny-llama-Q4_K_M.gguf --prompt "$en" --step 3 --view tensor \
    --screenshot resources/screenshots/quantization-blocks.png >/dev/null
