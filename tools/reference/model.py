"""Independent PyTorch reference forward pass for the architectures the Inference
Explorer engine runs: gpt2, llama (with Llama 3 rope_scaling), qwen2, the project's own
`explorer`, and today's small models: mistral, qwen3, gpt_neox (Pythia), phi3, gemma2,
gemma3_text and smollm3 (written from the Hugging Face modeling_*.py definitions of each).

Written from the config conventions only (not from the C++ code). Functional style:
weights are a dict {Hugging Face tensor name: tensor}, so the same code serves as
the float64 reference (fixtures) and as the float32 model that trains the samples.

    cfg = load_config(model_dir); W = load_weights(model_dir, torch.float64)
    out = forward(cfg, W, torch.tensor([[1, 2, 3]]), collect=True)
    out["logits"]  # (B, T, vocab)
    out["embed"]   # (B, T, C) stream after embedding (+ learned/sinusoidal positions)
    out["blocks"]  # list over layers of (B, T, C): residual stream after each block
    out["attn"]    # list over layers of (B, nh, T, T): attention probabilities
"""
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import load_file  # noqa: E402


# ----------------------------------------------------------------------------
# config: every architecture is normalised to one "spec" of textbook knobs


def load_config(model_dir: str) -> dict:
    with open(os.path.join(model_dir, "config.json")) as f:
        return json.load(f)


def spec_of(cfg: dict) -> dict:
    """The knobs of the forward pass, read from an HF-style config."""
    mt = cfg["model_type"]
    if mt == "gpt2":
        C = cfg["n_embd"]
        act = cfg.get("activation_function", "gelu_new")
        return dict(
            arch="gpt2", vocab=cfg["vocab_size"], dim=C, n_layer=cfg["n_layer"],
            n_head=cfg["n_head"], n_kv_head=cfg["n_head"],
            hidden=cfg.get("n_inner") or 4 * C, max_pos=cfg["n_positions"],
            positional="learned", norm="layernorm", placement="pre",
            eps=cfg.get("layer_norm_epsilon", 1e-5),
            activation={"gelu_new": "gelu_tanh", "gelu": "gelu"}.get(act, act),
            tied=True, rope_theta=None)
    if mt in LLAMA_LIKE:
        return _llama_like_spec(cfg)
    if mt in ("gemma2", "gemma3_text"):
        return _gemma_spec(cfg)
    if mt == "gpt_neox":
        return _neox_spec(cfg)
    if mt == "explorer":
        return dict(
            arch="explorer", vocab=cfg["vocab_size"], dim=cfg["hidden_size"],
            n_layer=cfg["num_hidden_layers"], n_head=cfg["num_attention_heads"],
            n_kv_head=cfg.get("num_key_value_heads") or cfg["num_attention_heads"],
            hidden=cfg["intermediate_size"], max_pos=cfg["max_position_embeddings"],
            positional=cfg["positional"], norm=cfg["norm"], placement=cfg["norm_placement"],
            eps=cfg.get("norm_eps", 1e-5), activation=cfg["activation"],
            attention_bias=bool(cfg.get("attention_bias", False)),
            mlp_bias=bool(cfg.get("mlp_bias", False)),
            tied=bool(cfg.get("tie_word_embeddings", False)),
            rope_theta=float(cfg.get("rope_theta", 10000.0)))
    raise ValueError(f"unknown model_type {mt!r}")


LLAMA_LIKE = ("llama", "qwen2", "mistral", "qwen3", "phi3", "smollm3")


def _common(cfg: dict) -> dict:
    nh = cfg["num_attention_heads"]
    C = cfg["hidden_size"]
    return dict(
        vocab=cfg["vocab_size"], dim=C, n_layer=cfg["num_hidden_layers"], n_head=nh,
        n_kv_head=cfg.get("num_key_value_heads") or nh, head_dim=cfg.get("head_dim") or C // nh,
        hidden=cfg["intermediate_size"], max_pos=cfg.get("max_position_embeddings", 2048),
        positional="rope", placement="pre", rope_scaling=cfg.get("rope_scaling"))


def _layer_types(cfg, default):
    """transformers' layer_types: "sliding_attention" / "full_attention" per layer."""
    lt = cfg.get("layer_types") or default
    return [t == "sliding_attention" for t in lt]


def _llama_like_spec(cfg: dict) -> dict:
    mt = cfg["model_type"]
    s = _common(cfg)
    L = s["n_layer"]
    s.update(arch=mt, norm="rmsnorm", eps=cfg.get("rms_norm_eps", 1e-6), activation="swiglu",
             tied=bool(cfg.get("tie_word_embeddings", False)), rope_theta=float(cfg.get("rope_theta", 10000.0)),
             qk_norm=mt == "qwen3")
    hd = s["head_dim"]
    s["rope_dim"] = int(hd * cfg.get("partial_rotary_factor", 1.0))
    window = None
    if mt in ("mistral", "phi3"):
        window = cfg.get("sliding_window")  # MistralAttention / Phi3Attention: every layer
        sliding = [window is not None] * L
    else:  # qwen2 / qwen3 / smollm3: only with use_sliding_window, from max_window_layers on
        if cfg.get("use_sliding_window") and cfg.get("sliding_window"):
            window = cfg["sliding_window"]
        mwl = cfg.get("max_window_layers", L)
        sliding = [window is not None and i >= mwl for i in range(L)]
    if window is not None and cfg.get("layer_types"):
        sliding = _layer_types(cfg, None)
    s["window"], s["sliding"] = window, sliding
    if mt == "smollm3":  # SmolLM3Attention.use_rope = config.no_rope_layers[layer_idx]
        nrl = cfg.get("no_rope_layers") or [int((i + 1) % cfg.get("no_rope_layer_interval", 4) != 0)
                                            for i in range(L)]
        s["use_rope"] = [bool(x) for x in nrl]
    return s


def _gemma_spec(cfg: dict) -> dict:
    mt = cfg["model_type"]
    s = _common(cfg)
    L = s["n_layer"]
    act = cfg.get("hidden_activation") or "gelu_pytorch_tanh"
    if act != "gelu_pytorch_tanh":
        raise ValueError(f"hidden_activation {act!r}")
    if mt == "gemma2":
        default = ["sliding_attention" if (i + 1) % 2 else "full_attention" for i in range(L)]
    else:
        pat = cfg.get("sliding_window_pattern", 6)
        default = ["sliding_attention" if (i + 1) % pat else "full_attention" for i in range(L)]
    window = cfg.get("sliding_window")
    s.update(arch=mt, norm="rmsnorm", eps=cfg.get("rms_norm_eps", 1e-6), activation="geglu_tanh",
             tied=bool(cfg.get("tie_word_embeddings", True)), rope_theta=float(cfg.get("rope_theta", 10000.0)),
             rope_theta_local=float(cfg["rope_local_base_freq"]) if mt == "gemma3_text" else None,
             qk_norm=mt == "gemma3_text", gemma=True, window=window,
             sliding=_layer_types(cfg, default) if window else [False] * L,
             attn_scale=cfg.get("query_pre_attn_scalar", 256) ** -0.5,
             attn_softcap=cfg.get("attn_logit_softcapping"), final_softcap=cfg.get("final_logit_softcapping"))
    s["rope_dim"] = s["head_dim"]
    return s


def _neox_spec(cfg: dict) -> dict:
    s = _common(cfg)
    act = cfg.get("hidden_act", "gelu")
    s.update(arch="gpt_neox", norm="layernorm", eps=cfg.get("layer_norm_eps", 1e-5),
             activation={"gelu": "gelu", "gelu_new": "gelu_tanh", "relu": "relu"}[act],
             tied=bool(cfg.get("tie_word_embeddings", False)),
             rope_theta=float(cfg.get("rope_theta", cfg.get("rotary_emb_base", 10000.0))),
             parallel=bool(cfg.get("use_parallel_residual", True)),
             attention_bias=bool(cfg.get("attention_bias", True)), mlp_bias=True)
    s["rope_dim"] = int(s["head_dim"] * cfg.get("partial_rotary_factor", cfg.get("rotary_pct", 1.0)))
    s["window"], s["sliding"] = None, [False] * s["n_layer"]
    return s


def load_weights(model_dir: str, dtype=torch.float64) -> dict:
    """All tensors of model.safetensors (F32/F16/BF16 values), converted to `dtype`."""
    W = load_file(os.path.join(model_dir, "model.safetensors"))
    return {k: v.to(dtype) for k, v in W.items()}


# ----------------------------------------------------------------------------
# per-layer weights in one common layout: Linear weights as (out, in)


# The tensor names come from the engine's architecture tables (`inference-cli archs --json` writes
# architectures.json; a test keeps the two equal), so no name is spelled here.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "architectures.json")) as _f:
    ARCHITECTURES = {a["model_type"]: a for a in json.load(_f)}


def _names(spec: dict) -> dict:
    table = ARCHITECTURES[spec["arch"]]
    return {t["role"]: t["hf"] for t in table["tensors"]}, table


def _tensor(W: dict, base: str, i: int, part: str, required: bool):
    name = base.replace("{L}", str(i)) + "." + part
    if name not in W and "transformer." + name in W:  # GPT2LMHeadModel's prefix
        name = "transformer." + name
    return W[name] if required else W.get(name)


def layer_weights(spec: dict, W: dict, i: int) -> dict:
    """q/k/v/o, norms and MLP weights of layer i, Linear weights as (out, in). Missing biases are None."""
    names, table = _names(spec)
    conv1d = table["hf_conv1d"]  # GPT-2 stores Linear weights (in, out)

    def lin(role, required=True):
        if role not in names:
            return None, None
        w = _tensor(W, names[role], i, "weight", required)
        b = _tensor(W, names[role], i, "bias", False)
        return (w.t() if (w is not None and conv1d) else w), b

    def nrm(role):
        return _tensor(W, names[role], i, "weight", True), _tensor(W, names[role], i, "bias", False)

    L = {}
    hs = spec.get("head_dim") or spec["dim"] // spec["n_head"]
    if "attn_qkv" in names and spec["arch"] == "gpt_neox":
        # GPTNeoXAttention: qkv.view(B, T, nh, 3 * hs) then chunk(3) -> per head [q_h; k_h; v_h] rows
        w, b = lin("attn_qkv")
        nh = spec["n_head"]
        w3 = w.view(nh, 3, hs, -1)
        L["q_w"], L["k_w"], L["v_w"] = (w3[:, j].reshape(nh * hs, -1) for j in range(3))
        if b is not None:
            b3 = b.view(nh, 3, hs)
            L["q_b"], L["k_b"], L["v_b"] = (b3[:, j].reshape(nh * hs) for j in range(3))
        else:
            L["q_b"] = L["k_b"] = L["v_b"] = None
    elif "attn_qkv" in names:  # q, k, v in one matrix: split by output features
        w, b = lin("attn_qkv")
        qd, kvd = spec["n_head"] * hs, spec["n_kv_head"] * hs
        L["q_w"], L["k_w"], L["v_w"] = w.split([qd, kvd, kvd], dim=0)
        L["q_b"], L["k_b"], L["v_b"] = b.split([qd, kvd, kvd], dim=0) if b is not None else (None, None, None)
    else:
        for k, role in (("q", "attn_q"), ("k", "attn_k"), ("v", "attn_v")):
            L[k + "_w"], L[k + "_b"] = lin(role)
    L["o_w"], L["o_b"] = lin("attn_output")
    L["n1_w"], L["n1_b"] = nrm("attn_norm")
    L["n2_w"], L["n2_b"] = nrm("ffn_norm")
    if "ffn_gate_up" in names:  # Phi3MLP: gate, up = gate_up_proj(x).chunk(2, dim=-1)
        w, _ = lin("ffn_gate_up")
        L["gate_w"], L["up_w"] = w.chunk(2, dim=0)
        L["gate_b"] = L["up_b"] = None
    else:
        L["up_w"], L["up_b"] = lin("ffn_up")
        L["gate_w"], L["gate_b"] = lin("ffn_gate", required=spec["activation"] in ("swiglu", "geglu_tanh"))
    L["down_w"], L["down_b"] = lin("ffn_down")
    for key, role in (("qn_w", "attn_q_norm"), ("kn_w", "attn_k_norm"), ("pn1_w", "attn_post_norm"),
                      ("pn2_w", "ffn_post_norm")):
        L[key] = _tensor(W, names[role], i, "weight", True) if role in names else None
    return L


def top_weights(spec: dict, W: dict) -> dict:
    names, table = _names(spec)
    emb = _tensor(W, names["token_embd"], 0, "weight", True)
    pos = _tensor(W, names["position_embd"], 0, "weight", False) if "position_embd" in names else None
    head = None if spec["tied"] else _tensor(W, names["output"], 0, "weight", not table["hf_head_absent_means_tied"])
    return dict(embed=emb, pos=pos,
                fn_w=_tensor(W, names["output_norm"], 0, "weight", False),
                fn_b=_tensor(W, names["output_norm"], 0, "bias", False),
                lm_head=emb if head is None else head)


# ----------------------------------------------------------------------------
# the ops


def linear(x, w, b=None):
    y = x @ w.t()  # w is (out, in)
    return y if b is None else y + b


def norm(spec, x, w, b):
    if spec["norm"] == "layernorm":
        mu = x.mean(dim=-1, keepdim=True)
        var = ((x - mu) ** 2).mean(dim=-1, keepdim=True)  # biased variance
        y = (x - mu) / torch.sqrt(var + spec["eps"]) * w
        return y if b is None else y + b
    # rmsnorm; Gemma's RMSNorm multiplies by (1 + weight)
    ms = (x * x).mean(dim=-1, keepdim=True)
    return x / torch.sqrt(ms + spec["eps"]) * ((1.0 + w) if spec.get("gemma") else w)


def activation(kind, x):
    if kind == "relu":
        return torch.relu(x)
    if kind == "gelu":  # exact erf GELU
        return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))
    if kind == "gelu_tanh":  # GPT-2's gelu_new
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    if kind == "silu":
        return x * torch.sigmoid(x)
    raise ValueError(kind)


def sinusoidal_table(T, d, dtype):
    """PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))."""
    pos = torch.arange(T, dtype=torch.float64)[:, None]          # (T, 1)
    two_i = torch.arange(0, d, 2, dtype=torch.float64)[None, :]   # (1, d/2)
    angle = pos / torch.pow(10000.0, two_i / d)                   # (T, d/2)
    pe = torch.zeros(T, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle[:, : d // 2])
    return pe.to(dtype)


def rope_inv_freq(hs, theta, scaling=None):
    """inv_freq = theta^(-2i/hs), then rope_scaling as transformers' modeling_rope_utils computes it."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, hs, 2, dtype=torch.float64) / hs))  # (hs/2,)
    kind = (scaling or {}).get("rope_type", (scaling or {}).get("type", "default"))
    if kind == "default":
        return inv_freq
    if kind == "linear":
        return inv_freq / scaling["factor"]
    if kind == "llama3":  # _compute_llama3_parameters
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / low, old / high
        wavelen = 2 * math.pi / inv_freq
        inv_llama = torch.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * inv_llama / factor + smooth * inv_llama
        medium = ~(wavelen < high_wavelen) * ~(wavelen > low_wavelen)
        return torch.where(medium, smoothed, inv_llama)
    raise ValueError(f"rope_scaling {kind!r}")


def rope_cos_sin(T, hs, theta, dtype, offset=0, scaling=None):
    """HF llama RoPE tables: inv_freq = theta^(-2i/hs), pairs (i, i + hs/2)."""
    inv_freq = rope_inv_freq(hs, theta, scaling)
    pos = torch.arange(offset, offset + T, dtype=torch.float64)
    freqs = pos[:, None] * inv_freq[None, :]          # (T, hs/2)
    emb = torch.cat([freqs, freqs], dim=-1)           # (T, hs)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], dim=-1)


def apply_rope(x, cos, sin):
    # x: (B, nh, T, hs), cos/sin: (T, rd); partial rotary (rd < hs): the first rd dimensions rotate, the rest pass
    rd = cos.shape[-1]
    if rd < x.shape[-1]:
        xr, xp = x[..., :rd], x[..., rd:]
        return torch.cat([xr * cos + rotate_half(xr) * sin, xp], dim=-1)
    return x * cos + rotate_half(x) * sin


def parse_intervention(text: str) -> dict:
    """One intervention in the CLI's syntax (read from its documentation, not from the C++ parser):
    blk.L.head.H (zero the head's output), blk.L.head.H:mean (replace it by its mean over the positions),
    blk.L.head.H:Q->K (query Q cannot see key K), blk.L.attn (no attention output), blk.L.mlp (no MLP output)."""
    parts = text.split(".")
    if len(parts) < 3 or parts[0] != "blk":
        raise ValueError(f"bad intervention {text!r}")
    layer = int(parts[1])
    if parts[2] in ("attn", "mlp") and len(parts) == 3:
        return {"kind": parts[2], "layer": layer}
    if parts[2] != "head" or len(parts) != 4:
        raise ValueError(f"bad intervention {text!r}")
    head, _, mode = parts[3].partition(":")
    out = {"kind": "zero_head", "layer": layer, "head": int(head)}
    if mode == "mean":
        out["kind"] = "mean_head"
    elif "->" in mode:
        q, k = mode.split("->")
        out.update(kind="knockout", query=int(q), key=int(k))
    elif mode not in ("", "zero"):
        raise ValueError(f"bad intervention {text!r}")
    return out


def attention(spec, L, x, rope=None, want_probs=False, window=None, interventions=()):
    """Causal multi-head self-attention with grouped-query heads. x: (B, T, C).
    `interventions`: this layer's parsed interventions (parse_intervention)."""
    B, T, C = x.shape
    nh, nkv = spec["n_head"], spec["n_kv_head"]
    hs = spec.get("head_dim") or C // nh
    q = linear(x, L["q_w"], L["q_b"]).view(B, T, nh, hs).transpose(1, 2)   # (B, nh, T, hs)
    k = linear(x, L["k_w"], L["k_b"]).view(B, T, nkv, hs).transpose(1, 2)  # (B, nkv, T, hs)
    v = linear(x, L["v_w"], L["v_b"]).view(B, T, nkv, hs).transpose(1, 2)  # (B, nkv, T, hs)
    if L.get("qn_w") is not None:  # QK-norm (qwen3, gemma3): RMSNorm over each head's vector, before RoPE
        q = norm(dict(spec, norm="rmsnorm"), q, L["qn_w"], None)
        k = norm(dict(spec, norm="rmsnorm"), k, L["kn_w"], None)
    if rope is not None:
        cos, sin = rope
        q = apply_rope(q, cos, sin)
        k = apply_rope(k, cos, sin)
    if nkv != nh:  # query head h uses kv head h // (nh / nkv)
        rep = nh // nkv
        k = k.repeat_interleave(rep, dim=1)  # (B, nh, T, hs)
        v = v.repeat_interleave(rep, dim=1)
    scale = spec.get("attn_scale") or 1.0 / math.sqrt(hs)
    att = (q @ k.transpose(-2, -1)) * scale                                # (B, nh, T, T)
    if spec.get("attn_softcap"):  # Gemma 2: scores / cap -> tanh -> * cap, before the mask
        att = torch.tanh(att / spec["attn_softcap"]) * spec["attn_softcap"]
    qi = torch.arange(T)[:, None]
    ki = torch.arange(T)[None, :]
    mask = ki <= qi
    if window is not None:  # transformers' sliding_window_overlay: kv_idx > q_idx - sliding_window
        mask = mask & (ki > qi - window)
    att = att.masked_fill(~mask, float("-inf"))
    for iv in interventions:  # a knocked-out edge: that head's query cannot see that key
        if iv["kind"] == "knockout" and iv["query"] < T:
            att[:, iv["head"], iv["query"], iv["key"]] = float("-inf")
    att = torch.softmax(att, dim=-1)
    y = att @ v                                                            # (B, nh, T, hs)
    for iv in interventions:
        if iv["kind"] == "zero_head":
            y[:, iv["head"]] = 0.0
        elif iv["kind"] == "mean_head":
            y[:, iv["head"]] = y[:, iv["head"]].mean(dim=1, keepdim=True)  # mean over positions
    y = y.transpose(1, 2).contiguous().view(B, T, nh * hs)                 # concat heads
    y = linear(y, L["o_w"], L["o_b"])
    if any(iv["kind"] == "attn" for iv in interventions):
        y = torch.zeros_like(y)
    return y, (att if want_probs else None)


def mlp(spec, L, x):
    if spec["activation"] in ("swiglu", "geglu_tanh"):
        g = linear(x, L["gate_w"], L["gate_b"])
        u = linear(x, L["up_w"], L["up_b"])
        act = "silu" if spec["activation"] == "swiglu" else "gelu_tanh"
        return linear(activation(act, g) * u, L["down_w"], L["down_b"])
    h = activation(spec["activation"], linear(x, L["up_w"], L["up_b"]))
    return linear(h, L["down_w"], L["down_b"])


def forward(cfg, W, tokens, collect=False, spec=None, interventions=()):
    """tokens: (B, T) long. Returns dict with logits (B, T, V) and, if collect, the
    embedding stream, per-block residual streams and per-layer attention probabilities.
    `interventions`: CLI-syntax strings (parse_intervention) applied in their layers."""
    spec = spec or spec_of(cfg)
    top = top_weights(spec, W)
    B, T = tokens.shape
    dtype = top["embed"].dtype
    x = top["embed"][tokens]                              # (B, T, C)
    if spec.get("gemma"):  # Gemma: embeddings * sqrt(hidden_size), the factor in the weights' dtype
        x = x * torch.tensor(spec["dim"] ** 0.5, dtype=dtype)
    if spec["positional"] == "learned":
        x = x + top["pos"][:T]
    elif spec["positional"] == "sinusoidal":
        x = x + sinusoidal_table(T, spec["dim"], dtype)
    rope = rope_local = None
    if spec["positional"] == "rope":
        hs = spec.get("head_dim") or spec["dim"] // spec["n_head"]
        rd = spec.get("rope_dim") or hs
        rope = rope_cos_sin(T, rd, spec["rope_theta"], dtype, scaling=spec.get("rope_scaling"))
        # Gemma 3: sliding layers use their own base (rope_local_base_freq), unscaled
        rope_local = rope_cos_sin(T, rd, spec["rope_theta_local"], dtype) if spec.get("rope_theta_local") else rope
    out = {"embed": x, "blocks": [], "attn": []}
    parsed = [parse_intervention(t) for t in interventions]
    for i in range(spec["n_layer"]):
        L = layer_weights(spec, W, i)
        mine = [iv for iv in parsed if iv["layer"] == i]
        no_mlp = any(iv["kind"] == "mlp" for iv in mine)

        def ffn(h):
            y = mlp(spec, L, h)
            return torch.zeros_like(y) if no_mlp else y

        sliding = bool(spec.get("sliding", [False] * spec["n_layer"])[i])
        window = spec.get("window") if sliding else None
        r = (rope_local if sliding else rope)
        if not spec.get("use_rope", [True] * spec["n_layer"])[i]:
            r = None  # SmolLM3's NoPE layers
        if spec.get("parallel"):  # GPT-NeoX use_parallel_residual
            a, probs = attention(spec, L, norm(spec, x, L["n1_w"], L["n1_b"]), r, collect, window, mine)
            m = ffn(norm(spec, x, L["n2_w"], L["n2_b"]))
            x = m + a + x
        elif spec.get("gemma"):  # norms before and after each sub-layer
            a, probs = attention(spec, L, norm(spec, x, L["n1_w"], L["n1_b"]), r, collect, window, mine)
            x = x + norm(spec, a, L["pn1_w"], None)
            x = x + norm(spec, ffn(norm(spec, x, L["n2_w"], L["n2_b"])), L["pn2_w"], None)
        elif spec["placement"] == "pre":
            a, probs = attention(spec, L, norm(spec, x, L["n1_w"], L["n1_b"]), r, collect, window, mine)
            x = x + a
            x = x + ffn(norm(spec, x, L["n2_w"], L["n2_b"]))
        else:  # post-norm, the original transformer
            a, probs = attention(spec, L, x, r, collect, window, mine)
            x = norm(spec, x + a, L["n1_w"], L["n1_b"])
            x = norm(spec, x + ffn(x), L["n2_w"], L["n2_b"])
        if collect:
            out["blocks"].append(x)
            out["attn"].append(probs)
    if spec["placement"] == "pre":
        x = norm(spec, x, top["fn_w"], top["fn_b"])
    logits = x @ top["lm_head"].t()                       # (B, T, V)
    if spec.get("final_softcap"):  # Gemma 2: logits / cap -> tanh -> * cap
        logits = torch.tanh(logits / spec["final_softcap"]) * spec["final_softcap"]
    out["logits"] = logits
    return out


# ----------------------------------------------------------------------------
# convenience


def load_model(model_dir, dtype=torch.float64):
    return load_config(model_dir), load_weights(model_dir, dtype)


@torch.no_grad()
def run_tokens(cfg, W, ids):
    """One prompt (list of ids) -> dict of per-prompt tensors without the batch dim."""
    out = forward(cfg, W, torch.tensor([ids], dtype=torch.long), collect=True)
    return {
        "logits": out["logits"][0],
        "embed": out["embed"][0],
        "blocks": [b[0] for b in out["blocks"]],
        "attn": [a[0] for a in out["attn"]],
    }


@torch.no_grad()
def greedy(cfg, W, ids, max_new, eos_ids=(), spec=None):
    """Greedy decoding without a KV cache (recomputes the prefix; fine for tiny models)."""
    spec = spec or spec_of(cfg)
    ids = list(ids)
    new = []
    for _ in range(max_new):
        ctx = ids[-spec["max_pos"]:]
        logits = forward(cfg, W, torch.tensor([ctx]), spec=spec)["logits"][0, -1]
        nxt = int(torch.argmax(logits))
        new.append(nxt)
        ids.append(nxt)
        if nxt in eos_ids:
            break
    return new


# ----------------------------------------------------------------------------
# the tensors each architecture stores (name -> shape, role); used to create
# random / initial weights and to check a loaded file


def _table_param_shapes(s: dict) -> dict:
    """Today's architectures: every tensor by its role in the engine's table (architectures.json), with the shape
    the Hugging Face modeling code gives it."""
    names, _ = _names(s)
    C, H, V, hd = s["dim"], s["hidden"], s["vocab"], s["head_dim"]
    qd, kvd = s["n_head"] * hd, s["n_kv_head"] * hd
    ln = s["norm"] == "layernorm"
    attn_bias = s.get("attention_bias", False)
    mlp_bias = s.get("mlp_bias", False)
    per_layer = {
        "attn_norm": [((C,), "norm_w")] + ([((C,), "norm_b")] if ln else []),
        "attn_q": [((qd, C), "linear")], "attn_k": [((kvd, C), "linear")], "attn_v": [((kvd, C), "linear")],
        "attn_qkv": [((qd + 2 * kvd, C), "linear")] + ([((qd + 2 * kvd,), "bias")] if attn_bias else []),
        "attn_q_norm": [((hd,), "norm_w")], "attn_k_norm": [((hd,), "norm_w")],
        "attn_output": [((C, qd), "out_proj")] + ([((C,), "bias")] if attn_bias else []),
        "attn_post_norm": [((C,), "norm_w")],
        "ffn_norm": [((C,), "norm_w")] + ([((C,), "norm_b")] if ln else []),
        "ffn_gate": [((H, C), "linear")], "ffn_up": [((H, C), "linear")] + ([((H,), "bias")] if mlp_bias else []),
        "ffn_gate_up": [((2 * H, C), "linear")],
        "ffn_down": [((C, H), "out_proj")] + ([((C,), "bias")] if mlp_bias else []),
        "ffn_post_norm": [((C,), "norm_w")],
    }
    out = {names["token_embd"] + ".weight": ((V, C), "embed")}
    for i in range(s["n_layer"]):
        for role, base in names.items():
            if role not in per_layer:
                continue
            for shape, kind in per_layer[role]:
                out[base.replace("{L}", str(i)) + (".bias" if kind in ("bias", "norm_b") else ".weight")] = (shape, kind)
    out[names["output_norm"] + ".weight"] = ((C,), "norm_w")
    if ln:
        out[names["output_norm"] + ".bias"] = ((C,), "norm_b")
    if not s["tied"]:
        out[names["output"] + ".weight"] = ((V, C), "embed")
    return out


def param_shapes(cfg: dict) -> dict:
    """{name: (shape, role)}; role in embed, pos, linear, out_proj, bias, norm_w, norm_b."""
    s = spec_of(cfg)
    if s["arch"] not in ("gpt2", "llama", "qwen2", "explorer"):
        return _table_param_shapes(s)
    C, H, V, P, Lr = s["dim"], s["hidden"], s["vocab"], s["max_pos"], s["n_layer"]
    hs = C // s["n_head"]
    kvC = hs * s["n_kv_head"]
    out = {}
    if s["arch"] == "gpt2":
        out["wte.weight"] = ((V, C), "embed")
        out["wpe.weight"] = ((P, C), "pos")
        for i in range(Lr):
            p = f"h.{i}."
            out[p + "ln_1.weight"] = ((C,), "norm_w")
            out[p + "ln_1.bias"] = ((C,), "norm_b")
            out[p + "attn.c_attn.weight"] = ((C, 3 * C), "linear")  # Conv1D (in, out)
            out[p + "attn.c_attn.bias"] = ((3 * C,), "bias")
            out[p + "attn.c_proj.weight"] = ((C, C), "out_proj")
            out[p + "attn.c_proj.bias"] = ((C,), "bias")
            out[p + "ln_2.weight"] = ((C,), "norm_w")
            out[p + "ln_2.bias"] = ((C,), "norm_b")
            out[p + "mlp.c_fc.weight"] = ((C, H), "linear")
            out[p + "mlp.c_fc.bias"] = ((H,), "bias")
            out[p + "mlp.c_proj.weight"] = ((H, C), "out_proj")
            out[p + "mlp.c_proj.bias"] = ((C,), "bias")
        out["ln_f.weight"] = ((C,), "norm_w")
        out["ln_f.bias"] = ((C,), "norm_b")
        return out
    if s["arch"] in ("llama", "qwen2"):
        out["model.embed_tokens.weight"] = ((V, C), "embed")
        for i in range(Lr):
            p = f"model.layers.{i}."
            out[p + "self_attn.q_proj.weight"] = ((C, C), "linear")
            out[p + "self_attn.k_proj.weight"] = ((kvC, C), "linear")
            out[p + "self_attn.v_proj.weight"] = ((kvC, C), "linear")
            out[p + "self_attn.o_proj.weight"] = ((C, C), "out_proj")
            if s["arch"] == "qwen2":
                out[p + "self_attn.q_proj.bias"] = ((C,), "bias")
                out[p + "self_attn.k_proj.bias"] = ((kvC,), "bias")
                out[p + "self_attn.v_proj.bias"] = ((kvC,), "bias")
            out[p + "mlp.gate_proj.weight"] = ((H, C), "linear")
            out[p + "mlp.up_proj.weight"] = ((H, C), "linear")
            out[p + "mlp.down_proj.weight"] = ((C, H), "out_proj")
            out[p + "input_layernorm.weight"] = ((C,), "norm_w")
            out[p + "post_attention_layernorm.weight"] = ((C,), "norm_w")
        out["model.norm.weight"] = ((C,), "norm_w")
        if not s["tied"]:
            out["lm_head.weight"] = ((V, C), "embed")
        return out
    # explorer
    ab, mb, ln = s["attention_bias"], s["mlp_bias"], s["norm"] == "layernorm"
    out["embed_tokens.weight"] = ((V, C), "embed")
    if s["positional"] == "learned":
        out["embed_positions.weight"] = ((P, C), "pos")
    for i in range(Lr):
        p = f"layers.{i}."
        for n, shp, role in [("q", (C, C), "linear"), ("k", (kvC, C), "linear"),
                             ("v", (kvC, C), "linear"), ("o", (C, C), "out_proj")]:
            out[p + f"attn.{n}_proj.weight"] = (shp, role)
            if ab:
                out[p + f"attn.{n}_proj.bias"] = ((shp[0],), "bias")
        for nm in ("attn_norm", "mlp_norm"):
            out[p + f"{nm}.weight"] = ((C,), "norm_w")
            if ln:
                out[p + f"{nm}.bias"] = ((C,), "norm_b")
        mats = [("up_proj", (H, C), "linear"), ("down_proj", (C, H), "out_proj")]
        if s["activation"] == "swiglu":
            mats.insert(0, ("gate_proj", (H, C), "linear"))
        for n, shp, role in mats:
            out[p + f"mlp.{n}.weight"] = (shp, role)
            if mb:
                out[p + f"mlp.{n}.bias"] = ((shp[0],), "bias")
    if s["placement"] == "pre":
        out["final_norm.weight"] = ((C,), "norm_w")
        if ln:
            out["final_norm.bias"] = ((C,), "norm_b")
    if not s["tied"]:
        out["lm_head.weight"] = ((V, C), "embed")
    return out


def count_params(cfg: dict) -> int:
    n = 0
    for shp, _ in param_shapes(cfg).values():
        k = 1
        for d in shp:
            k *= d
        n += k
    return n
