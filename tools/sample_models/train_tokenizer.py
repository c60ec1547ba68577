"""Trains a byte-level BPE tokenizer (GPT-2 style) on the corpus and writes a standard
Hugging Face tokenizer.json.

  ids 0..255      the 256 byte tokens (GPT-2's bytes_to_unicode alphabet), id = byte value
  ids 256..V-4    merged tokens, in merge order
  ids V-3..V-1    <|endoftext|>, <|im_start|>, <|im_end|> (added special tokens)

Pre-tokenization for training uses Python's `re` approximation of the GPT-2 regex; the
training ids themselves are produced by Hugging Face's encoder (encode.js), so any
difference in the approximation can only change which merges exist, never the ids.

Usage: /usr/bin/python3 tools/sample_models/train_tokenizer.py [--vocab 2048]
"""
import argparse
import collections
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
# GPT-2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
GPT2_RE = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def words_of(text):
    b2u = bytes_to_unicode()
    split = re.compile("(" + "|".join(re.escape(s) for s in SPECIALS) + ")")
    counts = collections.Counter()
    for part in split.split(text):
        if part in SPECIALS or not part:
            continue
        for w in GPT2_RE.findall(part):
            counts["".join(b2u[b] for b in w.encode("utf-8"))] += 1
    return counts


def train(counts, n_merges):
    words = [(list(w), c) for w, c in counts.items()]
    merges = []
    for _ in range(n_merges):
        pairs = collections.Counter()
        for syms, c in words:
            for a, b in zip(syms, syms[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]  # most frequent, ties by name
        merges.append(best)
        new = best[0] + best[1]
        for syms, _c in words:
            i = 0
            while i < len(syms) - 1:
                if syms[i] == best[0] and syms[i + 1] == best[1]:
                    syms[i:i + 2] = [new]
                i += 1
    return merges


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=2048)
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus", "train.txt"))
    ap.add_argument("--out", default=os.path.join(HERE, "tokenizer.json"))
    a = ap.parse_args()
    with open(a.corpus, encoding="utf-8") as f:
        text = f.read()
    counts = words_of(text)
    b2u = bytes_to_unicode()
    n_merges = a.vocab - 256 - len(SPECIALS)
    merges = train(counts, n_merges)
    vocab = {b2u[b]: b for b in range(256)}
    for x, y in merges:
        vocab[x + y] = len(vocab)
    added = []
    for s in SPECIALS:
        added.append({"id": len(vocab), "content": s, "single_word": False, "lstrip": False,
                      "rstrip": False, "normalized": False, "special": True})
        vocab[s] = len(vocab)
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "ignore_merges": False, "vocab": vocab, "merges": [f"{x} {y}" for x, y in merges]},
    }
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, indent=1)
    print(f"{len(counts)} distinct pre-tokens, {len(merges)} merges, vocab {len(vocab)} -> {a.out}")


if __name__ == "__main__":
    main()
