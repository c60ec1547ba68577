#!/bin/sh
# Trains the three sample models one after another on one thread each.
# Debian's python3-torch links the reference BLAS (about 5 GFLOPS); with OpenBLAS it is
# several times faster. If libopenblas0 is installed system-wide nothing is needed; else
# extract it locally (see README) and it is picked up from work/openblas.
# Steps per model are what the shipped models used (set STEPS to override for all).
set -e
cd "$(dirname "$0")"
OB="$(pwd)/work/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ -d "$OB" ]; then export LD_LIBRARY_PATH="$OB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
for m in ${MODELS:-tiny-gpt2 tiny-llama tiny-classic}; do
  case "$m" in
    tiny-gpt2) s=1200 ;;
    tiny-llama) s=800 ;;
    *) s=700 ;;
  esac
  /usr/bin/python3 train.py "$m" --steps "${STEPS:-$s}" > "work/train_$m.log" 2>&1
  if [ "$m" = tiny-classic ] && [ -z "$STEPS" ]; then
    # the post-norm model had not learned the capitals after 700 steps (held-out next-token
    # accuracy 5%): further phases continue from its weights (fresh AdamW, cosine each)
    /usr/bin/python3 train.py tiny-classic --resume --steps 400 --lr 1.5e-3 > "work/train_$m.phase2.log" 2>&1
    /usr/bin/python3 train.py tiny-classic --resume --steps 300 --lr 2e-3 > "work/train_$m.phase3.log" 2>&1
    /usr/bin/python3 train.py tiny-classic --resume --steps 300 --lr 1e-3 > "work/train_$m.phase4.log" 2>&1
  fi
done
