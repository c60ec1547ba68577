#pragma once
// The single-file formats behind core::openModel (open_model.cpp): each turns its file into a Model bound by the
// architecture tables, its tokenizer when the file has one, and what the model card shows about the file.
#include "core/loader/loaded_model.h"

#include <optional>
#include <string>

namespace core {

// A GGUF file of architecture llama, qwen2 or gpt2 (anything else: core::Error naming general.architecture).
// llama q / k rows are put back in rotate-half order (RotateHalfSource); block-quantized weights are dequantized.
// The tokenizer is the file's own (tokenizer.ggml.*); one we cannot run exactly leaves the model without one and
// says why in `metadata` ("tokenizer").
void openGguf(const std::string& path, LoadedModel& into);

// A llama2.c model.bin; tokenizer.bin beside it, when present, is its tokenizer.
void openLlama2c(const std::string& path, LoadedModel& into);

// The chat template of a Hugging Face folder (tokenizer_config.json's chat_template); nullopt when it names none.
std::optional<std::string> readHfChatTemplate(const std::string& folder);

} // namespace core
