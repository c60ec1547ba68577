"""Evaluates the trained sample models with the float64 reference forward pass (greedy),
finds the head that attends most to the country token when the capital is predicted,
and writes
  sample_models/<name>/eval.json
  sample_models/<name>/README.md                 (model card)
  tests/data/reference/sample_eval.json         (prompts, HF token ids, expected answers,
                                                 and each model's greedy continuation ids)

Usage: /usr/bin/python3 tools/sample_models/evaluate.py [tiny-gpt2 tiny-llama tiny-classic]
"""
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
sys.path.insert(0, HERE)
import model as M  # noqa: E402
from prepare_data import node_encode  # noqa: E402
from make_corpus import COUNTRIES, gen  # noqa: E402

with open(os.path.join(HERE, "tokenizer.json"), encoding="utf-8") as _f:
    _TOK = json.load(_f)
INV = {v: k for k, v in _TOK["model"]["vocab"].items()}
SPECIAL = {t["content"]: t["id"] for t in _TOK["added_tokens"]}
EOT, IM_END = SPECIAL["<|endoftext|>"], SPECIAL["<|im_end|>"]


def _u2b():
    from train_tokenizer import bytes_to_unicode
    return {u: b for b, u in bytes_to_unicode().items()}


U2B = _u2b()


def decode(ids):
    out = bytearray()
    for i in ids:
        t = INV[i]
        if i in SPECIAL.values():
            out += t.encode("utf-8")
        else:
            out += bytes(U2B[ch] for ch in t)
    return out.decode("utf-8", errors="replace")


def word_match(text, expected):
    """text starts with expected and the word ends there."""
    if not text.startswith(expected):
        return False
    rest = text[len(expected):]
    return rest == "" or not rest[0].isalnum()


def main():
    names = sys.argv[1:] or ["tiny-gpt2", "tiny-llama", "tiny-classic"]
    with open(os.path.join(HERE, "corpus", "eval.json"), encoding="utf-8") as f:
        ev = json.load(f)
    # strings to encode with HF's tokenizer
    head_prompts = []
    for c in COUNTRIES:
        head_prompts.append(("en", f"The capital of {c[0]} is", "The capital of", f"The capital of {c[0]}"))
        head_prompts.append(("tr", f"{gen(c[4])} başkenti", "", c[4]))
    strs = sorted({e["prompt"] for g in ev.values() for e in g} |
                  {s for hp in head_prompts for s in hp[1:] if s})
    enc = dict(zip(strs, node_encode(strs)))
    enc[""] = []

    sample_eval_path = os.environ.get("SAMPLE_EVAL_JSON", os.path.join(ROOT, "tests", "data", "reference", "sample_eval.json"))
    if os.path.exists(sample_eval_path):
        with open(sample_eval_path, encoding="utf-8") as f:
            sample_eval = json.load(f)
    else:
        sample_eval = {}
    items = []
    for group in ["capitals_en", "capitals_tr", "capitals_train_phrasing", "patterns", "chat"]:
        for e in ev[group]:
            it = {"group": group, "prompt": e["prompt"], "prompt_ids": enc[e["prompt"]]}
            if group == "chat":
                it.update(expected_contains=e["expected_contains"], expected_end=e["expected_end"], max_new_tokens=40)
            else:
                it.update(expected=e["expected"], max_new_tokens=16)
                if group == "patterns":  # the next item alone (the corpus' sequences end at random lengths)
                    first = e["expected"].split()[0] if e["kind"] == "alpha" else e["expected"].split(",")[0].strip()
                    it.update(kind=e["kind"], expected_next=" " + first)
            items.append(it)
    sample_eval["description"] = ("Held-out evaluation prompts for the sample models (tools/sample_models/evaluate.py). "
                                  "prompt_ids are Hugging Face's encoding with sample_models/*/tokenizer.json. "
                                  "capitals: the greedy continuation must start with `expected` (word boundary after it); "
                                  "patterns: with `expected_next` (the next item; `expected` = the next two items); chat: greedy until <|im_end|> or <|endoftext|> (max_new_tokens), must end "
                                  "with <|im_end|> and contain expected_contains. greedy[model][i] = the reference "
                                  "model's greedy continuation ids for items[i] (float64 reference, stops at EOS).")
    sample_eval["eos_token_ids"] = [EOT, IM_END]
    sample_eval["items"] = items
    sample_eval.setdefault("greedy", {})

    for name in names:
        mdir = os.path.join(os.environ.get("SAMPLE_MODELS_DIR", os.path.join(ROOT, "sample_models")), name)
        cfg, W = M.load_model(mdir, torch.float64)
        spec = M.spec_of(cfg)
        t0 = time.time()
        per_group = {}
        details = []
        greedy_ids = []
        for it in items:
            new = M.greedy(cfg, W, it["prompt_ids"], it["max_new_tokens"], eos_ids=(EOT, IM_END), spec=spec)
            greedy_ids.append(new)
            text = decode(new)
            if it["group"] == "chat":
                ok = bool(new) and new[-1] == IM_END and it["expected_contains"] in text
            elif it["group"] == "patterns":
                ok = word_match(text, it["expected_next"])
                two = word_match(text, it["expected"])
                g2 = per_group.setdefault("patterns_next_two_items", [0, 0])
                g2[0] += int(two)
                g2[1] += 1
            else:
                ok = word_match(text, it["expected"])
            g = per_group.setdefault(it["group"], [0, 0])
            g[0] += int(ok)
            g[1] += 1
            details.append({"group": it["group"], "prompt": it["prompt"], "output": text, "ok": ok})
        sample_eval["greedy"][name] = greedy_ids
        for d in details:  # the training phrasing, by language
            if d["group"] == "capitals_train_phrasing":
                g = per_group.setdefault("capitals_train_phrasing_" + ("en" if d["prompt"].startswith("The capital") else "tr"), [0, 0])
                g[0] += int(d["ok"])
                g[1] += 1
        acc = {g: {"correct": c, "total": n, "accuracy": round(c / n, 4)} for g, (c, n) in per_group.items()}
        pat = {}
        for d, it in zip(details, items):
            if it["group"] == "patterns":
                k = it["kind"]
                p = pat.setdefault(k, [0, 0])
                p[0] += int(d["ok"])
                p[1] += 1
        acc["patterns_by_kind"] = {k: f"{c}/{n}" for k, (c, n) in pat.items()}

        # which head looks at the country when the capital is predicted (last query row)
        L, H = spec["n_layer"], spec["n_head"]
        mass = {"en": torch.zeros(L, H), "tr": torch.zeros(L, H)}
        cnt = {"en": 0, "tr": 0}
        for lang, prompt, before, upto in head_prompts:
            ids = enc[prompt]
            a, b = len(enc[before]), len(enc[upto])
            if enc[upto] != ids[:b]:
                continue  # country tokens are not a clean prefix (should not happen)
            r = M.run_tokens(cfg, W, ids)
            for li in range(L):
                mass[lang][li] += r["attn"][li][:, -1, a:b].sum(dim=-1)
            cnt[lang] += 1
        heads = {}
        for lang in ("en", "tr"):
            m = mass[lang] / max(1, cnt[lang])
            li, hi = divmod(int(torch.argmax(m)), H)
            heads[lang] = {"layer": li, "head": hi, "mean_attention_to_country": round(float(m[li, hi]), 4),
                           "table": [[round(float(x), 3) for x in row] for row in m]}
        with open(os.path.join(mdir, "train_log.json")) as f:
            log = json.load(f)
        result = {"model": name, "params": M.count_params(cfg), "accuracy": acc,
                  "country_head": heads, "eval_seconds": round(time.time() - t0, 1), "details": details}
        with open(os.path.join(mdir, "eval.json"), "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
        write_card(mdir, name, cfg, spec, log, result)
        print(name, json.dumps(acc), "heads:", {k: (v["layer"], v["head"], v["mean_attention_to_country"]) for k, v in heads.items()}, flush=True)

    with open(sample_eval_path, "w", encoding="utf-8") as f:
        json.dump(sample_eval, f, ensure_ascii=False)


ARCH_TEXT = {
    "gpt2": "GPT-2 (`model_type: gpt2`): learned positions, pre-LayerNorm, GELU (tanh), tied embeddings, attention and MLP biases",
    "llama": "Llama (`model_type: llama`): RoPE, RMSNorm, SwiGLU, grouped-query attention (4 query / 2 kv heads), no biases, tied embeddings",
    "explorer": "textbook transformer (`model_type: explorer`): sin/cos positional encoding, post-norm `x = LayerNorm(x + Attention(x))`, ReLU FFN `ReLU(xW1+b1)W2+b2`, attention and FFN biases",
}


def arch_text(cfg):
    text = ARCH_TEXT[cfg["model_type"]]
    if cfg["model_type"] == "explorer":
        text += ", tied embeddings" if cfg.get("tie_word_embeddings") else ", its own LM head (embeddings not tied)"
    return text


def write_card(mdir, name, cfg, spec, log, res):
    a = res["accuracy"]

    def line(g, label):
        x = a[g]
        return f"| {label} | {x['correct']}/{x['total']} | {100 * x['accuracy']:.1f}% |"

    curve = "\n".join(f"| {c['step']} | {c['train_loss']} | {c.get('val_loss', '')} | {c.get('capital_next_token_acc', '')} |"
                      for c in log["curve"] if c["step"] % 200 == 0 or c is log["curve"][-1])
    h = res["country_head"]
    ex = [d for d in res["details"] if d["group"] in ("capitals_en", "capitals_tr", "chat")][:0]
    examples = []
    for want in ["The capital of France is", "Fransa'nın başkenti", "Did you know that the capital of", "Bence",
                 "Monday, Tuesday", "<|im_start|>user\nWhat is the capital"]:
        for d in res["details"]:
            if d["prompt"].startswith(want):
                examples.append(d)
                break
    ex_md = "\n".join(f"| `{json.dumps(d['prompt'], ensure_ascii=False)[1:-1]}` | `{json.dumps(d['output'], ensure_ascii=False)[1:-1]}` | {'yes' if d['ok'] else 'no'} |" for d in examples)
    params = res["params"]
    dims = (f"hidden {spec['dim']}, {spec['n_layer']} layers, {spec['n_head']} heads"
            f"{' / ' + str(spec['n_kv_head']) + ' kv heads' if spec['n_kv_head'] != spec['n_head'] else ''}"
            f" (head dim {spec['dim'] // spec['n_head']}), FFN {spec['hidden']}, context {spec['max_pos']}, vocab {spec['vocab']}")
    fails = [d for d in res["details"] if not d["ok"]]
    fail_md = "\n".join(f"- `{json.dumps(d['prompt'], ensure_ascii=False)[1:-1]}` → `{json.dumps(d['output'], ensure_ascii=False)[1:-1]}`" for d in fails[:12])
    table = "\n".join([
        line("capitals_en", "capitals, English, held-out phrasings"),
        line("capitals_tr", "capitals, Turkish, held-out phrasings"),
        line("capitals_train_phrasing_en", "capitals, training phrasing \"The capital of X is\" at the start of the text"),
        line("capitals_train_phrasing_tr", "capitals, training phrasing \"X'in başkenti\" at the start of the text"),
        line("patterns", "patterns: next item (counting words/digits EN+TR, days EN+TR, months, alphabet)"),
        line("patterns_next_two_items", "patterns: next two items (stricter)"),
        line("chat", "chat: answer ends with <|im_end|> (and names the capital where asked)")])
    phase_md = ""
    if log.get("phases"):
        ph = log["phases"]
        phase_md = (" Trained in phases: " + "; ".join(
            f"{x['steps']} steps at peak lr {x['lr']}" + (" (resumed from the previous weights, fresh AdamW, no warmup)" if x.get("resumed") else f" ({x['warmup']} warmup)")
            for x in ph) + ".")
    notes = []
    tp = a.get("capitals_train_phrasing_tr")
    if tp and tp["accuracy"] < 0.9:
        notes.append(f"- Bare \"X'in başkenti\" at the very start of a text is answered correctly only {tp['correct']}/{tp['total']} "
                     "times: the model often continues with \" neresidir?\" (\"what is…?\"). In the corpus the country name "
                     "without a leading space (start of text or after a newline) is mostly seen in chat and Q/A questions "
                     "(\"…başkenti neresidir?\"), so the question is a likely continuation there; after other words (the "
                     "held-out Turkish prompts) the capital comes first.")
    if "patterns_next_two_items" in a and a["patterns_next_two_items"]["accuracy"] < a["patterns"]["accuracy"]:
        notes.append("- Patterns are scored on the next item; with the next two items the score is lower because the "
                     "corpus' sequences stop at random lengths (3–10 items), so the model sometimes ends the list "
                     "(`<|endoftext|>`) after one more item.")
    decay_md = "" if cfg.get("tie_word_embeddings", True) else " except the input embedding"
    aligned_md = (", half of every batch's windows starting at a document's first token (so a prompt at position 0 "
                  "looks like the start of a document)") if log.get("doc_aligned") else ""
    notes_md = ("## Notes\n\n" + "\n".join(notes) + "\n") if notes else ""
    misses = ("Misses (first 12):\n" + fail_md) if fails else "No misses."
    card = f"""# {name}

A tiny {arch_text(cfg)}, trained from scratch for the Inference Explorer on a
synthetic English + Turkish teaching corpus. It is a toy: it knows its corpus (capitals,
continents and languages of {len(COUNTRIES)} countries, counting, days, months, the alphabet,
single-digit addition, repeated patterns, short template stories, chat turns), nothing else.

    inference-cli generate sample_models/{name} --prompt "The capital of France is"
    # -> " Paris"

## Size

- {params:,} parameters ({params * 4 / 1e6:.1f} MB as F32 `model.safetensors`)
- {dims}
- tokenizer: byte-level BPE (GPT-2 pre-tokenizer regex), {spec['vocab']} tokens = 256 bytes + merges +
  `<|endoftext|>`, `<|im_start|>`, `<|im_end|>`; `generation_config.json` stops on `<|endoftext|>` and `<|im_end|>`

## Data

`tools/sample_models/make_corpus.py` (seed 1234): {log.get('train_tokens', 'about 615k')} training tokens of
template text — facts in varied phrasings ("The capital of France is Paris.", "Paris is the capital of France.",
"Fransa'nın başkenti Paris'tir.", "Paris, Fransa'nın başkentidir.", Q/A and S/C pairs, country profiles),
patterns, stories (EN/TR) and chat samples `<|im_start|>user\\n…<|im_end|>\\n<|im_start|>assistant\\n…<|im_end|>`.
Evaluation prompts use phrasings that never occur in training ("Did you know that the capital of X is",
"Herkes bilir ki X'in başkenti", …).

## Training

`tools/sample_models/train.py {name}` — the reference model code (`tools/reference/model.py`) in float32,
AdamW (betas 0.9/0.95, weight decay 0.1 on matrices{decay_md}), peak lr {log['lr']} with {log['warmup']} warmup steps and
cosine decay to 10%, gradient clip 1.0, token embeddings initialised N(0, {log.get('embed_init_std', 0.02)}){aligned_md}, {log['steps']} steps × batch {log['batch']} × {log['ctx']} tokens
({log['steps'] * log['batch'] * log['ctx'] / 1e6:.1f}M tokens), seed {log['seed']}, one CPU thread,
wall time {log['wall_time_s'] / 60:.1f} min. Final training loss (smoothed) {log['final_train_loss']},
validation loss {log['final_val_loss']}.{phase_md}

| step | train loss | val loss | capital next-token acc (held-out) |
|---|---|---|---|
{curve}

## Evaluation (greedy, float64 reference forward pass)

| set | correct | accuracy |
|---|---|---|
{table}

Patterns by kind: {', '.join(f'{k} {v}' for k, v in a['patterns_by_kind'].items())}.

| prompt | greedy continuation | ok |
|---|---|---|
{ex_md}

{misses}

{notes_md}
## Which head looks at the country?

Attention of the last position (where the capital is predicted) to the country's tokens, averaged over
the {len(COUNTRIES)} countries:

- "The capital of X is": layer {h['en']['layer']} head {h['en']['head']} (0-based) puts on average
  {100 * h['en']['mean_attention_to_country']:.0f}% of its attention on the country tokens.
- "X'in başkenti": layer {h['tr']['layer']} head {h['tr']['head']}, {100 * h['tr']['mean_attention_to_country']:.0f}%.

Full table (rows = layers, columns = heads), English prompts: `{h['en']['table']}`; Turkish: `{h['tr']['table']}`.

Reference fixtures for the C++ engine: `tests/data/reference/{name}/reference.safetensors`; held-out prompts and
this model's greedy answers: `tests/data/reference/sample_eval.json`.
"""
    with open(os.path.join(mdir, "README.md"), "w", encoding="utf-8") as f:
        f.write(card)


if __name__ == "__main__":
    main()
