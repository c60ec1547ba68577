#!/bin/sh
# Trains the three sample models from scratch, one after another on ONE thread (the machine is
# shared): tiny-gpt2, tiny-llama, tiny-classic. Logs go to work/train_<name>.log.
# Each model gets a wall-time budget (train.py --minutes; the cosine schedule follows whichever of
# steps and time is further along, so a run always ends annealed); STEPS caps the steps.
# Run it at raised priority so parallel C++ builds don't starve it: `nice -n -5 sh train_all.sh`.
# OUT_DIR=dir writes dir/<name>/ instead of ../../sample_models/<name>/ (to compare before shipping).
# Debian's python3-torch links the reference BLAS (about 5 GFLOPS); with OpenBLAS it is
# several times faster. If libopenblas0-pthread is installed system-wide nothing is needed; else
# extract it locally (see README) and it is picked up from work/openblas.
set -e
cd "$(dirname "$0")"
OB="$(pwd)/work/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ -d "$OB" ]; then export LD_LIBRARY_PATH="$OB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
mkdir -p work
minutes() {  # the issue-12 round-5 run (the models shipped now): about 115 minutes in all
  case "$1" in
    tiny-gpt2) echo 35 ;;
    tiny-llama) echo 38 ;;
    *) echo 42 ;;
  esac
}
for m in ${MODELS:-tiny-gpt2 tiny-llama tiny-classic}; do
  out=""
  if [ -n "$OUT_DIR" ]; then out="--out $OUT_DIR/$m"; fi
  # shellcheck disable=SC2086
  /usr/bin/python3 train.py "$m" --steps "${STEPS:-4000}" --minutes "${MINUTES:-$(minutes "$m")}" $out \
    > "work/train_$m.log" 2>&1
done
