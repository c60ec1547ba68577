#include "core/common/utf8.h"

namespace core::utf8 {

std::size_t validLength(std::string_view s, std::size_t pos)
{
    const std::size_t n = s.size();
    if (pos >= n)
        return 0;
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80)
        return 1;
    // Allowed range of the second byte depends on the lead (Unicode table 3-7): this rejects overlongs,
    // surrogates and code points past U+10FFFF.
    unsigned char lo = 0x80, hi = 0xBF;
    std::size_t len = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (pos + len > n)
        return 0;
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    if (b1 < lo || b1 > hi)
        return 0;
    for (std::size_t i = 2; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if (b < 0x80 || b > 0xBF)
            return 0;
    }
    return len;
}

char32_t decode(std::string_view s, std::size_t& pos)
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    const std::size_t len = sequenceLength(b0);
    char32_t cp = len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (std::size_t i = 1; i < len && pos + i < s.size(); ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
    pos += len;
    return cp;
}

std::size_t firstInvalid(std::string_view s)
{
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const std::size_t len = validLength(s, pos);
        if (len == 0)
            return pos;
        pos += len;
    }
    return std::string_view::npos;
}

void append(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encode(char32_t cp)
{
    std::string s;
    append(s, cp);
    return s;
}

std::string lossy(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t len = validLength(s, pos);
        if (len > 0) {
            out.append(s.substr(pos, len));
            pos += len;
            continue;
        }
        // Maximal subpart: the lead byte plus as many following bytes as still form a valid prefix.
        const auto b0 = static_cast<unsigned char>(s[pos]);
        std::size_t skip = 1;
        unsigned char lo = 0x80, hi = 0xBF;
        std::size_t need = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;
            hi = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF;
        }
        if (need > 0 && pos + 1 < s.size()) {
            const auto b1 = static_cast<unsigned char>(s[pos + 1]);
            if (b1 >= lo && b1 <= hi) {
                skip = 2;
                for (std::size_t i = 2; i < need && pos + i < s.size(); ++i) {
                    const auto b = static_cast<unsigned char>(s[pos + i]);
                    if (b < 0x80 || b > 0xBF)
                        break;
                    skip = i + 1;
                }
            }
        }
        out += "\xEF\xBF\xBD";
        pos += skip;
    }
    return out;
}

} // namespace core::utf8
