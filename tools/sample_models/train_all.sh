#!/bin/sh
# Trains the three sample models one after another on ONE thread (the machine is shared):
# tiny-gpt2, tiny-llama, tiny-classic. Logs go to work/train_<name>.log.
# Debian's python3-torch links the reference BLAS (about 5 GFLOPS); with OpenBLAS it is
# several times faster. If libopenblas0-pthread is installed system-wide nothing is needed; else
# extract it locally (see README) and it is picked up from work/openblas.
# Steps per model are what the shipped models used (set STEPS to override for all).
set -e
cd "$(dirname "$0")"
OB="$(pwd)/work/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ -d "$OB" ]; then export LD_LIBRARY_PATH="$OB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
mkdir -p work
steps() {
  case "$1" in
    tiny-gpt2) echo 1300 ;;
    tiny-llama) echo 1200 ;;
    *) echo 1000 ;;
  esac
}
for m in ${MODELS:-tiny-gpt2 tiny-llama tiny-classic}; do
  /usr/bin/python3 train.py "$m" --steps "${STEPS:-$(steps "$m")}" > "work/train_$m.log" 2>&1
  if [ "$m" = tiny-classic ] && [ -z "$STEPS" ]; then  # the shipped tiny-classic: 800 more steps, resumed
    /usr/bin/python3 train.py tiny-classic --resume --steps 800 --lr 1.5e-3 > work/train_tiny-classic-resume.log 2>&1
  fi
done
