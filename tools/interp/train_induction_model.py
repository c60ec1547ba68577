"""Trains a tiny Llama-architecture model on repeated random token sequences, the setting in which induction heads
form (Olsson et al., 2022): a model that sees "A B C ... A B" can only lower its loss on the second copy by looking at
the token after the previous occurrence of the current one. The result is the fixture tst_interp uses to show that
the induction detector (core/analysis/head_detectors.h) finds such heads, next to random weights where it finds none.

Writes tests/data/interp/induction-llama/: config.json, model.safetensors (F32). Deterministic (seeded, one thread).
Usage: /usr/bin/python3 tools/interp/train_induction_model.py     (about a minute on one core)
"""
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
import model as M  # noqa: E402
from safetensors_io import save_file  # noqa: E402

OUT = os.path.join(ROOT, "tests", "data", "interp", "induction-llama")
CONFIG = {
    "model_type": "llama", "vocab_size": 64, "hidden_size": 32, "intermediate_size": 64,
    "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 4,
    "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
    "tie_word_embeddings": False, "hidden_act": "silu", "bos_token_id": 0, "eos_token_id": 0,
    "torch_dtype": "float32"}
STEPS, BATCH, SEQ = 1500, 32, 48


def batch(gen):
    """Each row: a random unit of 6..16 distinct tokens, repeated to SEQ tokens."""
    rows = []
    for _ in range(BATCH):
        n = int(torch.randint(6, 17, (1,), generator=gen))
        unit = torch.randperm(CONFIG["vocab_size"], generator=gen)[:n]
        rows.append(unit.repeat(SEQ // n + 1)[:SEQ])
    return torch.stack(rows)


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(1)
    W = {}
    for name, (shape, role) in sorted(M.param_shapes(CONFIG).items()):
        if role == "norm_w":
            t = torch.ones(shape)
        elif role == "embed":
            t = 0.5 * torch.randn(shape, generator=gen)
        else:
            t = torch.randn(shape, generator=gen) / math.sqrt(shape[1])
        W[name] = t.float().requires_grad_(True)
    opt = torch.optim.AdamW(W.values(), lr=3e-3, weight_decay=0.01)
    spec = M.spec_of(CONFIG)
    for step in range(STEPS + 1):
        x = batch(gen)
        logits = M.forward(CONFIG, W, x[:, :-1], spec=spec)["logits"]
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, CONFIG["vocab_size"]), x[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 250 == 0:
            print(f"step {step}: loss {float(loss):.3f}", flush=True)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(CONFIG, f, indent=2)
    save_file({k: v.detach().float().contiguous() for k, v in W.items()}, os.path.join(OUT, "model.safetensors"),
              metadata={"format": "pt", "generator": "tools/interp/train_induction_model.py",
                        "steps": str(STEPS), "final_loss": f"{float(loss):.4f}"})


if __name__ == "__main__":
    main()
