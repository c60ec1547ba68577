"""Writes reference.safetensors for a model folder: for each prompt p,
  p{p}.tokens  I32 (T,)
  p{p}.logits  F32 (T, vocab)      logits at every position
  p{p}.embed   F32 (T, dim)        stream after embedding (+ learned / sinusoidal positions)
  p{p}.block{i} F32 (T, dim)       residual stream after block i
  p{p}.attn{i} F32 (n_heads, T, T) attention probabilities of layer i (causal, rows sum to 1)
All computed in float64 from the stored weights (F16/BF16 values are used exactly as stored).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as M  # noqa: E402
from safetensors_io import save_file  # noqa: E402


def reference_tensors(cfg, W64, prompts):
    out = {}
    for p, ids in enumerate(prompts):
        r = M.run_tokens(cfg, W64, ids)
        out[f"p{p}.tokens"] = torch.tensor(ids, dtype=torch.int32)
        out[f"p{p}.logits"] = r["logits"].float()
        out[f"p{p}.embed"] = r["embed"].float()
        for i, b in enumerate(r["blocks"]):
            out[f"p{p}.block{i}"] = b.float()
        for i, a in enumerate(r["attn"]):
            out[f"p{p}.attn{i}"] = a.float()
    return out


def write_reference(model_dir, out_path, prompts, extra_meta=None):
    cfg, W64 = M.load_model(model_dir, torch.float64)
    t = reference_tensors(cfg, W64, prompts)
    meta = {"generator": "tools/reference (PyTorch float64 reference forward)",
            "prompts": str(len(prompts)), "model_type": cfg["model_type"]}
    meta.update(extra_meta or {})
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    save_file(t, out_path, metadata=meta)
    return t
