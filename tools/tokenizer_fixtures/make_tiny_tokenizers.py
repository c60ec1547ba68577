#!/usr/bin/env python3
"""Writes the hand-made tiny tokenizer.json files in tests/data/tokenizers/tiny/, one per feature the real
files do not exercise (Metaspace, Digits, Split behaviours, subword affixes, added-token flags, ...). Their
golden encodings come from the reference like the real files' (make_golden.mjs).

Run:  python3 tools/tokenizer_fixtures/make_tiny_tokenizers.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "data", "tokenizers", "tiny")

LLAMA3 = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
QWEN2 = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"


def byte_chars():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for _, c in sorted(zip(bs, cs))]


def build_bpe(base, merge_words, pair_form):
    """Vocab = base symbols, then the tokens made by merging each word left to right; merges in order."""
    vocab = {}
    for t in base:
        vocab.setdefault(t, len(vocab))
    merges = []
    for word in merge_words:
        parts = list(word)
        # Merge left to right: (((w0 w1) w2) w3) ...
        cur = parts[0]
        for p in parts[1:]:
            if cur + p not in vocab:
                merges.append([cur, p] if pair_form else f"{cur} {p}")
                vocab[cur + p] = len(vocab)
            cur += p
    return vocab, merges


def added(id_, content, special=True, lstrip=False, rstrip=False, single_word=False, normalized=False):
    return {"id": id_, "content": content, "single_word": single_word, "lstrip": lstrip, "rstrip": rstrip,
            "normalized": normalized, "special": special}


def bpe_model(vocab, merges, **kw):
    m = {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
         "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "vocab": vocab, "merges": merges}
    m.update(kw)
    return m


def file(model, added_tokens=(), normalizer=None, pre=None, post=None, decoder=None):
    return {"version": "1.0", "truncation": None, "padding": None, "added_tokens": list(added_tokens),
            "normalizer": normalizer, "pre_tokenizer": pre, "post_processor": post, "decoder": decoder, "model": model}


def byte_level_file(pre, merge_words, pair_form=False, normalizer=None, post=None, extra_added=(), **model_kw):
    bc = byte_chars()
    vocab, merges = build_bpe(bc, merge_words, pair_form)
    n = len(vocab)
    toks = [added(n, "<|endoftext|>")] + [added(n + 1 + i, *a[:1], **a[1]) for i, a in enumerate(extra_added)]
    return file(bpe_model(vocab, merges, **model_kw), toks, normalizer, pre,
                post or {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False})


G = "\u0120"  # Ġ
WORDS = [G + "t", G + "th", "he", G + "the", "in", G + "in", "ll", "llo", "he" + "llo", G + "hello", "or", G + "w",
         G + "wor", G + "world", "ca", "cat", G + "cat", "on", "co", "con", "ĠĠ", "ĠĠĠĠ", "Ċ" + "Ċ", "12", "123",
         "ğ", "Ä±", "ä¸", "er", "es", "ed", "ing", "th", "the", "an", "at"]


def tiny_files():
    files = {}
    sp = "\u2581"
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    specials = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)]
    sp_words = [sp + "t", sp + "th", sp + "the", "he", "ll", "llo", "hello", sp + "hello", sp + "w", "or", sp + "wor",
                sp + "world", "in", sp + "in", "ing", "er", "ca", "cat", sp + "cat", sp + sp, sp + sp + sp + sp, "an"]

    # SentencePiece-style with byte fallback, Llama 2 layout, merges as pairs.
    vocab, merges = build_bpe(specials + [sp] + letters + list(".,!?'0123456789ğüşıöçİ中"), sp_words, pair_form=True)
    files["sp_byte_fallback"] = file(
        bpe_model(vocab, merges, unk_token="<unk>", fuse_unk=True, byte_fallback=True),
        [added(0, "<unk>"), added(1, "<s>"), added(2, "</s>")],
        {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": sp},
                                             {"type": "Replace", "pattern": {"String": " "}, "content": sp}]},
        None,
        {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
        {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": sp}, "content": " "},
                                          {"type": "ByteFallback"}, {"type": "Fuse"},
                                          {"type": "Strip", "content": " ", "start": 1, "stop": 0}]})

    # Metaspace pre-tokenizer and decoder, unk without byte fallback, merges as strings, added-token flags.
    vocab, merges = build_bpe(["<unk>", "<s>", "</s>", "<mask>", "[X]", sp] + letters + list(".,!?'0123456789"), sp_words, pair_form=False)
    files["metaspace"] = file(
        bpe_model(vocab, merges, unk_token="<unk>", fuse_unk=True),
        [added(0, "<unk>"), added(1, "<s>"), added(2, "</s>"), added(3, "<mask>", lstrip=True),
         added(4, "[X]", special=False, rstrip=True)],
        None,
        {"type": "Metaspace", "replacement": sp, "prepend_scheme": "first", "split": True},
        {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                                  {"SpecialToken": {"id": "</s>", "type_id": 0}}],
         "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}, "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}},
        {"type": "Metaspace", "replacement": sp, "prepend_scheme": "first", "split": True})

    # Metaspace without splitting, prefix always, unk not fused.
    vocab, merges = build_bpe(["<unk>", sp] + letters, sp_words, pair_form=False)
    files["metaspace_nosplit"] = file(
        bpe_model(vocab, merges, unk_token="<unk>", fuse_unk=False), [added(0, "<unk>")], None,
        {"type": "Metaspace", "replacement": sp, "prepend_scheme": "always", "split": False}, None,
        {"type": "Metaspace", "replacement": sp, "prepend_scheme": "always", "split": False})

    # GPT-2 byte level with a prefix space, and added tokens with lstrip / rstrip / single_word / normalized.
    files["bytelevel_prefix"] = byte_level_file(
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}, WORDS,
        extra_added=[("<sep>", {"lstrip": True, "rstrip": True}), ("cat", {"special": False, "single_word": True, "normalized": True}),
                     ("hello world", {"special": False, "normalized": False})])

    # Llama 3 layout: NFC, Split with the Llama 3 regex, byte level without regex, BOS from a Sequence
    # post-processor.
    f = byte_level_file(
        {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": LLAMA3}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        WORDS, pair_form=True, normalizer={"type": "NFC"})
    bos = len(f["model"]["vocab"]) + 1
    f["added_tokens"].append(added(bos, "<|begin_of_text|>"))
    f["post_processor"] = {"type": "Sequence", "processors": [
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [bos], "tokens": ["<|begin_of_text|>"]}}}]}
    files["llama3_split_nfc"] = f

    # SmolLM layout: individual digits, then GPT-2 byte level.
    files["digits_individual"] = byte_level_file(
        {"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": True},
                                               {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}]},
        WORDS)
    files["digits_contiguous"] = byte_level_file(
        {"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": False},
                                               {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        WORDS)

    # Qwen2 regex with ignore_merges (whole pieces found in the vocab skip merging).
    files["qwen2_ignore_merges"] = byte_level_file(
        {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN2}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}]},
        WORDS, ignore_merges=True)
    files["qwen2_ignore_merges"]["model"]["vocab"][G + "world" + "ly"] = len(files["qwen2_ignore_merges"]["model"]["vocab"]) + 1

    # Each Split behaviour on a literal "-", and an inverted one.
    for behavior in ("Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"):
        files["split_" + behavior.lower()] = byte_level_file(
            {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"String": "-"}, "behavior": behavior, "invert": False},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}]}, WORDS)
    files["split_inverted"] = byte_level_file(
        {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithPrevious", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}]}, WORDS)

    # Subword affixes: "##" continuing prefix and "</w>" end-of-word suffix, words cut at spaces; Strip and
    # Replace normalizers; Replace decoders. (A Strip decoder with stop > 0 makes the reference panic on an
    # empty decode, so it is tested on its own in tst_tokenizerpipeline.)
    base = ["[UNK]"] + letters + ["##" + c for c in letters] + [c + "</w>" for c in letters] + ["##" + c + "</w>" for c in letters]
    vocab = {t: i for i, t in enumerate(base)}
    merges = []
    for a, b in [("t", "##h"), ("th", "##e</w>"), ("h", "##e"), ("##l", "##l"), ("##l", "##o</w>"), ("he", "##ll"),
                 ("hell", "##o</w>"), ("c", "##a"), ("ca", "##t</w>"), ("ca", "##t"), ("w", "##o")]:
        merged = a + b[2:]
        if merged not in vocab:
            vocab[merged] = len(vocab)
        merges.append(f"{a} {b}")
    files["subword_affixes"] = file(
        bpe_model(vocab, merges, unk_token="[UNK]", continuing_subword_prefix="##", end_of_word_suffix="</w>"), [],
        {"type": "Sequence", "normalizers": [{"type": "Strip", "strip_left": True, "strip_right": True},
                                             {"type": "Replace", "pattern": {"String": "\t"}, "content": " "}]},
        {"type": "Split", "pattern": {"String": " "}, "behavior": "Removed", "invert": False}, None,
        {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "##"}, "content": ""},
                                          {"type": "Replace", "pattern": {"String": "</w>"}, "content": " "},
                                          {"type": "Fuse"}]})
    return files


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, content in tiny_files().items():
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(content, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name)


if __name__ == "__main__":
    main()
