"""Independent PyTorch reference forward pass for the four architectures the
Inference Explorer engine runs: gpt2, llama, qwen2 and the project's own `explorer`.

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
    if mt in ("llama", "qwen2"):
        return dict(
            arch=mt, vocab=cfg["vocab_size"], dim=cfg["hidden_size"],
            n_layer=cfg["num_hidden_layers"], n_head=cfg["num_attention_heads"],
            n_kv_head=cfg.get("num_key_value_heads") or cfg["num_attention_heads"],
            hidden=cfg["intermediate_size"], max_pos=cfg["max_position_embeddings"],
            positional="rope", norm="rmsnorm", placement="pre",
            eps=cfg.get("rms_norm_eps", 1e-6), activation="swiglu",
            tied=bool(cfg.get("tie_word_embeddings", False)),
            rope_theta=float(cfg.get("rope_theta", 10000.0)))
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
    if "attn_qkv" in names:  # q, k, v in one matrix: split by output features
        w, b = lin("attn_qkv")
        qd, kvd = spec["n_head"] * (spec["dim"] // spec["n_head"]), spec["n_kv_head"] * (spec["dim"] // spec["n_head"])
        L["q_w"], L["k_w"], L["v_w"] = w.split([qd, kvd, kvd], dim=0)
        L["q_b"], L["k_b"], L["v_b"] = b.split([qd, kvd, kvd], dim=0) if b is not None else (None, None, None)
    else:
        for k, role in (("q", "attn_q"), ("k", "attn_k"), ("v", "attn_v")):
            L[k + "_w"], L[k + "_b"] = lin(role)
    L["o_w"], L["o_b"] = lin("attn_output")
    L["n1_w"], L["n1_b"] = nrm("attn_norm")
    L["n2_w"], L["n2_b"] = nrm("ffn_norm")
    L["up_w"], L["up_b"] = lin("ffn_up")
    L["gate_w"], L["gate_b"] = lin("ffn_gate", required=spec["activation"] == "swiglu")
    L["down_w"], L["down_b"] = lin("ffn_down")
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
    # rmsnorm
    ms = (x * x).mean(dim=-1, keepdim=True)
    return x / torch.sqrt(ms + spec["eps"]) * w


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


def rope_cos_sin(T, hs, theta, dtype, offset=0):
    """HF llama RoPE tables: inv_freq = theta^(-2i/hs), pairs (i, i + hs/2)."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, hs, 2, dtype=torch.float64) / hs))  # (hs/2,)
    pos = torch.arange(offset, offset + T, dtype=torch.float64)
    freqs = pos[:, None] * inv_freq[None, :]          # (T, hs/2)
    emb = torch.cat([freqs, freqs], dim=-1)           # (T, hs)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], dim=-1)


def apply_rope(x, cos, sin):
    # x: (B, nh, T, hs), cos/sin: (T, hs)
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


def attention(spec, L, x, rope=None, want_probs=False, interventions=()):
    """Causal multi-head self-attention with grouped-query heads. x: (B, T, C).
    `interventions`: this layer's parsed interventions (parse_intervention)."""
    B, T, C = x.shape
    nh, nkv = spec["n_head"], spec["n_kv_head"]
    hs = C // nh
    q = linear(x, L["q_w"], L["q_b"]).view(B, T, nh, hs).transpose(1, 2)   # (B, nh, T, hs)
    k = linear(x, L["k_w"], L["k_b"]).view(B, T, nkv, hs).transpose(1, 2)  # (B, nkv, T, hs)
    v = linear(x, L["v_w"], L["v_b"]).view(B, T, nkv, hs).transpose(1, 2)  # (B, nkv, T, hs)
    if rope is not None:
        cos, sin = rope
        q = apply_rope(q, cos, sin)
        k = apply_rope(k, cos, sin)
    if nkv != nh:  # query head h uses kv head h // (nh / nkv)
        rep = nh // nkv
        k = k.repeat_interleave(rep, dim=1)  # (B, nh, T, hs)
        v = v.repeat_interleave(rep, dim=1)
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))                # (B, nh, T, T)
    mask = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
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
    y = y.transpose(1, 2).contiguous().view(B, T, C)                       # concat heads
    y = linear(y, L["o_w"], L["o_b"])
    if any(iv["kind"] == "attn" for iv in interventions):
        y = torch.zeros_like(y)
    return y, (att if want_probs else None)


def mlp(spec, L, x):
    if spec["activation"] == "swiglu":
        g = linear(x, L["gate_w"], L["gate_b"])
        u = linear(x, L["up_w"], L["up_b"])
        return linear(activation("silu", g) * u, L["down_w"], L["down_b"])
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
    x = top["embed"][tokens]                              # (B, T, C), no scaling
    if spec["positional"] == "learned":
        x = x + top["pos"][:T]
    elif spec["positional"] == "sinusoidal":
        x = x + sinusoidal_table(T, spec["dim"], dtype)
    rope = None
    if spec["positional"] == "rope":
        rope = rope_cos_sin(T, spec["dim"] // spec["n_head"], spec["rope_theta"], dtype)
    out = {"embed": x, "blocks": [], "attn": []}
    parsed = [parse_intervention(t) for t in interventions]
    for i in range(spec["n_layer"]):
        L = layer_weights(spec, W, i)
        mine = [iv for iv in parsed if iv["layer"] == i]
        no_mlp = any(iv["kind"] == "mlp" for iv in mine)

        def ffn(h):
            y = mlp(spec, L, h)
            return torch.zeros_like(y) if no_mlp else y

        if spec["placement"] == "pre":
            a, probs = attention(spec, L, norm(spec, x, L["n1_w"], L["n1_b"]), rope, collect, mine)
            x = x + a
            x = x + ffn(norm(spec, x, L["n2_w"], L["n2_b"]))
        else:  # post-norm, the original transformer
            a, probs = attention(spec, L, x, rope, collect, mine)
            x = norm(spec, x + a, L["n1_w"], L["n1_b"])
            x = norm(spec, x + ffn(x), L["n2_w"], L["n2_b"])
        if collect:
            out["blocks"].append(x)
            out["attn"].append(probs)
    if spec["placement"] == "pre":
        x = norm(spec, x, top["fn_w"], top["fn_b"])
    out["logits"] = x @ top["lm_head"].t()                # (B, T, V)
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


def param_shapes(cfg: dict) -> dict:
    """{name: (shape, role)}; role in embed, pos, linear, out_proj, bias, norm_w, norm_b."""
    s = spec_of(cfg)
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
