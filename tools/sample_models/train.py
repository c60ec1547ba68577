"""Trains one sample model on the corpus with the reference model code
(tools/reference/model.py, float32), AdamW + warmup + cosine schedule, deterministic
given the seed (one CPU thread).

Needs the HF-encoded corpus ids (tools/sample_models/work/train_ids.bin, made by
`node encode.js tokenizer.json corpus corpus/train.txt work/train_ids.bin`; see README).

Usage: /usr/bin/python3 tools/sample_models/train.py tiny-gpt2|tiny-llama|tiny-classic [--steps N]
"""
import argparse
import json
import math
import os
import shutil
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
import model as M  # noqa: E402
from safetensors_io import save_file  # noqa: E402

with open(os.path.join(HERE, "tokenizer.json"), encoding="utf-8") as _f:
    _TOK = json.load(_f)
VOCAB = len(_TOK["model"]["vocab"])
SPECIAL = {t["content"]: t["id"] for t in _TOK["added_tokens"]}
EOT, IM_START, IM_END = SPECIAL["<|endoftext|>"], SPECIAL["<|im_start|>"], SPECIAL["<|im_end|>"]
CTX = 256

CONFIGS = {
    "tiny-gpt2": {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": VOCAB,
        "n_positions": CTX, "n_ctx": CTX, "n_embd": 128, "n_layer": 4, "n_head": 4, "n_inner": 512,
        "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
        "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0, "tie_word_embeddings": True,
        "bos_token_id": EOT, "eos_token_id": EOT, "torch_dtype": "float32"},
    "tiny-llama": {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": VOCAB,
        "hidden_size": 128, "intermediate_size": 352, "num_hidden_layers": 4,
        "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 32,
        "max_position_embeddings": CTX, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "tie_word_embeddings": True, "hidden_act": "silu", "attention_bias": False, "mlp_bias": False,
        "bos_token_id": EOT, "eos_token_id": IM_END, "torch_dtype": "float32"},
    "tiny-classic": {
        "model_type": "explorer", "vocab_size": VOCAB, "hidden_size": 128, "intermediate_size": 512,
        "num_hidden_layers": 4, "num_attention_heads": 4, "num_key_value_heads": 4,
        "max_position_embeddings": CTX, "positional": "sinusoidal", "rope_theta": 10000.0,
        "norm": "layernorm", "norm_placement": "post", "norm_eps": 1e-5, "activation": "relu",
        "attention_bias": True, "mlp_bias": True, "tie_word_embeddings": False,
        "bos_token_id": EOT, "eos_token_id": EOT},
}

HPARAMS = {  # chosen per model. The explorer adds sin/cos positions (amplitude 1 per dimension) to
    # unscaled token embeddings, so tiny-classic's token embeddings start at the same scale (std 1,
    # not decayed) instead of being drowned by the positions. Tied to the LM head, embeddings that
    # large would start the logits with std ~11 (initial loss 12.8 instead of ln 2048 = 7.6), so
    # tiny-classic has its own small LM head. Measured on 400-step trial runs: loss 1.50 at step 200
    # (std 1, lr 3e-3, untied) vs 1.70 (std 0.5, lr 2e-3, untied) vs 3.34 for the first shipped
    # recipe (std 0.25, lr 2e-3, tied), whose model needed 1700 steps and still missed targets.
    "tiny-gpt2": dict(lr=3e-3, warmup=100, embed_std=0.02),
    "tiny-llama": dict(lr=3e-3, warmup=100, embed_std=0.02),
    "tiny-classic": dict(lr=3e-3, warmup=100, embed_std=1.0),
}


def init_weights(cfg, gen, embed_std=0.02, pos_std=0.02, pos_sinusoid=0.0):
    """GPT-2 style init: N(0, 0.02), residual output projections scaled by 1/sqrt(2L),
    norm weights 1, biases 0; token embeddings N(0, embed_std), learned positions N(0, pos_std) (or, with
    pos_sinusoid > 0, the sin/cos table times pos_sinusoid: still learned, but starting with every position distinct
    and "one back" a rotation a head can learn), an untied LM head N(0, 0.02).
    Returns {name: leaf tensor requiring grad}."""
    n_layer = M.spec_of(cfg)["n_layer"]
    W = {}
    for name, (shape, role) in sorted(M.param_shapes(cfg).items()):
        if role == "norm_w":
            t = torch.ones(shape)
        elif role in ("norm_b", "bias"):
            t = torch.zeros(shape)
        else:
            if role == "out_proj":
                std = 0.02 / math.sqrt(2 * n_layer)
            elif role == "embed" and name != "lm_head.weight":
                std = embed_std
            elif role == "pos":
                std = pos_std
            else:
                std = 0.02
            t = torch.randn(shape, generator=gen) * std
            if role == "pos" and pos_sinusoid > 0:  # drawn above anyway: every other weight matches a run without it
                t = M.sinusoidal_table(shape[0], shape[1], torch.float32) * pos_sinusoid
        W[name] = t.requires_grad_(True)
    return W


def lr_at(step, total, peak, warmup, time_frac=0.0):
    """Warmup, then cosine from peak to peak/10; with a time budget the cosine follows whichever of the
    steps and the wall time is further along, so the run anneals fully when the budget ends."""
    if step < warmup:
        return peak * (step + 1) / warmup
    p = max((step - warmup) / max(1, total - warmup), time_frac)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))


IGNORE = -100  # cross_entropy's ignore_index: targets nothing could predict
# single-token words (" Paris", " cat", " Monday"): the material of the synthetic induction windows
WORD_IDS = torch.tensor(sorted(i for t, i in _TOK["model"]["vocab"].items()
                               if t.startswith("Ġ") and t[1:].isalpha() and len(t) >= 4))


def induction_windows(n, g):
    """n training windows of <|endoftext|> and then a random unit of 3-40 word tokens repeated to fill the
    context. Nothing predicts the first copy, so its targets are ignored; every later token is predictable only
    by "find this token earlier, copy what came after it" - a previous-token head feeding an induction head.
    Half the units draw on 3-8 words only, so the current token alone is ambiguous and its predecessor decides
    where to copy from. (Issue 12: two shipped models learnt these heads weakly from the corpus' few repeated
    documents; this clean signal did not fix that - README, "Sharper heads".)"""
    x = torch.empty(n, CTX, dtype=torch.long)
    y = torch.empty(n, CTX, dtype=torch.long)
    for r in range(n):
        k = int(torch.randint(3, 41, (1,), generator=g))
        words = WORD_IDS
        if float(torch.rand(1, generator=g)) < 0.5:
            words = WORD_IDS[torch.randint(0, len(WORD_IDS), (int(torch.randint(3, 9, (1,), generator=g)),), generator=g)]
        unit = words[torch.randint(0, len(words), (k,), generator=g)]
        seq = torch.cat([torch.tensor([EOT]), unit.repeat(CTX // k + 2)])[:CTX + 1]
        x[r], y[r] = seq[:-1], seq[1:]
        y[r, :k + 1] = IGNORE  # the first copy, and its last token's successor (not seen before)
    return x, y


@torch.no_grad()
def quick_capital_check(cfg, W, prompts):
    """Greedy next-token accuracy on encoded (prompt ids, expected first id) pairs."""
    Wd = {k: v.detach() for k, v in W.items()}
    ok = 0
    for ids, first in prompts:
        logits = M.forward(cfg, Wd, torch.tensor([ids]))["logits"][0, -1]
        ok += int(int(torch.argmax(logits)) == first)
    return ok / max(1, len(prompts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name", choices=sorted(CONFIGS))
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=None)
    ap.add_argument("--resume", action="store_true",
                    help="continue from the weights in the output folder (fresh AdamW, no warmup unless --warmup, "
                         "cosine from --lr to lr/10 over --steps); the loss curve is appended to train_log.json")
    ap.add_argument("--lr", type=float, default=None)
    ap.add_argument("--minutes", type=float, default=None,
                    help="wall-time budget: the schedule follows the elapsed time when that is further along than "
                         "the step count, and training ends (annealed) when the budget is used up; the log records "
                         "the steps done. Not bit-reproducible (the steps depend on the machine's load)")
    ap.add_argument("--embed-std", type=float, default=None)
    ap.add_argument("--warmup", type=int, default=None)
    ap.add_argument("--pos-std", type=float, default=0.02, help="init std of learned positions (tiny-gpt2)")
    ap.add_argument("--pos-sinusoid", type=float, default=0.0,
                    help="start the learned positions (tiny-gpt2) as the sin/cos table times this amplitude")
    ap.add_argument("--layers", type=int, default=None, help="override the model's number of layers")
    ap.add_argument("--no-pos-decay", dest="pos_decay", action="store_false",
                    help="no weight decay on learned positions (tried for a sharper previous-token head: README)")
    ap.add_argument("--induction-share", type=float, default=0.0,
                    help="fraction of each batch's windows (taken from the randomly cut half) replaced by a random "
                         "unit of word tokens repeated to fill the context, the loss taken on the copies only "
                         "(induction_windows; tried for sharper heads, not used by the shipped models: see README)")
    ap.add_argument("--no-doc-aligned", dest="doc_aligned", action="store_false",
                    help="cut every training window at a random offset (the first shipped models)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    out_dir = a.out or os.path.join(ROOT, "sample_models", a.name)
    os.makedirs(out_dir, exist_ok=True)
    cfg = dict(CONFIGS[a.name])
    if a.layers is not None:
        cfg["n_layer" if "n_layer" in cfg else "num_hidden_layers"] = a.layers
    hp = dict(HPARAMS[a.name])
    if a.lr is not None:
        hp["lr"] = a.lr
    if a.embed_std is not None:
        hp["embed_std"] = a.embed_std
    if a.warmup is not None:
        hp["warmup"] = a.warmup
    if a.resume and a.warmup is None:
        hp["warmup"] = 0
    spec = M.spec_of(cfg)

    ids = np.fromfile(os.path.join(HERE, "work", "train_ids.bin"), dtype="<u2").astype(np.int64)
    data = torch.from_numpy(ids)
    # a small validation slice: the last 2% of the stream
    n_val = len(data) // 50
    train_data, val_data = data[:-n_val], data[-n_val:]
    quick = []
    qpath = os.path.join(HERE, "work", "quick_check.json")
    if os.path.exists(qpath):
        with open(qpath) as f:
            quick = [(p, e) for p, e in json.load(f)]

    gen = torch.Generator().manual_seed(a.seed)
    W = init_weights(cfg, gen, hp["embed_std"], a.pos_std, a.pos_sinusoid)
    prev_log = None
    if a.resume:
        from safetensors_io import load_file
        loaded = load_file(os.path.join(out_dir, "model.safetensors"))
        W = {k: loaded[k].float().clone().requires_grad_(True) for k in W}
        with open(os.path.join(out_dir, "train_log.json")) as f:
            prev_log = json.load(f)
        gen.manual_seed(a.seed + 1)
    n_params = sum(v.numel() for v in W.values())
    # an untied input embedding is a lookup table, not a matrix product: like biases it is
    # not decayed (decay would shrink tokens under the fixed-amplitude sin/cos positions)
    roles = {k: r for k, (_, r) in M.param_shapes(cfg).items()}
    keep = {k for k, v in W.items() if v.dim() < 2 or (not a.pos_decay and roles[k] == "pos") or
            (not spec["tied"] and roles[k] == "embed" and k != "lm_head.weight")}
    decay = [v for k, v in W.items() if k not in keep]
    no_decay = [v for k, v in W.items() if k in keep]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=hp["lr"], betas=(0.9, 0.95), eps=1e-8)
    print(f"{a.name}: {n_params} parameters, {len(train_data)} train tokens, {a.steps} steps x {a.batch} x {CTX}", flush=True)

    # Half of each batch starts exactly at a document's first token (the <|endoftext|> before
    # it cut off): a prompt typed into the program starts at position 0 with no context, and
    # windows cut at random offsets would teach position 0 a mid-document distribution
    # ("Fransa'nın başkenti" at the start then often continued as a question).
    doc_starts = (torch.nonzero(train_data[:-CTX - 1] == EOT).flatten() + 1) if a.doc_aligned else None

    n_induction = round(a.batch * a.induction_share)
    assert n_induction <= a.batch - a.batch // 2, "--induction-share takes windows from the randomly cut half only"

    def batch(src, g):
        ix = torch.randint(0, len(src) - CTX - 1, (a.batch,), generator=g)
        if doc_starts is not None and src is train_data:
            pick = torch.randint(0, len(doc_starts), (a.batch // 2,), generator=g)
            ix[: a.batch // 2] = doc_starts[pick]
        x = torch.stack([src[i:i + CTX] for i in ix])
        y = torch.stack([src[i + 1:i + 1 + CTX] for i in ix])
        if n_induction and src is train_data:
            x[a.batch - n_induction:], y[a.batch - n_induction:] = induction_windows(n_induction, g)
        return x, y

    @torch.no_grad()
    def val_loss():
        g = torch.Generator().manual_seed(7)
        tot = 0.0
        for _ in range(8):
            x, y = batch(val_data, g)
            lg = M.forward(cfg, {k: v.detach() for k, v in W.items()}, x, spec=spec)["logits"]
            tot += float(torch.nn.functional.cross_entropy(lg.reshape(-1, VOCAB), y.reshape(-1)))
        return tot / 8

    log = {"model": a.name, "params": n_params, "steps": a.steps, "batch": a.batch, "ctx": CTX,
           "seed": a.seed, "doc_aligned": a.doc_aligned, "induction_share": a.induction_share, "lr": hp["lr"], "warmup": hp["warmup"], "embed_init_std": hp["embed_std"],
           "pos_init_std": a.pos_std, "pos_sinusoid": a.pos_sinusoid, "pos_decay": a.pos_decay, "curve": []}
    t0 = time.time()
    run_loss = None
    budget_s = a.minutes * 60 if a.minutes else None
    time_frac = 0.0
    steps_done = a.steps
    for step in range(a.steps):
        if budget_s:
            time_frac = min(1.0, (time.time() - t0) / budget_s)
        last = step == a.steps - 1 or time_frac >= 1.0
        for gr in opt.param_groups:
            gr["lr"] = lr_at(step, a.steps, hp["lr"], hp["warmup"], time_frac)
        x, y = batch(train_data, gen)
        logits = M.forward(cfg, W, x, spec=spec)["logits"]
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), y.reshape(-1), ignore_index=IGNORE)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(W.values()), 1.0)
        opt.step()
        lv = float(loss)
        run_loss = lv if run_loss is None else 0.95 * run_loss + 0.05 * lv
        if step % 100 == 0 or last:
            entry = {"step": step, "train_loss": round(run_loss, 4), "elapsed_s": round(time.time() - t0, 1)}
            if step % 250 == 0 or last:
                entry["val_loss"] = round(val_loss(), 4)
                if quick:
                    entry["capital_next_token_acc"] = round(quick_capital_check(cfg, W, quick), 3)
            log["curve"].append(entry)
            print(json.dumps(entry), flush=True)
        if last:
            steps_done = step + 1
            break
    if steps_done != a.steps:  # ended by the time budget
        log["steps"] = steps_done
        log["time_budget_min"] = a.minutes
    log["wall_time_s"] = round(time.time() - t0, 1)
    if prev_log is not None:  # second phase: append to the first phase's log
        off = prev_log["steps"]
        for e in log["curve"]:
            e["step"] += off
        phases = prev_log.get("phases", [{k: prev_log[k] for k in ("steps", "lr", "warmup") if k in prev_log}])
        phases.append({"steps": log["steps"], "lr": hp["lr"], "warmup": hp["warmup"], "resumed": True,
                       "induction_share": a.induction_share, "pos_decay": a.pos_decay,
                       "corpus_docs": int(len(doc_starts)) if doc_starts is not None else None,
                       "corpus_tokens": int(len(data)), "time_budget_min": a.minutes})
        log = dict(prev_log, curve=prev_log["curve"] + log["curve"], phases=phases,
                   steps=off + log["steps"], wall_time_s=round(prev_log["wall_time_s"] + log["wall_time_s"], 1))
    log["final_train_loss"] = log["curve"][-1]["train_loss"]
    log["final_val_loss"] = log["curve"][-1].get("val_loss")

    save_folder(out_dir, cfg, {k: v.detach().float().contiguous() for k, v in W.items()})
    with open(os.path.join(out_dir, "train_log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print(f"done in {log['wall_time_s']} s -> {out_dir}", flush=True)


def save_folder(out_dir, cfg, W):
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    save_file(W, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    shutil.copyfile(os.path.join(HERE, "tokenizer.json"), os.path.join(out_dir, "tokenizer.json"))
    gc = {"bos_token_id": EOT, "eos_token_id": [EOT, IM_END], "max_new_tokens": 64,
          "do_sample": False, "temperature": 1.0, "top_k": 0, "top_p": 1.0}
    with open(os.path.join(out_dir, "generation_config.json"), "w") as f:
        json.dump(gc, f, indent=2)


if __name__ == "__main__":
    main()
