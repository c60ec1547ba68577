#pragma once
// A Hugging Face folder's tokenizer written into a GGUF file as tokenizer.ggml.*, the way llama.cpp's
// convert_hf_to_gguf.py writes a byte-level BPE vocabulary (model "gpt2"): tokens in id order, merges "a b", token
// types (special added tokens 3 control, other added tokens 4 user-defined), bos / eos from config.json, no BOS or EOS
// added (the folder's post-processor adds none), and tokenizer_config.json's chat template when there is one. So the
// GGUF file tokenizes exactly as the folder does.
#include <string>

namespace core {

class GgufWriter;

// Reads `folder`/tokenizer.json. Returns false when the folder has none (the caller writes a placeholder
// vocabulary). Throws core::Error naming the file and the field for a tokenizer this writer cannot express exactly:
// not BPE, not byte-level (pre-tokenizer ByteLevel with its regex), a normalizer, a post-processor that adds tokens.
bool writeFolderVocab(GgufWriter& w, const std::string& folder, int vocab);

} // namespace core
