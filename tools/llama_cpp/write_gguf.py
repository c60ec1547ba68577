"""Writes a Hugging Face folder of one of our architectures (config.json + F32 model.safetensors + the byte-level
tokenizer.json of `inference-cli make-random`) as an F32 GGUF file the way llama.cpp's convert_hf_to_gguf.py
would: its tensor names (from tools/reference/architectures.json, the engine's tables), its hyper-parameter keys,
and its per-architecture re-writes of the weights:
  llama / mistral / smollm3: q and k rows permuted to llama.cpp's interleaved RoPE pairs (LlamaModel.permute);
                             llama3 rope_scaling as a rope_freqs tensor (one divisor per rotating pair)
  gemma2 / gemma3:           every norm weight stored as 1 + w (Gemma's RMSNorm scale)
  gpt_neox:                  query_key_value re-ordered from per-head [q_h; k_h; v_h] to [q; k; v]
  phi3, qwen3:               as stored

Usage: /usr/bin/python3 tools/llama_cpp/write_gguf.py MODEL_DIR OUT.gguf [VOCAB.gguf]
(VOCAB.gguf: take the tokenizer.* entries of that file; its token count must be the model's vocab_size)
"""
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import model as M  # noqa: E402
from safetensors_io import load_file  # noqa: E402

GGUF_ARCH = {a["model_type"]: a["gguf_architecture"] for a in M.ARCHITECTURES.values()}
T_U32, T_I32, T_F32, T_BOOL, T_STR, T_ARR = 4, 5, 6, 7, 8, 9


class Writer:
    def __init__(self):
        self.kv = []
        self.tensors = []

    def _str(self, s):
        b = s.encode()
        return struct.pack("<Q", len(b)) + b

    def u32(self, k, v):
        self.kv.append(self._str(k) + struct.pack("<II", T_U32, int(v)))

    def f32(self, k, v):
        self.kv.append(self._str(k) + struct.pack("<If", T_F32, float(v)))

    def boolean(self, k, v):
        self.kv.append(self._str(k) + struct.pack("<IB", T_BOOL, 1 if v else 0))

    def string(self, k, v):
        self.kv.append(self._str(k) + struct.pack("<I", T_STR) + self._str(v))

    def strings(self, k, values):
        self.kv.append(self._str(k) + struct.pack("<IIQ", T_ARR, T_STR, len(values))
                       + b"".join(self._str(v) for v in values))

    def ints(self, k, values):
        self.kv.append(self._str(k) + struct.pack("<IIQ", T_ARR, T_I32, len(values))
                       + b"".join(struct.pack("<i", v) for v in values))

    def tensor(self, name, t):
        self.tensors.append((name, t.detach().to(torch.float32).contiguous()))

    def write(self, path, align=32):
        head = b"GGUF" + struct.pack("<IQQ", 3, len(self.tensors), len(self.kv)) + b"".join(self.kv)
        offset, infos, datas = 0, [], []
        for name, t in self.tensors:
            dims = list(reversed(t.shape))  # ggml order: innermost first
            infos.append(self._str(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
                         + struct.pack("<IQ", 0, offset))  # type 0 = F32
            data = t.numpy().tobytes()
            pad = (-len(data)) % align
            datas.append(data + b"\0" * pad)
            offset += len(data) + pad
        out = head + b"".join(infos)
        out += b"\0" * ((-len(out)) % align)
        with open(path, "wb") as f:
            f.write(out + b"".join(datas))


def tokenizer_entries(path):
    """The raw tokenizer.* key-value entries of a GGUF file (to give a model a real vocabulary)."""
    sizes = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
    with open(path, "rb") as f:
        data = f.read()
    _, _, _, n_kv = struct.unpack_from("<4sIQQ", data, 0)
    pos, out = 24, []

    def skip(t, pos):
        if t == T_STR:
            (n,) = struct.unpack_from("<Q", data, pos)
            return pos + 8 + n
        if t == T_ARR:
            et, n = struct.unpack_from("<IQ", data, pos)
            pos += 12
            for _ in range(n):
                pos = skip(et, pos)
            return pos
        return pos + sizes[t]

    for _ in range(n_kv):
        start = pos
        (n,) = struct.unpack_from("<Q", data, pos)
        key = data[pos + 8: pos + 8 + n].decode()
        pos += 8 + n
        (t,) = struct.unpack_from("<I", data, pos)
        pos = skip(t, pos + 4)
        if key.startswith("tokenizer."):
            out.append((key, data[start:pos]))
    return out


def byte_piece(b):
    """GPT-2's reversible byte -> printable character table."""
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    if b in printable:
        return chr(b)
    return chr(256 + sum(1 for x in range(b) if x not in printable))


def permute(w, n_head):
    """LlamaModel.permute: HF rotate-half rows -> llama.cpp interleaved pairs, per head."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def main(model_dir, out, vocab_from=None):
    cfg = M.load_config(model_dir)
    s = M.spec_of(cfg)
    W = load_file(os.path.join(model_dir, "model.safetensors"))
    W = {k: v.to(torch.float64) for k, v in W.items()}
    mt = cfg["model_type"]
    arch = GGUF_ARCH[mt]
    names = {t["role"]: t for t in M.ARCHITECTURES[mt]["tensors"]}
    hd, nh, nkv = s["head_dim"], s["n_head"], s["n_kv_head"]
    w = Writer()
    w.string("general.architecture", arch)
    w.string("general.name", "random-" + mt)
    w.u32(f"{arch}.context_length", s["max_pos"])
    w.u32(f"{arch}.embedding_length", s["dim"])
    w.u32(f"{arch}.block_count", s["n_layer"])
    w.u32(f"{arch}.feed_forward_length", s["hidden"])
    w.u32(f"{arch}.attention.head_count", nh)
    w.u32(f"{arch}.attention.head_count_kv", nkv)
    w.u32(f"{arch}.attention.key_length", hd)
    w.u32(f"{arch}.attention.value_length", hd)
    w.u32(f"{arch}.rope.dimension_count", s.get("rope_dim") or hd)
    w.f32(f"{arch}.rope.freq_base", s["rope_theta"])
    if s["norm"] == "layernorm":
        w.f32(f"{arch}.attention.layer_norm_epsilon", s["eps"])
    else:
        w.f32(f"{arch}.attention.layer_norm_rms_epsilon", s["eps"])
    if s.get("window"):
        w.u32(f"{arch}.attention.sliding_window", s["window"])
    if mt == "gpt_neox":
        w.boolean(f"{arch}.use_parallel_residual", s["parallel"])
    if mt == "gemma2":
        w.f32(f"{arch}.attn_logit_softcapping", s["attn_softcap"])
        w.f32(f"{arch}.final_logit_softcapping", s["final_softcap"])
    rs = s.get("rope_scaling") or {}
    if rs.get("rope_type", rs.get("type")) == "linear":
        w.string(f"{arch}.rope.scaling.type", "linear")
        w.f32(f"{arch}.rope.scaling.factor", rs["factor"])
    # GPT-2's byte-level pieces for the first ids (llama.cpp looks some bytes up, e.g. the newline), placeholders
    # beyond 256, no merges: the check feeds token ids, never text.
    tokens = [byte_piece(i) for i in range(min(256, s["vocab"]))]
    tokens += [f"<t{i}>" for i in range(len(tokens), s["vocab"])]
    if vocab_from:
        # A real vocabulary (llama.cpp's Phi-3 loader wants Phi-3's own special tokens): its tokenizer.* entries.
        w.kv += [raw for _, raw in tokenizer_entries(vocab_from)]
    else:
        w.string("tokenizer.ggml.model", "gpt2")
        w.string("tokenizer.ggml.pre", "default")
        w.strings("tokenizer.ggml.tokens", tokens)
        w.ints("tokenizer.ggml.token_type", [1] * len(tokens))
        w.strings("tokenizer.ggml.merges", [])
        w.u32("tokenizer.ggml.bos_token_id", cfg.get("bos_token_id", 1))
        w.u32("tokenizer.ggml.eos_token_id", cfg.get("eos_token_id", 2))
        w.boolean("tokenizer.ggml.add_bos_token", False)

    if rs.get("rope_type", rs.get("type")) == "llama3":  # LlamaModel.generate_extra_tensors
        rd = s.get("rope_dim") or hd
        w.tensor("rope_freqs.weight",
                 M.rope_inv_freq(rd, s["rope_theta"]) / M.rope_inv_freq(rd, s["rope_theta"], rs))
    for role, t in names.items():
        for i in range(s["n_layer"] if "{L}" in t["hf"] else 1):
            for part in ("weight", "bias"):
                key = t["hf"].replace("{L}", str(i)) + "." + part
                if key not in W:
                    continue
                x = W[key]
                if mt in ("llama", "mistral", "smollm3") and part == "weight" and role in ("attn_q", "attn_k"):
                    x = permute(x, nh if role == "attn_q" else nkv)
                if mt.startswith("gemma") and role.endswith("norm"):
                    x = x + 1
                if mt == "gpt_neox" and role == "attn_qkv":
                    x = x.reshape(nh, 3, hd, -1).transpose(0, 1).reshape(x.shape)
                w.tensor(t["gguf"].replace("{L}", str(i)) + "." + part, x)
    w.write(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
