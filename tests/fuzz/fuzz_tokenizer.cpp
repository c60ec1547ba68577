// libFuzzer harness: tokenizer.json. Load it; if it loads, encode a few fixed strings and one taken from the input,
// decode what came out (and the first ids of the vocabulary), and check the spans stay inside the text.
#include "core/common/error.h"
#include "core/common/utf8.h"
#include "core/tokenizer/tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

void exercise(const core::Tokenizer& tok, std::string_view text)
{
    for (const bool special : { true, false }) {
        const core::Encoding e = tok.encode(text, special, special);
        if (e.spans.size() != e.ids.size())
            __builtin_trap();
        for (const auto& s : e.spans)
            if (s.begin > s.end || s.end > text.size())
                __builtin_trap();
        const std::string back = tok.decode(e.ids);
        if (core::utf8::firstInvalid(back) != std::string_view::npos)
            __builtin_trap(); // decode promises valid UTF-8 (U+FFFD for broken bytes)
        (void)tok.decode(e.ids, true);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    try {
        const core::Tokenizer tok = core::Tokenizer::fromJson(json, "tokenizer.json");
        for (const char* text :
            { "Hello world", "  two  spaces\n\nand\ttabs", "h\xC3\xA9llo \xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\xA4\x96",
                "12345 -3.14", "<s>Once</s><|endoftext|>", "" })
            exercise(tok, text);
        // The input's own first bytes, when they are valid UTF-8: strings the tokenizer's vocabulary knows.
        std::string_view tail = json.substr(0, std::min<std::size_t>(json.size(), 48));
        if (core::utf8::firstInvalid(tail) == std::string_view::npos)
            exercise(tok, tail);
        std::vector<std::int32_t> ids;
        for (std::int32_t id = 0; id < std::min<std::int32_t>(tok.vocabSize(), 300); ++id) {
            ids.push_back(id);
            (void)tok.tokenString(id);
            (void)tok.pieceBytes(id);
            (void)tok.displayPiece(id);
        }
        (void)tok.decode(ids);
        (void)tok.decode(std::vector<std::int32_t> { -1, tok.vocabSize(), INT32_MAX });
        (void)tok.bosId();
        (void)tok.eosId();
    } catch (const core::Error&) {
    }
    return 0;
}
