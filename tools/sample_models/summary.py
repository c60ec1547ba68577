"""Prints the sample models' evaluation (sample_models/*/eval.json, written by evaluate.py) as the markdown
table of the top-level README's "Sample models" section.

Usage: /usr/bin/python3 tools/sample_models/summary.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
NAMES = ["tiny-gpt2", "tiny-llama", "tiny-classic"]
FAMILIES = [("statement", "statement with a lead-in (\"Did you know that the capital of X is\")"),
            ("question", "question (\"What is the capital of X?\", \"X'in başkenti neresidir?\")"),
            ("country_late", "country early, capital asked late (\"X is a beautiful country and its capital is\")"),
            ("filler", "filler clause before (\"On a rainy Tuesday morning, …\")"),
            ("lower_case", "all lower case (\"what is the capital of italy?\")")]


def main():
    ev, logs = {}, {}
    for n in NAMES:
        with open(os.path.join(ROOT, "sample_models", n, "eval.json"), encoding="utf-8") as f:
            ev[n] = json.load(f)
        with open(os.path.join(ROOT, "sample_models", n, "train_log.json"), encoding="utf-8") as f:
            logs[n] = json.load(f)

    def cell(n, key):
        x = ev[n]["accuracy"].get(key)
        return f"{x['correct']}/{x['total']}" if x else "–"

    rows = ["| | " + " | ".join(NAMES) + " |", "|---|" + "---|" * len(NAMES)]
    rows.append("| **held-out families, English · Turkish** | " + " | ".join(
        f"**{cell(n, 'families_en')} · {cell(n, 'families_tr')}**" for n in NAMES) + " |")
    for fam, label in FAMILIES:
        rows.append(f"| {label} | " + " | ".join(f"{cell(n, fam + '_en')} · {cell(n, fam + '_tr')}" for n in NAMES) + " |")
    rows.append("| \"The capital of X is\" / \"X'in başkenti\" typed at the start of the text | " + " | ".join(
        f"{cell(n, 'capitals_train_phrasing_en')} · {cell(n, 'capitals_train_phrasing_tr')}" for n in NAMES) + " |")
    rows.append("| pattern continuation (counting, days, months, alphabet) | " + " | ".join(cell(n, "patterns") for n in NAMES) + " |")
    rows.append("| chat answers naming the capital and ending with `<\\|im_end\\|>` | " + " | ".join(cell(n, "chat") for n in NAMES) + " |")

    def head(h, key="score"):
        return f"layer {h['layer']} · head {h['head']} ({100 * h[key]:.0f}%)"
    rows.append("| head that looks at the country when the capital is due | " + " | ".join(
        head(ev[n]["country_head"]["en"], "mean_attention_to_country") for n in NAMES) + " |")
    def head2(h):  # with its chance level; "none clear" below twice the chance level
        s = f"layer {h['layer']} · head {h['head']} ({100 * h['score']:.0f}%, chance {100 * h['chance']:.0f}%)"
        return s if h["clear"] else "none clear; strongest " + s
    rows.append("| previous-token head | " + " | ".join(head2(ev[n]["demos"]["previous_token_head"]) for n in NAMES) + " |")
    rows.append("| induction head | " + " | ".join(head2(ev[n]["demos"]["induction_head"]) for n in NAMES) + " |")
    rows.append("| beam (4) vs greedy Σ log p (\"My pet is a\", or the model's fallback prompt) | " + " | ".join(
        f"\"{ev[n]['demos']['beam']['prompt']}\": {ev[n]['demos']['beam']['beam_sum_logp']:.2f} vs "
        f"{ev[n]['demos']['beam']['greedy_sum_logp']:.2f}" for n in NAMES) + " |")
    rows.append("| repetition penalty that ends the \"ding dong\" loop | " + " | ".join(
        (f"{ev[n]['demos']['repetition']['penalty']}" if ev[n]["demos"]["repetition"]["ok"] else
         ("greedy does not loop" if not ev[n]["demos"]["repetition"]["loops_without"] else "none found")) for n in NAMES) + " |")
    rows.append("| parameters | " + " | ".join(f"{ev[n]['params'] / 1e6:.2f}M" for n in NAMES) + " |")
    def training(log):  # the phases' steps (the last on the revised corpus), total wall time
        steps = " + ".join(str(p["steps"]) for p in log["phases"]) if log.get("phases") else str(log["steps"])
        return f"{steps} steps, {log['wall_time_s'] / 60:.1f} min"
    rows.append("| training (one CPU thread; steps per phase, wall time) | " + " | ".join(
        training(logs[n]) for n in NAMES) + " |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
