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
    # Today's small models, scaled down with their real ratios: head sizes, GQA groups, windows, layer patterns.
    "llama3": {  # Llama 3.2 1B: GQA 4:1, rope_theta 500000, llama3 rope_scaling (factor 32, low 1, high 4), tied;
        # the original context scaled down to 512 so that fast, blended and slow pairs all occur at head_dim 8
        "model_type": "llama", "vocab_size": 96, "hidden_size": 32, "intermediate_size": 128,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 1, "head_dim": 8,
        "max_position_embeddings": 4096, "rms_norm_eps": 1e-5, "rope_theta": 500000.0,
        "rope_scaling": {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                         "original_max_position_embeddings": 512},
        "tie_word_embeddings": True, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
    "mistral": {  # Mistral 7B v0.1: GQA 4:1, sliding_window (4096 of 32768 -> 8 here), untied, ffn 3.5x
        "model_type": "mistral", "vocab_size": 80, "hidden_size": 32, "intermediate_size": 112,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 1, "head_dim": 8,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "sliding_window": 8,
        "tie_word_embeddings": False, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
    "qwen3": {  # Qwen3 0.6B: head_dim independent of width (q is 2x hidden), GQA 2:1, QK-norm, tied, theta 1e6
        "model_type": "qwen3", "vocab_size": 88, "hidden_size": 32, "intermediate_size": 96,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "attention_bias": False,
        "use_sliding_window": False, "sliding_window": None, "max_window_layers": 2,
        "tie_word_embeddings": True, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
    "gpt_neox": {  # Pythia 70M: head 64, rotary_pct 0.25 (16 dims -> 4 of 16 here), parallel residual, LayerNorm
        # with biases, ffn 4x, untied
        "model_type": "gpt_neox", "vocab_size": 72, "hidden_size": 32, "intermediate_size": 128,
        "num_hidden_layers": 2, "num_attention_heads": 2, "max_position_embeddings": 64,
        "rotary_pct": 0.25, "rotary_emb_base": 10000, "layer_norm_eps": 1e-5, "hidden_act": "gelu",
        "use_parallel_residual": True, "tie_word_embeddings": False, "bos_token_id": 0, "eos_token_id": 0},
    "phi3": {  # Phi-3 mini 4k: fused qkv_proj and gate_up_proj, MHA, sliding_window 2047 of 4096 -> 7 of 64, untied
        "model_type": "phi3", "vocab_size": 76, "hidden_size": 32, "intermediate_size": 88,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 4,
        "max_position_embeddings": 64, "original_max_position_embeddings": 64, "rms_norm_eps": 1e-5,
        "rope_theta": 10000.0, "rope_scaling": None, "sliding_window": 7, "partial_rotary_factor": 1.0,
        "tie_word_embeddings": False, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
    "gemma3": {  # Gemma 3: 5 sliding layers then 1 global, local base 1e4 / global 1e6 with 4B's linear scaling
        # (factor 8), head_dim above width / heads, MQA, QK-norm, query_pre_attn_scalar != head_dim (as in 27B)
        "model_type": "gemma3_text", "vocab_size": 64, "hidden_size": 32, "intermediate_size": 96,
        "num_hidden_layers": 6, "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 16,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
        "rope_local_base_freq": 10000.0, "rope_scaling": {"rope_type": "linear", "factor": 8.0},
        "sliding_window": 6, "sliding_window_pattern": 6, "query_pre_attn_scalar": 12,
        "hidden_activation": "gelu_pytorch_tanh", "attn_logit_softcapping": None, "final_logit_softcapping": None,
        "tie_word_embeddings": True, "bos_token_id": 2, "eos_token_id": 1},
    "gemma2": {  # Gemma 2 2B: alternating sliding / global layers, soft-capping 50 (scores) and 30 (logits), GQA 2:1
        "model_type": "gemma2", "vocab_size": 64, "hidden_size": 32, "intermediate_size": 128,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "sliding_window": 8,
        "query_pre_attn_scalar": 16, "hidden_activation": "gelu_pytorch_tanh",
        "attn_logit_softcapping": 50.0, "final_logit_softcapping": 30.0,
        "tie_word_embeddings": True, "bos_token_id": 2, "eos_token_id": 1},
    "smollm3": {  # SmolLM3 3B: every 4th layer without positions (NoPE), GQA 4:1, theta 5e6, tied
        "model_type": "smollm3", "vocab_size": 68, "hidden_size": 32, "intermediate_size": 96,
        "num_hidden_layers": 4, "num_attention_heads": 4, "num_key_value_heads": 1, "head_dim": 8,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 5000000.0,
        "no_rope_layer_interval": 4, "no_rope_layers": [1, 1, 1, 0], "use_sliding_window": False,
        "tie_word_embeddings": True, "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2},
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
    ("llama3", "llama3", torch.float32),
    ("mistral", "mistral", torch.float32),
    ("qwen3", "qwen3", torch.float32),
    ("gpt_neox", "gpt_neox", torch.float32),
    ("phi3", "phi3", torch.float32),
    ("gemma3", "gemma3", torch.float32),
    ("gemma2", "gemma2", torch.float32),
    ("smollm3", "smollm3", torch.float32),
]
PROMPT_LENGTHS = [1, 5, 20]


def random_weights(cfg, gen):
    W = {}
    for name, (shape, role) in sorted(M.param_shapes(cfg).items()):
        if role == "norm_w" and cfg["model_type"].startswith("gemma"):
            t = 0.1 * torch.randn(shape, generator=gen, dtype=torch.float64)  # Gemma stores w and scales by 1 + w
        elif role == "norm_w":
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
    only = set(sys.argv[1:])  # folder names to (re)make; all when none given
    for idx, (folder, key, dtype) in enumerate(FOLDERS):
        if only and folder not in only:
            continue
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
