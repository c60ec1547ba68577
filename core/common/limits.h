#pragma once
// Every limit a file or an input can run into, in one place. The explorer reads files written by strangers, so
// nothing in them may make us allocate, compute or recurse without bound: each limit below is checked before the
// large allocation it protects, and going over it is a core::Error naming the file, the field and the limit.
// The values sit far above every real model we know of; README.md ("Robustness") lists them for users.
#include <cstddef>
#include <cstdint>

namespace core::limits {

// --- Files ---------------------------------------------------------------------------------------------------
// Only regular files are read (a FIFO would block, /dev/zero never ends); these caps apply before reading.
inline constexpr std::uint64_t kMaxConfigJsonBytes = 16ull << 20; // config.json, generation_config.json
inline constexpr std::uint64_t kMaxIndexJsonBytes = 64ull << 20; // model.safetensors.index.json
inline constexpr std::uint64_t kMaxTokenizerJsonBytes = 256ull << 20; // tokenizer.json (real ones: 2-35 MB)
inline constexpr std::uint64_t kMaxWeightFileBytes = 1ull << 40; // one .safetensors file (1 TiB; mapped, not read)
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100'000'000; // the JSON header of a .safetensors file

// --- JSON ----------------------------------------------------------------------------------------------------
// Arrays and objects nested deeper than this are refused before parsing (our loaders recurse per level).
// Real files nest at most ~6 deep (tokenizer.json: Sequence > Sequence > Split > pattern).
inline constexpr int kMaxJsonDepth = 64;

// --- Model shape ---------------------------------------------------------------------------------------------
inline constexpr std::int64_t kMaxDimension = std::int64_t(1) << 24; // vocab, dim, hidden, heads × head size
inline constexpr std::int64_t kMaxLayers = 1024;
// Positions the engine runs for a model with computed positions (RoPE, sin/cos): tables are computed at load for
// min(context in config.json, kMaxContext) positions, and never more than kMaxPositionTableFloats values. A
// config asking for more (10^7) still loads; its usable context is the cap (ModelConfig::maxPositions), and
// ModelConfig::declaredPositions keeps what the file said.
inline constexpr std::int64_t kMaxContext = 65536;
inline constexpr std::int64_t kMaxPositionTableFloats = std::int64_t(1) << 25; // 128 MB of float per table

// --- Runs ----------------------------------------------------------------------------------------------------
// The KV cache is allocated for prompt + new tokens (never the whole context unless the run needs it), and at
// most this many bytes: a run that would need more stops early with "context full".
inline constexpr std::uint64_t kMaxKvCacheBytes = 2ull << 30;
// Beams of one beam search: each holds a KV cache of the whole run.
inline constexpr int kMaxBeams = 64;

// --- Tokenizer -----------------------------------------------------------------------------------------------
// How many times the Replace steps of a tokenizer.json normalizer (or decoder) may grow a text, worst case: the
// product over a Sequence of ceil(content / pattern) of each Replace. Checked at load, so encode and decode stay
// linear in their input. Real tokenizers grow it by at most 3 (" " -> "▁").
inline constexpr std::uint64_t kMaxTextGrowth = 64;
// Text encoded in one call (a prompt, a document): the ids and spans reserved for it stay ~ 7x this at most, and
// far longer than any context we run (65,536 positions) it could only be refused afterwards anyway.
inline constexpr std::size_t kMaxEncodeBytes = std::size_t(64) << 20;

} // namespace core::limits
