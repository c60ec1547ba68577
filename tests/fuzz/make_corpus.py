#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<harness>/): small valid inputs of every kind
the parser accepts, and near-misses one edit away from valid; and their dictionaries (tests/fuzz/dict/<harness>.dict).
Re-run after changing a parser's format; the output is committed. Usage: python3 tests/fuzz/make_corpus.py"""
import json
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "corpus"


def put(harness, name, data):
    d = OUT / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def safetensors(header, data=b"", raw_header=None):
    h = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(h)) + h + data


def safetensors_seeds():
    f32 = struct.pack("<4f", 1.0, -2.0, 0.5, 3.25)
    put("safetensors", "f32", safetensors({"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}, f32))
    put("safetensors", "two_tensors_metadata", safetensors({
        "__metadata__": {"format": "pt"},
        "a": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]},
        "b": {"dtype": "BF16", "shape": [1, 2], "data_offsets": [4, 8]},
    }, b"\x00\x3c\x00\xc0\x80\x3f\x00\x40"))
    put("safetensors", "f64_i32_i64", safetensors({
        "d": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]},
        "i": {"dtype": "I32", "shape": [2], "data_offsets": [8, 16]},
        "l": {"dtype": "I64", "shape": [1], "data_offsets": [16, 24]},
    }, struct.pack("<d", 2.5) + struct.pack("<2i", 7, -1) + struct.pack("<q", 1 << 40)))
    put("safetensors", "scalar_and_empty", safetensors({
        "s": {"dtype": "F32", "shape": [], "data_offsets": [0, 4]},
        "e": {"dtype": "F32", "shape": [0, 3], "data_offsets": [4, 4]},
    }, struct.pack("<f", 1.0)))
    put("safetensors", "empty_header", safetensors({}))
    put("safetensors", "u8_bool", safetensors({
        "u": {"dtype": "U8", "shape": [3], "data_offsets": [0, 3]},
        "b": {"dtype": "BOOL", "shape": [1], "data_offsets": [3, 4]},
    }, b"\x01\x02\x03\x01"))
    # near-misses
    put("safetensors", "miss_overlap", safetensors({
        "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
        "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]},
    }, bytes(12)))
    put("safetensors", "miss_gap", safetensors({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, bytes(8)))
    put("safetensors", "miss_length", safetensors({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, bytes(8)))
    put("safetensors", "miss_trailing", safetensors({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, bytes(9)))
    put("safetensors", "miss_duplicate_key", safetensors(None, bytes(4), raw_header=(
        b'{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}')))
    put("safetensors", "miss_huge_number", safetensors(None, bytes(4), raw_header=(
        b'{"a":{"dtype":"F32","shape":[1e400],"data_offsets":[0,4]}}')))
    put("safetensors", "miss_overflow_shape", safetensors({
        "a": {"dtype": "F32", "shape": [4294967296, 4294967296, 16], "data_offsets": [0, 4]}}, bytes(4)))
    put("safetensors", "miss_header_past_end", struct.pack("<Q", 1000) + b'{"a":1}')
    put("safetensors", "miss_short", b"\x02\x00\x00")


def config_seeds():
    for m in ("tiny-classic", "tiny-gpt2", "tiny-llama"):
        put("config", m, (ROOT / "sample_models" / m / "config.json").read_bytes())
    llama = json.loads((ROOT / "sample_models" / "tiny-llama" / "config.json").read_text())
    qwen = dict(llama, model_type="qwen2", num_key_value_heads=2, tie_word_embeddings=True)
    put("config", "qwen2", json.dumps(qwen, indent=1))
    put("config", "mistral_head_dim", json.dumps(dict(llama, model_type="mistral", head_dim=16, eos_token_id=[1, 2])))
    classic = json.loads((ROOT / "sample_models" / "tiny-classic" / "config.json").read_text())
    put("config", "explorer_rope_swiglu_pre",
        json.dumps(dict(classic, positional="rope", activation="swiglu", norm="rmsnorm", norm_placement="pre")))
    put("config", "explorer_learned_gelu", json.dumps(dict(classic, positional="learned", activation="gelu_tanh")))
    put("config", "miss_heads_overflow", json.dumps(dict(llama, num_attention_heads=264, num_key_value_heads=264,
                                                         head_dim=16268816)))
    put("config", "miss_huge_context", json.dumps(dict(classic, max_position_embeddings=10000000)))
    put("config", "miss_rope_scaling", json.dumps(dict(llama, rope_scaling={"type": "linear", "factor": 2.0})))
    put("config", "miss_kv_heads", json.dumps(dict(llama, num_key_value_heads=3)))
    put("config", "miss_huge_number", json.dumps(llama)[:-1] + ', "rope_theta": 1e400}')
    put("config", "miss_unknown_arch", json.dumps(dict(llama, model_type="mamba")))
    put("config", "miss_not_object", "[1, 2, 3]")


def tokenizer_seeds():
    for p in sorted((ROOT / "tests" / "data" / "tokenizers" / "tiny").glob("*.json")):
        if not p.name.startswith("golden_"):
            put("tokenizer", p.stem, p.read_bytes())
    put("tokenizer", "sample_models", (ROOT / "sample_models" / "tiny-gpt2" / "tokenizer.json").read_bytes())
    vocab = {c: i for i, c in enumerate("abcdefgh ")}
    vocab["\u2581"] = len(vocab)
    base = {"version": "1.0", "model": {"type": "BPE", "vocab": vocab, "merges": ["a b", "ab c"]}}
    put("tokenizer", "minimal", json.dumps(dict(base, model=dict(base["model"], vocab=dict(vocab, ab=10, abc=11)))))
    put("tokenizer", "replace_chain", json.dumps(dict(base, model=dict(base["model"], vocab=dict(vocab, ab=10, abc=11)),
        normalizer={"type": "Sequence", "normalizers": [
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
            {"type": "Prepend", "prepend": "\u2581"}, {"type": "NFC"}]},
        decoder={"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "}, {"type": "ByteFallback"},
            {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]})))
    put("tokenizer", "miss_replace_growth", json.dumps(dict(base, normalizer={
        "type": "Replace", "pattern": {"String": "a"}, "content": "a" * 1000})))
    put("tokenizer", "miss_deep", json.dumps(base)[:-1] + ', "normalizer": ' +
        '{"type":"Sequence","normalizers":[' * 40 + '{"type":"NFC"}' + "]}" * 40 + "}")
    put("tokenizer", "miss_merge_unknown", json.dumps(dict(base, model=dict(base["model"], merges=["x y"]))))
    put("tokenizer", "miss_version", json.dumps(dict(base, version="2.0")))


def sampling_args_seeds():
    seeds = {
        "defaults": "",
        "greedy": "--temperature\n0",
        "typical": "--temperature\n0.7\n--top-k\n40\n--top-p\n0.9\n--min-p\n0.05",
        "penalties": "--repetition-penalty\n1.3\n--presence-penalty\n0.5\n--frequency-penalty\n0.2\n--penalty-window\n3",
        "typical_p": "--typical-p\n0.5\n--order\nllama.cpp\n--seed\n42",
        "logit_bias": "--logit-bias\n5=-inf\n--logit-bias=7=2.5\n--logit-bias\n257=1e3",
        "stops": "--max-new-tokens\n5\n--stop\n\\n\\n\n--stop\n.\n--ignore-eos\n--json\n--top\n3",
        "miss_bias_range": "--logit-bias\n4294968307=-inf",
        "miss_bias_syntax": "--logit-bias\n=5\n--logit-bias\n3=",
        "miss_tiny_temperature": "--temperature\n1e-45",
        "miss_unknown": "--temprature\n1\n--order\nrandom",
        "miss_range": "--top-p\n0\n--min-p\n2\n--top-k\n-1",
    }
    for name, text in seeds.items():
        put("sampling_args", name, text)


# GGUF (little-endian, version 3): value types and the ggml tensor types the seeds use.
GGUF_U32, GGUF_I32, GGUF_F32, GGUF_BOOL, GGUF_STR, GGUF_ARR, GGUF_U64 = 4, 5, 6, 7, 8, 9, 10
GGML_F32, GGML_F16, GGML_Q8_0, GGML_Q4_K = 0, 1, 8, 12


def gguf_str(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def gguf_value(t, v):
    if t == GGUF_U32:
        return struct.pack("<I", v)
    if t == GGUF_I32:
        return struct.pack("<i", v)
    if t == GGUF_F32:
        return struct.pack("<f", v)
    if t == GGUF_BOOL:
        return struct.pack("<B", v)
    if t == GGUF_STR:
        return gguf_str(v)
    if t == GGUF_U64:
        return struct.pack("<Q", v)
    inner, items = v
    return struct.pack("<IQ", inner, len(items)) + b"".join(gguf_value(inner, x) for x in items)


def gguf(kvs, tensors, version=3, alignment=32):
    """kvs: [(key, type, value)]; tensors: [(name, dims, ggml type, bytes)]."""
    out = b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(kvs))
    for key, t, v in kvs:
        out += gguf_str(key) + struct.pack("<I", t) + gguf_value(t, v)
    data, offsets = b"", []
    for _, _, _, raw in tensors:
        data += b"\0" * (-len(data) % alignment)
        offsets.append(len(data))
        data += raw
    for (name, dims, t, _), off in zip(tensors, offsets):
        out += gguf_str(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
        out += struct.pack("<IQ", t, off)
    out += b"\0" * (-len(out) % alignment)
    return out + data


def gguf_seeds():
    spm = [("tokenizer.ggml.model", GGUF_STR, "llama"),
           ("tokenizer.ggml.tokens", GGUF_ARR, (GGUF_STR, ["<unk>", "<s>", "</s>", "\u2581a", "b", "<0x41>"])),
           ("tokenizer.ggml.scores", GGUF_ARR, (GGUF_F32, [0.0, 0.0, 0.0, -1.0, -2.0, 0.0])),
           ("tokenizer.ggml.token_type", GGUF_ARR, (GGUF_I32, [2, 3, 3, 1, 1, 6])),
           ("tokenizer.ggml.bos_token_id", GGUF_U32, 1), ("tokenizer.ggml.eos_token_id", GGUF_U32, 2)]
    hyper = [("general.architecture", GGUF_STR, "llama"), ("general.alignment", GGUF_U32, 32),
             ("llama.block_count", GGUF_U32, 1), ("llama.context_length", GGUF_U32, 16),
             ("llama.embedding_length", GGUF_U32, 8), ("llama.feed_forward_length", GGUF_U32, 16),
             ("llama.attention.head_count", GGUF_U32, 2), ("llama.attention.head_count_kv", GGUF_U32, 1),
             ("llama.attention.layer_norm_rms_epsilon", GGUF_F32, 1e-5), ("llama.rope.freq_base", GGUF_F32, 10000.0)]
    f32 = struct.pack("<48f", *[i / 8 for i in range(48)])
    q8 = struct.pack("<e", 0.5) + bytes(range(32))
    q4k = struct.pack("<ee", 0.25, 0.125) + bytes(range(12)) + bytes((i * 7) % 256 for i in range(128))
    f16 = struct.pack("<8e", *[0.5 * i for i in range(8)])
    tensors = [("token_embd.weight", [8, 6], GGML_F32, f32), ("blk.0.attn_q.weight", [32, 1], GGML_Q8_0, q8),
               ("blk.0.ffn_up.weight", [256, 1], GGML_Q4_K, q4k), ("blk.0.attn_norm.weight", [8], GGML_F16, f16)]
    put("gguf", "llama_model", gguf(hyper + spm, tensors))
    put("gguf", "vocab_only_spm", gguf(spm, []))
    put("gguf", "vocab_only_bpe", gguf([
        ("tokenizer.ggml.model", GGUF_STR, "gpt2"), ("tokenizer.ggml.pre", GGUF_STR, "qwen2"),
        ("tokenizer.ggml.tokens", GGUF_ARR, (GGUF_STR, ["a", "b", "ab", "\u0120", "\u0120a", "<|endoftext|>"])),
        ("tokenizer.ggml.token_type", GGUF_ARR, (GGUF_I32, [1, 1, 1, 1, 1, 3])),
        ("tokenizer.ggml.merges", GGUF_ARR, (GGUF_STR, ["a b", "\u0120 a"])),
        ("tokenizer.ggml.eos_token_id", GGUF_U32, 5)], []))
    put("gguf", "miss_version1", gguf(hyper, tensors[:1], version=1))
    put("gguf", "miss_alignment", gguf([("general.alignment", GGUF_U32, 48)] + hyper[2:], tensors[:1], alignment=48))
    put("gguf", "miss_truncated", gguf(hyper, tensors)[:-40])
    put("gguf", "miss_huge_count", b"GGUF" + struct.pack("<IQQ", 3, 1 << 62, 1 << 62))
    put("gguf", "miss_nested_array", gguf([("x", GGUF_ARR, (GGUF_ARR, []))], []))


def llama2c_seeds():
    # dim 8, hidden 16, 1 layer, 2 heads, 1 kv head, vocab 6 (shared classifier), seq_len 4; then run.c's tensors.
    dim, hidden, layers, heads, kv, vocab, seq = 8, 16, 1, 2, 1, 6, 4
    header = struct.pack("<7i", dim, hidden, layers, heads, kv, vocab, seq)
    hd = dim // heads
    n = vocab * dim + layers * (dim + dim * dim + 2 * dim * kv * hd + dim * dim + dim + 3 * dim * hidden) + dim
    n += seq * hd  # freq_cis_real + freq_cis_imag (seq_len * head_size / 2 each)
    put("llama2c", "model", header + struct.pack(f"<{n}f", *[((i * 37) % 17 - 8) / 16 for i in range(n)]))
    put("llama2c", "miss_negative_dim", struct.pack("<7i", -8, hidden, layers, heads, kv, vocab, seq))
    put("llama2c", "miss_truncated", header + b"\0" * 64)
    # as tokenizer.bin: max_token_length, then (score, length, bytes) per token
    tok = struct.pack("<i", 3)
    for piece in [b"<unk>", b"\n<s>\n", b"\n</s>\n", b" a", b"b", b"ab"]:
        tok += struct.pack("<fi", -1.0, len(piece)) + piece
    put("llama2c", "tokenizer", tok)
    put("llama2c", "miss_tokenizer_length", struct.pack("<i", 3) + struct.pack("<fi", -1.0, 1 << 30) + b"x")


def write_dict(name, tokens):
    def escape(t):
        out = ""
        for b in t.encode():
            c = chr(b)
            out += "\\" + c if c in '"\\' else (c if 0x20 <= b < 0x7F else "\\x%02X" % b)
        return out

    d = ROOT / "tests" / "fuzz" / "dict"
    d.mkdir(parents=True, exist_ok=True)
    lines = ["# libFuzzer dictionary for fuzz_%s (written by tests/fuzz/make_corpus.py)" % name]
    lines += ['"%s"' % escape(t) for t in tokens]
    (d / (name + ".dict")).write_text("\n".join(lines) + "\n")


JSON_COMMON = ["{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "-1", "0", "1e400", "1e-400", "-0",
               "4294967296", "9223372036854775807", "18446744073709551615", "1.5", "\\u0000", "\\ud800"]


def dictionaries():
    write_dict("safetensors", JSON_COMMON + ['"dtype"', '"shape"', '"data_offsets"', '"__metadata__"', '"F32"',
               '"F16"', '"BF16"', '"F64"', '"I32"', '"I64"', '"U8"', '"I8"', '"BOOL"', '"F8_E4M3"',
               "\x10\x00\x00\x00\x00\x00\x00\x00"])
    write_dict("config", JSON_COMMON + ['"model_type"', '"gpt2"', '"llama"', '"mistral"', '"qwen2"', '"explorer"',
               '"vocab_size"', '"hidden_size"', '"n_embd"', '"n_layer"', '"n_head"', '"n_inner"', '"n_positions"',
               '"intermediate_size"', '"num_hidden_layers"', '"num_attention_heads"', '"num_key_value_heads"',
               '"head_dim"', '"max_position_embeddings"', '"rope_theta"', '"rope_scaling"', '"rms_norm_eps"',
               '"layer_norm_epsilon"', '"norm_eps"', '"hidden_act"', '"silu"', '"activation_function"', '"gelu_new"',
               '"gelu"', '"relu"', '"attention_bias"', '"mlp_bias"', '"tie_word_embeddings"', '"bos_token_id"',
               '"eos_token_id"', '"positional"', '"learned"', '"sinusoidal"', '"rope"', '"norm"', '"layernorm"',
               '"rmsnorm"', '"norm_placement"', '"pre"', '"post"', '"activation"', '"swiglu"', '"gelu_tanh"',
               "16777216", "16777217", "65536", "1024", "1025"])
    write_dict("tokenizer", JSON_COMMON + ['"version"', '"1.0"', '"model"', '"type"', '"BPE"', '"vocab"',
               '"merges"', '"byte_fallback"', '"unk_token"', '"fuse_unk"', '"ignore_merges"',
               '"continuing_subword_prefix"', '"end_of_word_suffix"', '"added_tokens"', '"id"', '"content"',
               '"special"', '"lstrip"', '"rstrip"', '"normalized"', '"single_word"', '"normalizer"', '"normalizers"',
               '"pre_tokenizer"', '"pretokenizers"', '"decoder"', '"decoders"', '"post_processor"', '"Sequence"',
               '"NFC"', '"Prepend"', '"prepend"', '"Replace"', '"pattern"', '"String"', '"Regex"', '"Strip"',
               '"strip_left"', '"strip_right"', '"ByteLevel"', '"add_prefix_space"', '"trim_offsets"', '"use_regex"',
               '"Split"', '"behavior"', '"Isolated"', '"Removed"', '"MergedWithPrevious"', '"MergedWithNext"',
               '"Contiguous"', '"invert"', '"Metaspace"', '"replacement"', '"prepend_scheme"', '"first"', '"always"',
               '"never"', '"split"', '"Digits"', '"individual_digits"', '"ByteFallback"', '"Fuse"', '"start"',
               '"stop"', '"TemplateProcessing"', '"single"', '"pair"', '"special_tokens"', '"SpecialToken"', '"ids"',
               '"tokens"', '"<0x0A>"', '"<0xE2>"', '"<s>"', '"</s>"', '"<|endoftext|>"', '"\u2581"', '"\u0120"'])
    write_dict("gguf", ["GGUF", "general.architecture", "general.alignment", "llama", "qwen2", "gpt2",
               "llama.block_count", "llama.context_length", "llama.embedding_length", "llama.feed_forward_length",
               "llama.attention.head_count", "llama.attention.head_count_kv", "llama.rope.dimension_count",
               "llama.rope.freq_base", "llama.attention.layer_norm_rms_epsilon", "tokenizer.ggml.model",
               "tokenizer.ggml.pre", "tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type",
               "tokenizer.ggml.merges", "tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id",
               "tokenizer.ggml.add_bos_token", "tokenizer.chat_template", "token_embd.weight", "output.weight",
               "blk.0.attn_q.weight", "blk.0.ffn_up.weight"])
    write_dict("llama2c", ["\n<s>\n", "\n</s>\n", "<unk>", "<0x0A>"])
    write_dict("sampling_args", ["\n", "--temperature", "--top-k", "--top-p", "--min-p", "--typical-p",
               "--repetition-penalty", "--presence-penalty", "--frequency-penalty", "--penalty-window", "--seed",
               "--logit-bias", "--max-new-tokens", "--stop", "--order", "--ignore-eos", "--json", "--top", "=",
               "-inf", "inf", "nan", "1e-45", "1e38", "hf", "llama.cpp", "4294967296", "2147483647", "-2147483648",
               "257", "258", "0x10", "1e9", "-1e9"])


if __name__ == "__main__":
    if OUT.exists():
        shutil.rmtree(OUT)
    safetensors_seeds()
    config_seeds()
    tokenizer_seeds()
    sampling_args_seeds()
    gguf_seeds()
    llama2c_seeds()
    dictionaries()
    for d in sorted(OUT.iterdir()):
        print(d.name, len(list(d.iterdir())), "files")
