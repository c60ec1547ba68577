"""Creates small seeded random-weight models and their reference fixtures in
tests/data/reference/random-<name>/ : config.json, model.safetensors, reference.safetensors.

Weights are scaled so activations stay O(1): linear weights N(0, 1/fan_in) clipped to
std 0.1..0.3, embeddings std 0.5, norm weights 1 + N(0, 0.1), biases N(0, 0.1).

Usage: /usr/bin/python3 tools/reference/make_random_fixtures.py
"""
import json
import math
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import model as M  # noqa: E402
from fixtures import write_reference  # noqa: E402
from safetensors_io import save_file  # noqa: E402

OUT = os.path.join(ROOT, "tests", "data", "reference")

MODELS = {
    "gpt2": {
        "model_type": "gpt2", "vocab_size": 96, "n_positions": 64, "n_embd": 32, "n_layer": 2,
        "n_head": 4, "n_inner": None, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
        "bos_token_id": 0, "eos_token_id": 0},
    "llama": {  # GQA 4 query / 2 kv heads, untied lm_head
        "model_type": "llama", "vocab_size": 100, "hidden_size": 32, "intermediate_size": 80,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "tie_word_embeddings": False, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
    "qwen2": {  # q/k/v biases, GQA 4/2, tied, Qwen-style large rope_theta
        "model_type": "qwen2", "vocab_size": 112, "hidden_size": 32, "intermediate_size": 64,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
        "tie_word_embeddings": True, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
    "explorer-classic": {  # the textbook transformer: sin/cos, post-norm LayerNorm, ReLU, biases
        "model_type": "explorer", "vocab_size": 80, "hidden_size": 32, "intermediate_size": 64,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 4,
        "max_position_embeddings": 64, "positional": "sinusoidal", "rope_theta": 10000.0,
        "norm": "layernorm", "norm_placement": "post", "norm_eps": 1e-5, "activation": "relu",
        "attention_bias": True, "mlp_bias": True, "tie_word_embeddings": True,
        "bos_token_id": 0, "eos_token_id": 1},
    "explorer-learned": {  # learned positions, pre-norm RMSNorm, exact GELU, no biases, untied, GQA
        "model_type": "explorer", "vocab_size": 72, "hidden_size": 32, "intermediate_size": 96,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
        "max_position_embeddings": 64, "positional": "learned", "rope_theta": 10000.0,
        "norm": "rmsnorm", "norm_placement": "pre", "norm_eps": 1e-6, "activation": "gelu",
        "attention_bias": False, "mlp_bias": False, "tie_word_embeddings": False,
        "bos_token_id": 0, "eos_token_id": 1},
    "explorer-rope": {  # RoPE, pre-norm LayerNorm, SwiGLU with biases, tied
        "model_type": "explorer", "vocab_size": 64, "hidden_size": 32, "intermediate_size": 64,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 4,
        "max_position_embeddings": 64, "positional": "rope", "rope_theta": 10000.0,
        "norm": "layernorm", "norm_placement": "pre", "norm_eps": 1e-5, "activation": "swiglu",
        "attention_bias": False, "mlp_bias": True, "tie_word_embeddings": True,
        "bos_token_id": 0, "eos_token_id": 1},
}
# (folder name, config key, stored dtype)
FOLDERS = [
    ("gpt2", "gpt2", torch.float32),
    ("llama", "llama", torch.float32),
    ("qwen2", "qwen2", torch.float32),
    ("explorer-classic", "explorer-classic", torch.float32),
    ("explorer-learned", "explorer-learned", torch.float32),
    ("explorer-rope", "explorer-rope", torch.float32),
    ("llama-f16", "llama", torch.float16),
    ("llama-bf16", "llama", torch.bfloat16),
]
PROMPT_LENGTHS = [1, 5, 20]


def random_weights(cfg, gen):
    W = {}
    for name, (shape, role) in sorted(M.param_shapes(cfg).items()):
        if role == "norm_w":
            t = 1.0 + 0.1 * torch.randn(shape, generator=gen, dtype=torch.float64)
        elif role in ("norm_b", "bias"):
            t = 0.1 * torch.randn(shape, generator=gen, dtype=torch.float64)
        elif role in ("embed", "pos"):
            t = 0.5 * torch.randn(shape, generator=gen, dtype=torch.float64)
        else:
            # fan_in: Linear (out, in) -> shape[1]; GPT-2 Conv1D (in, out) -> shape[0]
            fan_in = shape[0] if cfg["model_type"] == "gpt2" else shape[1]
            std = min(0.3, max(0.1, 1.0 / math.sqrt(fan_in)))
            t = std * torch.randn(shape, generator=gen, dtype=torch.float64)
        W[name] = t
    return W


def main():
    for idx, (folder, key, dtype) in enumerate(FOLDERS):
        cfg = dict(MODELS[key])
        seed = 1000 + list(MODELS).index(key)  # llama-f16/bf16 share the llama weights before rounding
        gen = torch.Generator().manual_seed(seed)
        W = random_weights(cfg, gen)
        d = os.path.join(OUT, f"random-{folder}")
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        cfg["torch_dtype"] = {torch.float32: "float32", torch.float16: "float16", torch.bfloat16: "bfloat16"}[dtype]
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        save_file({k: v.to(dtype) for k, v in W.items()}, os.path.join(d, "model.safetensors"),
                  metadata={"format": "pt", "generator": "tools/reference/make_random_fixtures.py", "seed": str(seed)})
        pgen = torch.Generator().manual_seed(2000 + idx)
        prompts = [torch.randint(0, cfg["vocab_size"], (n,), generator=pgen).tolist() for n in PROMPT_LENGTHS]
        t = write_reference(d, os.path.join(d, "reference.safetensors"), prompts,
                            {"weights_dtype": cfg["torch_dtype"]})
        lg = t["p2.logits"]
        print(f"random-{folder}: {M.count_params(cfg)} params, stored {cfg['torch_dtype']}, "
              f"logits std {float(lg.std()):.3f}, last-block std {float(t['p2.block1'].std()):.3f}, "
              f"attn max {float(t['p2.attn1'].max()):.3f}")


if __name__ == "__main__":
    main()
