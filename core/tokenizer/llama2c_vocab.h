#pragma once
// llama2.c's tokenizer.bin (core/formats/llama2c/llama2c_file.h) as a Tokenizer, through the same SentencePiece
// translation as a GGUF "llama" vocabulary (core/tokenizer/gguf_vocab.h): pieces get their "▁" back, ids 0 / 1 / 2
// are <unk> / <s> / </s> (run.c's convention), "<0xHH>" pieces are byte tokens, BOS is added, and a "▁" is
// prepended to the text as run.c's encode() does with its dummy prefix.
#include "core/tokenizer/gguf_vocab.h"
#include "core/tokenizer/tokenizer.h"

#include <cstdint>
#include <string>

namespace core {

struct Llama2cVocab;

// vocabSize: the model's vocab_size (model.bin header); tokenizer.bin does not store it.
GgufVocab vocabFromLlama2c(const Llama2cVocab& vocab, const std::string& path);
Tokenizer tokenizerFromLlama2c(const std::string& path, std::int32_t vocabSize);

} // namespace core
