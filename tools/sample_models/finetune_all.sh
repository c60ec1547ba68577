#!/bin/sh
# Issue 12, second round: continues the shipped models (trained by train_all.sh on the corpus of
# commit ca98dda) on the revised corpus (make_corpus.py now), resumed (fresh AdamW, 30 warmup
# steps, cosine from lr 1.5e-3 to 1.5e-4). Two streams of one thread each, niced (the machine is
# shared with C++ builds): tiny-gpt2 | tiny-llama then tiny-classic. Each run has a wall-time budget
# (train.py --minutes): its cosine follows the elapsed time, so it ends annealed on time whatever the
# machine's load; the steps it managed are in its train_log.json. Logs: work/finetune_<name>.log.
# Retraining from scratch on this corpus would take far longer than the ~2 h budget on this machine.
# (The shipped tiny-llama had one more phase before this one, 26 min on the first revision of the
# corpus, whose Turkish questions made "X'in başkenti" at the start of a text continue as a question.)
set -e
cd "$(dirname "$0")"
OB="$(pwd)/work/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ -d "$OB" ]; then export LD_LIBRARY_PATH="$OB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
mkdir -p work
run() {  # name minutes
  nice -n 10 /usr/bin/python3 train.py "$1" --resume --steps 1500 --minutes "$2" --lr 1.5e-3 --warmup 30 \
    > "work/finetune_$1.log" 2>&1
}
(run tiny-gpt2 "${GPT2_MIN:-33}") &
(run tiny-llama "${LLAMA_MIN:-11}" && run tiny-classic "${CLASSIC_MIN:-22}") &
wait
