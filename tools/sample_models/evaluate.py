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
from make_corpus import COUNTRIES, gen, tr_lower  # noqa: E402
import make_corpus as MC  # noqa: E402

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


def word_match_any(text, expected, lower=None):
    return word_match(text, expected) or (lower is not None and word_match(text, lower))


def first_answer(text, answers):
    """The first capital named in `text` (earliest position; the longest name at a tie), or None."""
    best = None
    for a in answers:
        i = 0
        while True:
            i = text.find(a, i)
            if i < 0:
                break
            before = text[i - 1] if i > 0 else " "
            after = text[i + len(a)] if i + len(a) < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                if best is None or i < best[0] or (i == best[0] and len(a) > len(best[1])):
                    best = (i, a)
                break
            i += 1
    return best[1] if best else None


def all_answers():
    out = set()
    for c in COUNTRIES:
        for k in (c[1], c[5]):
            out |= {k, k.lower(), tr_lower(k)}
    return sorted(out)


def score_item(it, text, new, answers):
    """Is the greedy continuation `text` (ids `new`) right for item `it`?"""
    g = it["group"]
    if g == "chat":
        return bool(new) and new[-1] == IM_END and it["expected_contains"] in text
    if g == "patterns":
        return word_match(text, it["expected_next"])
    if g == "families" and it["kind"] == "question":
        first = first_answer(text, answers)
        return first is not None and first in (it["expected"][1:], it.get("expected_lower", " ")[1:])
    return word_match_any(text, it["expected"], it.get("expected_lower"))


@torch.no_grad()
def next_logits(cfg, W, ids, spec):
    return M.forward(cfg, W, torch.tensor([ids[-spec["max_pos"]:]]), spec=spec)["logits"][0, -1]


@torch.no_grad()
def decode_greedy(cfg, W, ids, max_new, spec, repetition_penalty=1.0, window=64):
    """Greedy decoding, optionally with HF's repetition penalty over the last `window` tokens (prompt
    included): a seen token's logit is divided by the penalty if positive, multiplied if negative.
    Returns (new ids, sum of the model's log p of the chosen tokens, stopped at EOS)."""
    ids = list(ids)
    new, slp = [], 0.0
    for _ in range(max_new):
        lg = next_logits(cfg, W, ids, spec)
        lp = torch.log_softmax(lg, -1)
        if repetition_penalty != 1.0:
            lg = lg.clone()
            for t in set(ids[-window:] if window else ids):
                lg[t] = lg[t] / repetition_penalty if lg[t] > 0 else lg[t] * repetition_penalty
        t = int(torch.argmax(lg))
        new.append(t)
        ids.append(t)
        slp += float(lp[t])
        if t in (EOT, IM_END):
            return new, slp, True
    return new, slp, False


@torch.no_grad()
def beam_search(cfg, W, ids, spec, beams=4, max_new=10):
    """A small beam search (HF semantics without length penalty ties: score = sum log p / length):
    the best finished hypothesis as (ids, sum log p)."""
    live = [(0.0, [])]
    done = []
    for step in range(max_new):
        cands = []
        for slp, seq in live:
            lp = torch.log_softmax(next_logits(cfg, W, list(ids) + seq, spec), -1)
            top = torch.topk(lp, 2 * beams)
            for v, t in zip(top.values.tolist(), top.indices.tolist()):
                cands.append((slp + v, seq + [t]))
        cands.sort(key=lambda x: -x[0])
        live = []
        for rank, (slp, seq) in enumerate(cands):
            if seq[-1] in (EOT, IM_END) or step == max_new - 1:
                if rank < beams:
                    done.append((slp / len(seq), slp, seq))
            else:
                live.append((slp, seq))
            if len(live) == beams:
                break
        if len(done) >= beams or not live:
            break
    best = max(done)
    return best[2], best[1]


# ---------------------------------------------------------------------------
# lesson demos: prompts shared by all models (the test reads them from sample_eval.json)

DEMO_TEXT = {
    "uncertain": ["My favourite colour is", "My favourite animal is the"],
    "beam": "My pet is a",
    # when a model's "My pet is a" has " cat" ahead (greedy then already finds the best path), the next prompt
    # where beam search wins is its documented one: a story opening whose likeliest next words lead nowhere likely
    "beam_fallbacks": ["One day,", "Once upon a time,"],
    "repetition": "The bell went ding dong ding dong",
    "stop": ("Let us count: 1, 2, 3, 4,", ", 8"),
    # a model whose count ends before 8 (the corpus' lists stop at random lengths) is cut at the next one that its
    # greedy continuation reaches; the model card and demo_results name it
    "stop_fallbacks": [", 6"],
    "chat": "<|im_start|>user\nWhat is the capital of Japan?<|im_end|>\n<|im_start|>assistant\n",
    "prev_token": ["Once upon a time, there was a child named Lily. She found a red ball and was happy.",
                   "Fransa'nın başkenti Paris'tir. Türkiye'nin başkenti Ankara'dır.",
                   "The capital of France is Paris. People in France speak French.",
                   "Monday, Tuesday, Wednesday, Thursday, Friday"],
}
REPETITION_PENALTIES = [1.3, 1.5, 2.0]
INDUCTION_PERIOD = 6  # a unit of 6 words, repeated 3 times


def induction_prompts(vocab):
    """Three seeded units of 6 different words of the corpus' repeated patterns (single tokens), each repeated
    three times ("cat sun red fish moon blue cat sun red ...")."""
    import random
    from make_corpus import PAT_WORDS
    words = sorted(vocab["Ġ" + w] for w in PAT_WORDS if "Ġ" + w in vocab)
    r = random.Random(7)
    return [r.sample(words, INDUCTION_PERIOD) * 3 for _ in range(3)]


def induction_targets(ids, i):
    """Positions j <= i whose previous token is the token at i: where an induction head looks from i."""
    return [j for j in range(1, i + 1) if ids[j - 1] == ids[i]]


def head_tables(cfg, W, spec, demos):
    """(layers x heads) tables: mean attention to the previous token; induction score (attention from each
    position after the first unit to the tokens that followed earlier occurrences of its token)."""
    L, H = spec["n_layer"], spec["n_head"]
    prev = torch.zeros(L, H)
    for ids in demos["prev_token_ids"]:
        r = M.run_tokens(cfg, W, ids)
        T = len(ids)
        for li in range(L):
            a = r["attn"][li]  # (H, T, T)
            prev[li] += torch.stack([a[:, i, i - 1] for i in range(1, T)], -1).mean(-1)
    prev /= len(demos["prev_token_ids"])
    # chance levels: attention spread evenly over the visible positions
    prev_chance = sum(sum(1 / (i + 1) for i in range(1, len(ids))) / (len(ids) - 1)
                      for ids in demos["prev_token_ids"]) / len(demos["prev_token_ids"])
    ind = torch.zeros(L, H)
    P = demos["induction_period"]
    for ids in demos["induction_ids"]:
        r = M.run_tokens(cfg, W, ids)
        for li in range(L):
            a = r["attn"][li]
            ind[li] += torch.stack([a[:, i, induction_targets(ids, i)].sum(-1) for i in range(P, len(ids))], -1).mean(-1)
    ind /= len(demos["induction_ids"])
    ind_chance = sum(sum(len(induction_targets(ids, i)) / (i + 1) for i in range(P, len(ids))) / (len(ids) - P)
                     for ids in demos["induction_ids"]) / len(demos["induction_ids"])
    return (prev, prev_chance), (ind, ind_chance)


def best_head(table_chance, min_layer=0):
    """The strongest head from layer min_layer on; `clear` when it is at least twice the chance level. (An induction
    head needs the previous token's identity from an earlier layer: a layer-0 head scoring on the induction measure
    attends by position - one did, 0.27, in a session-9 experiment - so induction heads are sought from layer 1.)"""
    table, chance = table_chance
    H = table.shape[1]
    li, hi = divmod(int(torch.argmax(table[min_layer:])), H)
    li += min_layer
    score = float(table[li, hi])
    return {"layer": li, "head": hi, "score": round(score, 4), "chance": round(chance, 4),
            "clear": score >= 2 * chance, "table": [[round(float(x), 3) for x in row] for row in table]}


@torch.no_grad()
def head_ablation(cfg, W, spec, demos):
    """P(target) after the ablation prompt with each single head zeroed (model.py's interventions, the CLI's
    `--ablate blk.L.head.H`): does the head that looks at the country cause the answer?"""
    a = demos["ablation"]
    ids = torch.tensor([a["prompt_ids"]])
    base = float(torch.softmax(M.forward(cfg, W, ids, spec=spec)["logits"][0, -1], -1)[a["target_id"]])
    table = []
    for layer in range(spec["n_layer"]):
        row = []
        for head in range(spec["n_head"]):
            lg = M.forward(cfg, W, ids, spec=spec, interventions=[f"blk.{layer}.head.{head}"])["logits"][0, -1]
            row.append(round(float(torch.softmax(lg, -1)[a["target_id"]]) - base, 4))
        table.append(row)
    flat = [(v, layer, head) for layer, row in enumerate(table) for head, v in enumerate(row)]
    v, layer, head = min(flat)
    return {"prompt": a["prompt"], "target": a["target"], "baseline": round(base, 4), "delta_table": table,
            "strongest": {"layer": layer, "head": head, "delta": v}}


def run_demos(cfg, W, spec, demos):
    res = {}
    un = []
    for text, ids in zip(DEMO_TEXT["uncertain"], demos["uncertain_ids"]):
        lg = next_logits(cfg, W, ids, spec)
        row = {"prompt": text}
        for T in (0.5, 1.0, 1.5):
            p = torch.softmax(lg / T, -1)
            top = torch.topk(p, 5)
            row[f"T{T}"] = [[decode([i]), round(float(v), 3)] for v, i in zip(top.values.tolist(), top.indices.tolist())]
            ent = float(-(p * torch.log(p.clamp_min(1e-30))).sum())
            row[f"entropy_T{T}"] = round(ent, 3)
        p = torch.softmax(lg, -1)
        row["top1"] = round(float(p.max()), 3)
        row["candidates_over_5pct"] = int((p >= 0.05).sum())
        un.append(row)
    res["uncertain"] = un
    for text, ids in zip([DEMO_TEXT["beam"]] + DEMO_TEXT["beam_fallbacks"],
                         [demos["beam_ids"]] + demos["beam_fallback_ids"]):
        g, g_lp, _ = decode_greedy(cfg, W, ids, 10, spec)
        b, b_lp = beam_search(cfg, W, ids, spec, beams=4, max_new=10)
        res["beam"] = {"prompt": text, "prompt_ids": ids, "greedy": decode(g), "greedy_sum_logp": round(g_lp, 4),
                       "beam": decode(b), "beam_sum_logp": round(b_lp, 4), "beams": 4, "max_new_tokens": 10,
                       "ok": b_lp > g_lp + 0.1}
        if res["beam"]["ok"]:
            break
    n0, _, eos0 = decode_greedy(cfg, W, demos["repetition_ids"], 24, spec)
    t0 = decode(n0)
    rep = {"prompt": DEMO_TEXT["repetition"], "max_new_tokens": 24, "without": t0,
           "loops_without": (not eos0) and t0.count("ding dong") >= 6}
    for pen in REPETITION_PENALTIES:
        n1, _, eos1 = decode_greedy(cfg, W, demos["repetition_ids"], 24, spec, repetition_penalty=pen)
        rep.update(penalty=pen, window=64, with_penalty=decode(n1), stops_with=eos1)
        if eos1:
            break
    rep["ok"] = rep["loops_without"] and rep["stops_with"]
    res["repetition"] = rep
    n, _, _ = decode_greedy(cfg, W, demos["stop_ids"], 20, spec)
    t = decode(n)
    stop = next((x for x in [DEMO_TEXT["stop"][1]] + DEMO_TEXT["stop_fallbacks"] if x in t), DEMO_TEXT["stop"][1])
    res["stop"] = {"prompt": DEMO_TEXT["stop"][0], "stop": stop, "raw": t,
                   "cut": t[:t.index(stop)] if stop in t else None, "ok": stop in t}
    n, _, _ = decode_greedy(cfg, W, demos["chat_ids"], 40, spec)
    res["chat"] = {"prompt": DEMO_TEXT["chat"], "output": decode(n), "ok": bool(n) and n[-1] == IM_END and "Tokyo" in decode(n)}
    prev, ind = head_tables(cfg, W, spec, demos)
    res["previous_token_head"] = best_head(prev)
    res["induction_head"] = best_head(ind, min_layer=1)
    res["head_ablation"] = head_ablation(cfg, W, spec, demos)
    return res


def main():
    names = sys.argv[1:] or ["tiny-gpt2", "tiny-llama", "tiny-classic"]
    with open(os.path.join(HERE, "corpus", "eval.json"), encoding="utf-8") as f:
        ev = json.load(f)
    # strings to encode with HF's tokenizer
    head_prompts = []
    for c in COUNTRIES:
        head_prompts.append(("en", f"The capital of {c[0]} is", "The capital of", f"The capital of {c[0]}"))
        # after a lead-in word, so that the country is not at position 0 (where many heads park their attention)
        head_prompts.append(("tr", f"Bilgi: {gen(c[4])} başkenti", "Bilgi:", f"Bilgi: {c[4]}"))
    demo_strs = (DEMO_TEXT["uncertain"] + DEMO_TEXT["beam_fallbacks"] + [DEMO_TEXT["beam"], DEMO_TEXT["repetition"], DEMO_TEXT["stop"][0],
                                           DEMO_TEXT["chat"]] + DEMO_TEXT["prev_token"])
    strs = sorted({e["prompt"] for g in ev.values() for e in g} |
                  {s for hp in head_prompts for s in hp[1:] if s} | set(demo_strs) | set(ABLATION))
    enc = dict(zip(strs, node_encode(strs)))
    enc[""] = []
    demos = {"uncertain": DEMO_TEXT["uncertain"], "uncertain_ids": [enc[t] for t in DEMO_TEXT["uncertain"]],
             "beam": DEMO_TEXT["beam"], "beam_ids": enc[DEMO_TEXT["beam"]],
             "beam_fallback_ids": [enc[t] for t in DEMO_TEXT["beam_fallbacks"]],
             "repetition": DEMO_TEXT["repetition"], "repetition_ids": enc[DEMO_TEXT["repetition"]],
             "stop": DEMO_TEXT["stop"][0], "stop_sequence": DEMO_TEXT["stop"][1], "stop_ids": enc[DEMO_TEXT["stop"][0]],
             "chat": DEMO_TEXT["chat"], "chat_ids": enc[DEMO_TEXT["chat"]],
             "prev_token": DEMO_TEXT["prev_token"], "prev_token_ids": [enc[t] for t in DEMO_TEXT["prev_token"]],
             "induction_period": INDUCTION_PERIOD, "induction_ids": induction_prompts(_TOK["model"]["vocab"]),
             "ablation": {"prompt": ABLATION[0], "prompt_ids": enc[ABLATION[0]], "target": ABLATION[1],
                          "target_id": enc[ABLATION[1]][0]},
             "country_head_prompts": [{"lang": lang, "prompt_ids": enc[p], "country_begin": len(enc[b]),
                                       "country_end": len(enc[u])} for lang, p, b, u in head_prompts]}
    for lang, p, b, u in head_prompts:  # the country's tokens are a clean prefix of the prompt's
        assert enc[p][:len(enc[u])] == enc[u] and enc[u][:len(enc[b])] == enc[b], p
    answers = all_answers()

    sample_eval_path = os.environ.get("SAMPLE_EVAL_JSON", os.path.join(ROOT, "tests", "data", "reference", "sample_eval.json"))
    sample_eval = {}
    if os.path.exists(sample_eval_path):
        with open(sample_eval_path, encoding="utf-8") as f:
            sample_eval = json.load(f)
    items = []
    for group in ["families", "capitals_train_phrasing", "patterns", "chat"]:
        for e in ev[group]:
            it = {"group": group, "prompt": e["prompt"], "prompt_ids": enc[e["prompt"]]}
            if group == "chat":
                it.update(expected_contains=e["expected_contains"], expected_end=e["expected_end"], max_new_tokens=40)
            elif group == "families":
                it.update({k: e[k] for k in ("lang", "family", "kind", "expected", "expected_lower", "suffix") if k in e})
                it["max_new_tokens"] = 16 if e["kind"] == "question" else 8
            else:
                it.update(expected=e["expected"], max_new_tokens=16)
                if group == "patterns":  # the next item alone (the corpus' sequences end at random lengths)
                    first = e["expected"].split()[0] if e["kind"] == "alpha" else e["expected"].split(",")[0].strip()
                    it.update(kind=e["kind"], expected_next=" " + first)
            items.append(it)
    sample_eval["description"] = (
        "Held-out evaluation prompts for the sample models (tools/sample_models/evaluate.py). "
        "prompt_ids are Hugging Face's encoding with sample_models/*/tokenizer.json. "
        "families: held-out phrasing families (lang en/tr; family statement, question, country_late, filler, lower_case); "
        "kind statement: the greedy continuation must start with `expected` (or `expected_lower`) and a word end there; "
        "kind question: the first name in `answers` that the continuation mentions must be the expected one. "
        "capitals_train_phrasing: like statements; patterns: starts with `expected_next` (the next item; `expected` = "
        "the next two items); chat: greedy until <|im_end|> or <|endoftext|> (max_new_tokens), must end with <|im_end|> "
        "and contain expected_contains. greedy[model][i] = the reference model's greedy continuation ids for items[i] "
        "(float64 reference, stops at EOS). demos: the lesson prompts; demo_results[model]: what the reference "
        "measured on them (heads named in the model cards, the repetition penalty that stops the loop).")
    sample_eval["eos_token_ids"] = [EOT, IM_END]
    sample_eval["answers"] = answers
    sample_eval["items"] = items
    sample_eval["demos"] = demos
    sample_eval["greedy"] = {k: v for k, v in sample_eval.get("greedy", {}).items() if k in names or len(v) == len(items)}
    sample_eval.setdefault("demo_results", {})

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
            ok = score_item(it, text, new, answers)
            keys = [it["group"]]
            if it["group"] == "families":
                keys = [f"families_{it['lang']}", f"{it['family']}_{it['lang']}"]
                if "suffix" in it:
                    keys.append(f"suffix {it['suffix']}")
            elif it["group"] == "capitals_train_phrasing":
                keys.append("capitals_train_phrasing_" + ("en" if it["prompt"].startswith("The capital") else "tr"))
            elif it["group"] == "patterns":
                keys.append("patterns_by_kind " + it["kind"])
                two = word_match(text, it["expected"])
                g2 = per_group.setdefault("patterns_next_two_items", [0, 0])
                g2[0] += int(two)
                g2[1] += 1
            for k in keys:
                g = per_group.setdefault(k, [0, 0])
                g[0] += int(ok)
                g[1] += 1
            details.append({"group": it["group"], "family": it.get("family"), "lang": it.get("lang"),
                            "prompt": it["prompt"], "output": text, "ok": ok})
        sample_eval["greedy"][name] = greedy_ids
        acc = {g: {"correct": c, "total": n, "accuracy": round(c / n, 4)} for g, (c, n) in sorted(per_group.items())}

        # which head looks at the country when the capital is predicted (last query row)
        L, H = spec["n_layer"], spec["n_head"]
        mass = {"en": torch.zeros(L, H), "tr": torch.zeros(L, H)}
        cnt = {"en": 0, "tr": 0}
        for hp in demos["country_head_prompts"]:
            ids, a, b = hp["prompt_ids"], hp["country_begin"], hp["country_end"]
            r = M.run_tokens(cfg, W, ids)
            for li in range(L):
                mass[hp["lang"]][li] += r["attn"][li][:, -1, a:b].sum(dim=-1)
            cnt[hp["lang"]] += 1
        heads = {}
        for lang in ("en", "tr"):
            m = mass[lang] / max(1, cnt[lang])
            li, hi = divmod(int(torch.argmax(m)), H)
            heads[lang] = {"layer": li, "head": hi, "mean_attention_to_country": round(float(m[li, hi]), 4),
                           "table": [[round(float(x), 3) for x in row] for row in m]}
        dres = run_demos(cfg, W, spec, demos)
        dres["country_head"] = {k: {"layer": v["layer"], "head": v["head"], "score": v["mean_attention_to_country"]}
                                for k, v in heads.items()}
        sample_eval["demo_results"][name] = {
            k: ({kk: vv for kk, vv in v.items() if kk != "table"} if isinstance(v, dict) else v) for k, v in dres.items()}
        with open(os.path.join(mdir, "train_log.json")) as f:
            log = json.load(f)
        result = {"model": name, "params": M.count_params(cfg), "accuracy": acc,
                  "country_head": heads, "demos": dres, "eval_seconds": round(time.time() - t0, 1), "details": details}
        with open(os.path.join(mdir, "eval.json"), "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
        write_card(mdir, name, cfg, spec, log, result)
        print(name, json.dumps({k: f"{v['correct']}/{v['total']}" for k, v in acc.items()}), flush=True)
        print("  demos:", json.dumps({k: v for k, v in dres.items() if k not in ("previous_token_head", "induction_head")},
                                     ensure_ascii=False), flush=True)
        print("  heads: country", {k: (v["layer"], v["head"], v["mean_attention_to_country"]) for k, v in heads.items()},
              "prev", (dres["previous_token_head"]["layer"], dres["previous_token_head"]["head"], dres["previous_token_head"]["score"]),
              "induction", (dres["induction_head"]["layer"], dres["induction_head"]["head"], dres["induction_head"]["score"]), flush=True)

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


FAMILY_TEXT = {
    "statement": ("statement with a lead-in", "Did you know that the capital of X is · Bence X'in başkenti"),
    "question": ("question", "What is the capital of X? · X'in başkenti neresidir?"),
    "country_late": ("country early, capital asked late", "X is a beautiful country and its capital is · X çok güzel bir ülkedir ve başkenti"),
    "filler": ("filler clause before", "On a rainy Tuesday morning, the capital of X is · Yağmurlu bir salı sabahı X'in başkenti"),
    "lower_case": ("all lower case", "what is the capital of italy? · italya'nın başkenti neresidir?"),
}


def family_rows(a):
    rows = []
    for fam, (label, ex) in FAMILY_TEXT.items():
        cells = []
        for lang in ("en", "tr"):
            x = a.get(f"{fam}_{lang}")
            cells.append(f"{x['correct']}/{x['total']} ({100 * x['accuracy']:.1f}%)" if x else "–")
        rows.append(f"| {label} | {ex} | {cells[0]} | {cells[1]} |")
    cells = []
    for lang in ("en", "tr"):
        x = a[f"families_{lang}"]
        cells.append(f"**{x['correct']}/{x['total']} ({100 * x['accuracy']:.1f}%)**")
    rows.append(f"| **all held-out families** | | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def md(s):
    return json.dumps(s, ensure_ascii=False)[1:-1].replace("|", "\\|")


ABLATION = ("The capital of France is", " Paris")  # prompt, one-token target of the head-ablation experiment


def ablation_md(d, h):
    if "head_ablation" not in d:
        return ""
    a = d["head_ablation"]
    cl, ch = h["en"]["layer"], h["en"]["head"]
    named = a["delta_table"][cl][ch]
    s = a["strongest"]
    rank = 1 + sum(v < named for row in a["delta_table"] for v in row)
    verdict = ("the largest drop of any single head" if rank == 1 else
               f"rank {rank} of {sum(len(r) for r in a['delta_table'])}: layer {s['layer']} · head {s['head']} costs more "
               f"({s['delta']:+.3f})")
    return f"""
**Interventions** — zeroing the country head (`inference-cli logits … --ablate blk.{cl}.head.{ch}`) moves
P(`{md(a['target'])}`) after `{md(a['prompt'])}` from {a['baseline']:.3f} by {named:+.3f}: {verdict}. ΔP for every single
head zeroed (rows = layers, columns = heads): `{a['delta_table']}`.
"""


def demo_md(name, d, h):
    un = d["uncertain"]
    un_md = "\n".join(
        f"| `{md(u['prompt'])}` | " + " | ".join(", ".join(f"`{md(t)}` {p:.2f}" for t, p in u[f'T{T}'][:4]) + f" (H = {u[f'entropy_T{T}']:.2f})"
                                           for T in (0.5, 1.0, 1.5)) + " |" for u in un)
    b = d["beam"]
    r = d["repetition"]
    st = d["stop"]
    ch = d["chat"]
    pv, ind = d["previous_token_head"], d["induction_head"]
    return f"""## Lesson demos

Measured with the float64 reference (`tools/sample_models/evaluate.py`); `tst_samplemodels` checks them with our engine.

**Temperature / top-k / top-p** — a genuinely uncertain next word. Top candidates and their probabilities at
temperature 0.5, 1 and 1.5 (H = entropy in nats):

| prompt | T = 0.5 | T = 1 | T = 1.5 |
|---|---|---|---|
{un_md}

    inference-cli generate sample_models/{name} --prompt "{un[0]['prompt']}" --temperature 1.5 --top-k 3 --seed 1 --max-new-tokens 1 --json

**Greedy vs beam search** — `{md(b['prompt'])}`: greedy takes the likeliest token at every step and continues
`{md(b['greedy'])}` (Σ log p = {b['greedy_sum_logp']:.2f}); beam search ({b['beams']} beams) finds
`{md(b['beam'])}` (Σ log p = {b['beam_sum_logp']:.2f}){'' if b['ok'] else ' — **not higher than greedy: the demo does not hold for this model**'}.

    inference-cli beam sample_models/{name} --prompt "{b['prompt']}" --beams 4 --max-new-tokens 10

**Repetition penalty** — `{md(r['prompt'])}`: greedy, 24 new tokens, no penalty:
`{md(r['without'])}`{' (loops)' if r['loops_without'] else ' (does not loop)'}; with repetition penalty {r['penalty']} (window {r['window']}):
`{md(r['with_penalty'])}`{' (stops)' if r['stops_with'] else ' (does not stop)'}.

    inference-cli generate sample_models/{name} --prompt "{r['prompt']}" --temperature 0 --max-new-tokens 24 --repetition-penalty {r['penalty']}

**Stop sequences and EOS** — `{md(st['prompt'])}` with `--stop "{st['stop']}"`: greedy continues `{md(st['raw'])}`; the stop
sequence cuts it to `{md(st['cut'] or '')}`. Chat: `{md(ch['prompt'])}` → `{md(ch['output'])}` (ends with `<|im_end|>`, an EOS
token of `generation_config.json`{'' if ch['ok'] else '; **this model does not**'}).

**Attention heads** (layer · head, 0-based):

- the country head: layer {h['en']['layer']} · head {h['en']['head']} puts on average {100 * h['en']['mean_attention_to_country']:.0f}% of the
  last position's attention on the country in "The capital of X is"; layer {h['tr']['layer']} · head {h['tr']['head']} {100 * h['tr']['mean_attention_to_country']:.0f}% in "Bilgi: X'in başkenti"
  (averaged over the {len(COUNTRIES)} countries);
- {'a previous-token head' if pv['clear'] else '**no clear previous-token head**: the strongest is'}: layer {pv['layer']} · head {pv['head']}, on average {100 * pv['score']:.0f}% of each
  position's attention on the token just before it (four sentences, EN and TR; spread evenly: {100 * pv['chance']:.0f}%);
- {'an induction head' if ind['clear'] else '**no clear induction head**: the strongest is'}: layer {ind['layer']} · head {ind['head']}: on a unit of 6 words repeated three times ("cat sun red
  fish moon blue cat sun …"), each position after the first unit puts on average {100 * ind['score']:.0f}% of its attention on the
  tokens that followed earlier occurrences of its own word (what to copy next; spread evenly: {100 * ind['chance']:.0f}%).

Tables (rows = layers, columns = heads): previous token `{pv['table']}`; induction `{ind['table']}`;
country EN `{h['en']['table']}`; TR `{h['tr']['table']}`.
""" + ablation_md(d, h)


def write_card(mdir, name, cfg, spec, log, res):
    a = res["accuracy"]

    def line(g, label):
        x = a[g]
        return f"| {label} | {x['correct']}/{x['total']} | {100 * x['accuracy']:.1f}% |"

    curve = "\n".join(f"| {c['step']} | {c['train_loss']} | {c.get('val_loss', '')} | {c.get('capital_next_token_acc', '')} |"
                      for c in log["curve"] if c["step"] % 200 == 0 or c is log["curve"][-1])
    h = res["country_head"]
    examples = []
    for group, want in [("capitals_train_phrasing", "The capital of France is"), ("capitals_train_phrasing", "Fransa'nın başkenti"),
                        ("families", "What is the capital of"), ("families", "neresidir?"), ("families", "Did you know"),
                        ("families", "Herkes bilir"), ("families", "On a rainy"), ("families", "Yağmurlu"),
                        ("families", "what is the capital"), ("families", "diye bir ülke var"),
                        ("patterns", "Monday, Tuesday"), ("chat", "<|im_start|>user\nWhat is the capital")]:
        for d in res["details"]:
            if d["group"] == group and (d["prompt"].startswith(want) or (want == "neresidir?" and d["prompt"].endswith(want))
                                        or (want == "diye bir ülke var" and want in d["prompt"])):
                examples.append(d)
                break
    ex_md = "\n".join(f"| `{md(d['prompt'])}` | `{md(d['output'])}` | {'yes' if d['ok'] else 'no'} |" for d in examples)
    params = res["params"]
    ids_path = os.path.join(HERE, "work", "train_ids.bin")
    corpus_tokens = os.path.getsize(ids_path) // 2 if os.path.exists(ids_path) else 0
    dims = (f"hidden {spec['dim']}, {spec['n_layer']} layers, {spec['n_head']} heads"
            f"{' / ' + str(spec['n_kv_head']) + ' kv heads' if spec['n_kv_head'] != spec['n_head'] else ''}"
            f" (head dim {spec['dim'] // spec['n_head']}), FFN {spec['hidden']}, context {spec['max_pos']}, vocab {spec['vocab']}")
    fails = [d for d in res["details"] if not d["ok"]]
    fail_md = "\n".join(f"- `{md(d['prompt'])}` → `{md(d['output'])}`" for d in fails[:16])
    table = "\n".join([
        line("capitals_train_phrasing_en", "capitals, training phrasing \"The capital of X is\" at the start of the text"),
        line("capitals_train_phrasing_tr", "capitals, training phrasing \"X'in başkenti\" at the start of the text"),
        line("patterns", "patterns: next item (counting words/digits EN+TR, days EN+TR, months, alphabet)"),
        line("patterns_next_two_items", "patterns: next two items (stricter)"),
        line("chat", "chat: answer ends with <|im_end|> (and names the capital where asked, held-out question phrasings)")])
    suffixes = ", ".join(f"`{k[7:]}` {v['correct']}/{v['total']}" for k, v in a.items() if k.startswith("suffix "))
    pats = ", ".join(f"{k[17:]} {v['correct']}/{v['total']}" for k, v in a.items() if k.startswith("patterns_by_kind "))
    decay_md = "" if cfg.get("tie_word_embeddings", True) else " except the input embedding"
    aligned_md = (", half of every batch's windows starting at a document's first token (so a prompt at position 0 "
                  "looks like the start of a document)") if log.get("doc_aligned") else ""
    misses = (f"Misses ({len(fails)}; the first 16):\n" + fail_md) if fails else "No misses."
    phase_md = ""
    if log.get("phases"):
        def phase(x):
            if not x.get("resumed"):
                return f"{x['steps']} steps at peak lr {x['lr']} ({x['warmup']} warmup, first corpus)"
            if not x.get("corpus_tokens"):
                corpus = ", first corpus"
            elif x is log["phases"][-1]:
                corpus = f", revised corpus of {x['corpus_tokens'] / 1e6:.2f}M tokens"
            else:  # tiny-llama: a phase on the first revision, whose Turkish questions needed another pass
                corpus = f", an earlier revision of the corpus ({x['corpus_tokens'] / 1e6:.2f}M tokens)"
            if x.get("time_budget_min"):
                corpus += f", wall-time budget {x['time_budget_min']:g} min"
            return (f"{x['steps']} steps at peak lr {x['lr']} (resumed from the previous weights, fresh AdamW, "
                    f"{x.get('warmup', 0) or 'no'} warmup{corpus})")
        phase_md = " Trained in phases: " + "; ".join(phase(x) for x in log["phases"]) + "."
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

`tools/sample_models/make_corpus.py` (seed 1234): about {corpus_tokens / 1e6:.2f}M training tokens of template text — capital
facts in {len(MC.EN_CORE) + len(MC.EN_CORE_REV)} English and {len(MC.TR_CORE) + len(MC.TR_CORE_REV)} Turkish phrasings (the capital first or last, the country early
and the capital late, possessives, …) behind {len(MC.EN_LEAD)} English and {len(MC.TR_LEAD)} Turkish lead-ins ("Fact:", "Derste öğrendik ki", …)
and {len(MC.EN_FILLER)} · {len(MC.TR_FILLER)} filler clauses ("After lunch, …", "Okuldan sonra …"), about a third of them in lower case; the
country early and the capital late behind {len(MC.EN_MID)} English and {len(MC.TR_MID)} Turkish middle clauses ("X is a big country and its
capital is …", "X dağlık bir ülkedir ve başkenti …"); questions in {len(MC.EN_Q)} English and {len(MC.TR_Q)} Turkish phrasings with
Q/A, Question/Answer, S/C, Soru/Cevap and inline answers (a question typed in lower case in 30% of them); 15% of the
fact, question, profile and chat documents wholly in lower case; country profiles, patterns (repeated units of up to 8
words, and random sequences of names, places and numbers repeated, for induction-style copying), stories (EN/TR), chat samples
`<|im_start|>user\\n…<|im_end|>\\n<|im_start|>assistant\\n…<|im_end|>`, and the lesson demos below (favourite
colour/animal, "My pet is a …", "The bell went ding dong …").

**Held out of training entirely** (`make_corpus.py` asserts that no template's own words occur in `train.txt`, in any
letter case): five *families* of phrasings, each asked for all {len(COUNTRIES)} countries in each language (700 prompts).
Their question words do occur in other phrasings ("What's the language of X?", "Do you know where X is?",
"X'in yönetim merkezi neresidir?", "Ankara neresi?"): a word the model has never seen cannot be understood, but the
held-out templates themselves never occur.

## Training

`tools/sample_models/train.py {name}` — the reference model code (`tools/reference/model.py`) in float32,
AdamW (betas 0.9/0.95, weight decay 0.1 on matrices{decay_md}), peak lr {log['lr']} with {log['warmup']} warmup steps and
cosine decay to 10%, gradient clip 1.0, token embeddings initialised N(0, {log.get('embed_init_std', 0.02)}){aligned_md}, {log['steps']} steps × batch {log['batch']} × {log['ctx']} tokens
({log['steps'] * log['batch'] * log['ctx'] / 1e6:.1f}M tokens), seed {log['seed']}, one CPU thread (OpenBLAS),
wall time {log['wall_time_s'] / 60:.1f} min. Final training loss (smoothed) {log['final_train_loss']},
validation loss {log['final_val_loss']}.{phase_md}

| step | train loss | val loss | held-out next-token acc |
|---|---|---|---|
{curve}

## Evaluation (greedy, float64 reference forward pass)

Held-out phrasing families (a statement is right when the continuation starts with the capital; a question when the
first capital the continuation names is the right one):

| family | example (EN · TR) | English | Turkish |
|---|---|---|---|
{family_rows(a)}

Turkish by genitive suffix (vowel harmony): {suffixes}.

| set | correct | accuracy |
|---|---|---|
{table}

Patterns by kind: {pats}.

| prompt | greedy continuation | ok |
|---|---|---|
{ex_md}

{misses}

{demo_md(name, res['demos'], h)}
Reference fixtures for the C++ engine: `tests/data/reference/{name}/reference.safetensors`; held-out prompts,
demos and this model's greedy answers: `tests/data/reference/sample_eval.json`.
"""
    with open(os.path.join(mdir, "README.md"), "w", encoding="utf-8") as f:
        f.write(card)


if __name__ == "__main__":
    main()
