"""Encodes the corpus and the evaluation prompts with Hugging Face's tokenizer (via Node,
encode.js) into tools/sample_models/work/ (not committed):

  work/train_ids.bin     uint16 ids of corpus/train.txt (documents joined by <|endoftext|>)
  work/eval_ids.json     {prompt or expected string: ids}
  work/quick_check.json  [(prompt ids, first id of the expected answer)] for a third of the
                         held-out family prompts that end right before the capital, checked during training

Usage: /usr/bin/python3 tools/sample_models/prepare_data.py   (after `npm ci` in tools/sample_models)
"""
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")


def node_encode(strings):
    os.makedirs(WORK, exist_ok=True)
    src, dst = os.path.join(WORK, "strings.json"), os.path.join(WORK, "strings.out.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(strings, f, ensure_ascii=False)
    subprocess.run(["node", os.path.join(HERE, "encode.js"), os.path.join(HERE, "tokenizer.json"),
                    "strings", src, dst], check=True)
    with open(dst) as f:
        return json.load(f)


def all_eval_strings(ev):
    out = []
    for group in ev.values():
        for e in group:
            out.append(e["prompt"])
            for k in ("expected", "expected_lower", "expected_contains"):
                if e.get(k):
                    out.append(e[k] if k != "expected_contains" else " " + e[k])
    return sorted(set(out))


def main():
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["node", os.path.join(HERE, "encode.js"), os.path.join(HERE, "tokenizer.json"), "corpus",
                    os.path.join(HERE, "corpus", "train.txt"), os.path.join(WORK, "train_ids.bin")], check=True)
    with open(os.path.join(HERE, "corpus", "eval.json"), encoding="utf-8") as f:
        ev = json.load(f)
    strs = all_eval_strings(ev)
    ids = node_encode(strs)
    table = dict(zip(strs, ids))
    with open(os.path.join(WORK, "eval_ids.json"), "w", encoding="utf-8") as f:
        json.dump(table, f, ensure_ascii=False)
    # statement-like held-out family prompts (the capital is the next token), every 3rd
    quick = [(table[e["prompt"]], table[e["expected"]][0]) for e in ev["families"][::3] if e["kind"] == "statement"]
    with open(os.path.join(WORK, "quick_check.json"), "w") as f:
        json.dump(quick, f)
    print(f"{len(strs)} eval strings encoded; {len(quick)} quick-check prompts")


if __name__ == "__main__":
    main()
