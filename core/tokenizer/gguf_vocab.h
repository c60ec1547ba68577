#pragma once
// The tokenizer stored inside a GGUF file (tokenizer.ggml.*), run through the same tokenizer core as
// tokenizer.json: the GGUF vocabulary is translated into the tokenizer.json that Hugging Face's converters write
// for the same tokenizer, and loaded with Tokenizer::fromJson.
//
//   tokenizer.ggml.model = "llama" (SentencePiece BPE with scores and <0xHH> byte fallback): the normalizer
//     prepends "▁" (unless tokenizer.ggml.add_space_prefix is false) and turns " " into "▁"; merges are made from
//     the scores the way transformers' SentencePieceExtractor does (every split a + b of a token into two tokens,
//     ranked by the token's score, highest first), which is the order llama.cpp's SPM tokenizer merges in. Tokens
//     over 256 bytes get no merges (none in real vocabularies; it keeps a hostile file from costing len^2 each).
//   tokenizer.ggml.model = "gpt2" (byte-level BPE with merges): pre-tokenizer by tokenizer.ggml.pre: "default",
//     "gpt-2", "gpt2" (GPT-2 regex), "llama-bpe", "llama3" (Llama 3 regex, ignore_merges), "qwen2" (Qwen2 regex),
//     "deepseek-coder" (llama.cpp's five split steps: [\r\n], \s?\p{L}+, \s?\p{P}+, CJK / Hangul runs, \p{N}).
//     Other pre-tokenizers are refused with a message naming them.
//   token types (tokenizer.ggml.token_type): 2 unknown and 3 control become special added tokens (matched in text
//     only when parseSpecial), 4 user-defined become non-special added tokens (always matched), as llama.cpp does.
//   add_bos / add_eos become the post-processor (what encode(text, addSpecial = true) adds).
#include "core/tokenizer/tokenizer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

class GgufFile;

// The tokenizer metadata of a GGUF file, validated: equal token / score / type counts, ids in range.
struct GgufVocab {
    std::string file; // for error messages
    std::string model; // tokenizer.ggml.model: "llama" or "gpt2"
    std::string pre; // tokenizer.ggml.pre ("" when absent)
    std::vector<std::string> tokens;
    std::vector<float> scores; // empty when the file has none
    std::vector<std::int32_t> types; // empty when the file has none (then all normal)
    std::vector<std::string> merges; // "a b"
    std::optional<std::int32_t> bos, eos, eot, unk, pad, sep;
    bool addBos = false;
    bool addEos = false;
    bool addSpacePrefix = true;
    std::optional<std::string> chatTemplate; // tokenizer.chat_template

    enum TokenType { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };
    int typeOf(std::int32_t id) const { return types.empty() ? Normal : types[std::size_t(id)]; }
};

// Reads and validates tokenizer.ggml.* (core::Error naming the file and the key: missing tokens, counts that
// differ, ids out of range, unknown model, merges naming unknown tokens).
GgufVocab readGgufVocab(const GgufFile& file);
// The tokenizer.json equivalent of the vocabulary (core::Error for a model or pre-tokenizer we cannot run exactly).
std::string ggufTokenizerJson(const GgufVocab& vocab);
// The tokenizer of a GGUF file (a vocab-only file is enough).
Tokenizer tokenizerFromGguf(const GgufFile& file);
Tokenizer tokenizerFromGguf(const std::string& path);

} // namespace core
