"""Prints the top-5 next-token logits (and probabilities) at the last position.

Usage: /usr/bin/python3 tools/reference/reference_logits.py MODEL_DIR --tokens 1,2,3 [--top 5]
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as M  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--tokens", required=True, help="comma-separated token ids")
    ap.add_argument("--top", type=int, default=5)
    a = ap.parse_args()
    ids = [int(t) for t in a.tokens.split(",") if t.strip()]
    cfg, W = M.load_model(a.model_dir, torch.float64)
    logits = M.run_tokens(cfg, W, ids)["logits"][-1]
    probs = torch.softmax(logits, dim=-1)
    vals, idx = torch.topk(logits, min(a.top, logits.numel()))
    print(f"tokens {ids}  (last position {len(ids) - 1})")
    for v, i in zip(vals.tolist(), idx.tolist()):
        print(f"  id {i:6d}  logit {v: .6f}  prob {float(probs[i]):.6f}")


if __name__ == "__main__":
    main()
