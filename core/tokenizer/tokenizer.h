#pragma once
// A Hugging Face tokenizer.json (BPE: byte-level like GPT-2 / Qwen / SmolLM, or SentencePiece-style with
// "▁" and <0xHH> byte fallback like Llama 2 / TinyLlama), loaded once and then used read-only: encode,
// decode, and what the token strip shows. Copies are cheap and share the loaded data; all const methods
// are safe to call from several threads.
//
// The pipeline follows the reference (Hugging Face tokenizers) step by step: added tokens are cut out of
// the raw text, each remaining run is normalized, cut at normalized added tokens, pre-tokenized into pieces,
// and each piece is BPE-encoded; the post-processor then adds BOS/EOS if asked to.
#include "core/tokenizer/normalized_text.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct Encoding {
    std::vector<std::int32_t> ids;
    // Per token, the bytes [begin, end) of the input it came from; begin == end for tokens the tokenizer
    // inserted (BOS/EOS from the post-processor, a lone prepended "▁"). A token holding part of a multi-byte
    // character (byte fallback, byte-level) covers just its bytes; where NFC rewrote characters, each token
    // made from them covers the whole original run.
    std::vector<ByteSpan> spans;
};

class Tokenizer {
public:
    // Throws core::Error naming the file and the field for anything that is not a tokenizer we can run
    // exactly: missing file, not JSON, wrong "version", a model type other than BPE, merges naming unknown
    // tokens, duplicate ids, malformed "<0xHH>" tokens, unsupported normalizer / pre-tokenizer / decoder.
    static Tokenizer fromFile(const std::string& path);
    static Tokenizer fromJson(std::string_view json, const std::string& fileName = "tokenizer.json");

    // text must be valid UTF-8 (else core::Error naming the byte offset). addSpecial: let the post-processor
    // add its tokens (Llama's BOS "<s>"). parseSpecial: recognise special tokens written in the text
    // ("<|im_end|>" -> one id), as Hugging Face does by default; when false they are encoded as plain text.
    Encoding encode(std::string_view text, bool addSpecial = true, bool parseSpecial = true) const;
    std::vector<std::int32_t> encodeIds(std::string_view text, bool addSpecial = true, bool parseSpecial = true) const;

    // Text of the ids through the decoder (ids that name no token are skipped, like the reference). Bytes
    // that do not form valid UTF-8 become U+FFFD.
    std::string decode(std::span<const std::int32_t> ids, bool skipSpecial = false) const;

    // The vocab string of a token ("Ġthe", "▁the", "<0x0A>", "<|im_end|>"); empty if no token has this id.
    std::string tokenString(std::int32_t id) const;
    // The bytes the token stands for in text (" the", "\n", one byte 0xE2 for "<0xE2>"); may be invalid UTF-8.
    std::string pieceBytes(std::int32_t id) const;
    // pieceBytes as showable UTF-8 for the token strip: bytes that are not valid UTF-8 are written "<0xE2>".
    std::string displayPiece(std::int32_t id) const;
    std::optional<std::int32_t> tokenId(std::string_view token) const; // added tokens first, then the vocab

    bool isValidId(std::int32_t id) const;
    bool isSpecial(std::int32_t id) const;
    std::vector<std::int32_t> specialIds() const;
    // Max id + 1 over the vocab and the added tokens (ids may have gaps).
    std::int32_t vocabSize() const;

    // What encode(text, addSpecial = true) puts before and after the text.
    const std::vector<std::int32_t>& addedPrefix() const;
    const std::vector<std::int32_t>& addedSuffix() const;
    // The first token of addedPrefix(), else a special token named "<s>", "<|begin_of_text|>" or "<bos>".
    std::optional<std::int32_t> bosId() const;
    // The last token of addedSuffix(), else a special token named "</s>", "<|endoftext|>", "<|end_of_text|>"
    // or "<eos>". A model's generation_config.json eos_token_id should take precedence over this guess.
    std::optional<std::int32_t> eosId() const;

    // Throws core::Error if any token id is >= the model's embedding rows (the model could not embed it).
    void validateAgainstVocab(std::int64_t embeddingRows) const;

    const std::string& fileName() const;

private:
    struct Impl;
    explicit Tokenizer(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

} // namespace core
