"""Ablation fixtures: the PyTorch reference (model.py, float64) running the same interventions the engine runs, on
the random-weight models of tests/data/reference/ (made by make_random_fixtures.py; run that first).

Writes tests/data/reference/random-<name>/ablation.safetensors:
  tokens            I32 (T,)         the prompt (12 seeded random ids)
  none.logits       F32 (T, vocab)   no intervention
  <specs>.logits    F32 (T, vocab)   with the interventions <specs> (CLI syntax, several joined by "+")

The C++ test (tests/core/tst_reference.cpp) parses each key's specs with the engine's own parser and compares.

Usage: /usr/bin/python3 tools/reference/make_ablation_fixtures.py
"""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import model as M  # noqa: E402
from safetensors_io import save_file  # noqa: E402

OUT = os.path.join(ROOT, "tests", "data", "reference")
# two pre-norm architectures (RMSNorm + RoPE + GQA; LayerNorm + learned positions + biases) and the post-norm one
MODELS = ["random-llama", "random-gpt2", "random-explorer-classic"]
SPECS = [
    "blk.1.head.2",  # a zeroed head
    "blk.0.head.1:mean",  # a mean-ablated head
    "blk.0.mlp",  # an ablated MLP
    "blk.1.attn",  # a whole attention sub-layer
    "blk.1.head.3:7->2",  # one knocked-out edge
    "blk.0.head.0+blk.1.head.1:mean+blk.1.mlp",  # several at once
]


def main():
    for i, name in enumerate(MODELS):
        d = os.path.join(OUT, name)
        cfg, W = M.load_model(d, torch.float64)
        gen = torch.Generator().manual_seed(3000 + i)
        ids = torch.randint(0, cfg["vocab_size"], (1, 12), generator=gen)
        out = {"tokens": ids[0].to(torch.int32)}
        with torch.no_grad():
            base = M.forward(cfg, W, ids)["logits"][0]
            out["none.logits"] = base.float()
            for spec in SPECS:
                logits = M.forward(cfg, W, ids, interventions=spec.split("+"))["logits"][0]
                out[spec + ".logits"] = logits.float()
                print(f"{name}: {spec:45s} max |logit change| {float((logits - base).abs().max()):.4f}")
        save_file(out, os.path.join(d, "ablation.safetensors"),
                  metadata={"generator": "tools/reference/make_ablation_fixtures.py (PyTorch float64)"})


if __name__ == "__main__":
    main()
