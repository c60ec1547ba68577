#include "core/tokenizer/byte_level.h"

#include "core/common/utf8.h"

#include <array>

namespace core::byte_level {

namespace {

    struct Table {
        std::array<char32_t, 256> byteToCp {};
        std::array<std::string, 256> byteToUtf8;
        std::array<int, 512> cpToByte {}; // all mapped code points are < 0x144

        Table()
        {
            cpToByte.fill(-1);
            auto printable = [](int b) {
                return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            };
            int next = 0;
            for (int b = 0; b < 256; ++b) {
                const char32_t cp = printable(b) ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + next++);
                byteToCp[b] = cp;
                byteToUtf8[b] = utf8::encode(cp);
                cpToByte[cp] = b;
            }
        }
    };

    const Table& table()
    {
        static const Table t;
        return t;
    }

} // namespace

const std::string& charsOf(std::uint8_t b) { return table().byteToUtf8[b]; }

int byteOf(char32_t cp) { return cp < 512 ? table().cpToByte[cp] : -1; }

std::optional<std::string> decode(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    std::size_t pos = 0;
    while (pos < token.size()) {
        if (utf8::validLength(token, pos) == 0)
            return std::nullopt;
        const int b = byteOf(utf8::decode(token, pos));
        if (b < 0)
            return std::nullopt;
        out += static_cast<char>(b);
    }
    return out;
}

} // namespace core::byte_level
