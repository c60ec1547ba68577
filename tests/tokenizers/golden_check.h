#pragma once
// Shared by tst_tokenizergolden and tst_tokenizertiny: runs one tokenizer over corpus.json and compares with
// the reference's golden file (made by tools/tokenizer_fixtures/make_golden.mjs). Returns a description of
// each mismatch (empty = all exact), and counts what it compared.
#include "core/tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace golden {

struct Stats {
    int strings = 0;
    int roundTrips = 0; // strings whose decode(encode(s)) == s (checked whenever the reference round-trips)
    long long tokens = 0;
};

inline nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    return nlohmann::json::parse(in);
}

inline std::string show(const std::vector<std::int32_t>& ids)
{
    std::ostringstream s;
    s << "[";
    for (std::size_t i = 0; i < ids.size() && i < 40; ++i)
        s << (i ? "," : "") << ids[i];
    if (ids.size() > 40)
        s << ",... (" << ids.size() << " ids)";
    s << "]";
    return s.str();
}

inline std::string quote(const std::string& text)
{
    std::string q = nlohmann::json(text.size() > 120 ? text.substr(0, 120) + "..." : text)
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return q;
}

// Spans must lie inside the input, never go backwards, and (for tokens made from text) cover bytes.
inline std::string checkSpans(const std::string& input, const core::Encoding& enc)
{
    if (enc.spans.size() != enc.ids.size())
        return "spans.size() != ids.size()";
    std::uint32_t lastBegin = 0;
    for (std::size_t i = 0; i < enc.spans.size(); ++i) {
        const core::ByteSpan s = enc.spans[i];
        if (s.begin > s.end || s.end > input.size())
            return "span " + std::to_string(i) + " [" + std::to_string(s.begin) + "," + std::to_string(s.end)
                + ") outside the input";
        if (s.begin < lastBegin)
            return "span " + std::to_string(i) + " starts before the previous one";
        lastBegin = s.begin;
    }
    return {};
}

inline std::vector<std::string> compare(
    const core::Tokenizer& tok, const nlohmann::json& corpus, const nlohmann::json& golden, Stats& stats)
{
    std::vector<std::string> errors;
    const auto& strings = corpus.at("strings");
    const auto& cases = golden.at("cases");
    if (strings.size() != cases.size()) {
        errors.push_back("golden file has " + std::to_string(cases.size()) + " cases for "
            + std::to_string(strings.size()) + " strings");
        return errors;
    }
    for (std::size_t i = 0; i < strings.size(); ++i) {
        const std::string s = strings[i].get<std::string>();
        const auto& c = cases[i];
        const auto expectIds = c.at("ids").get<std::vector<std::int32_t>>();
        const auto expectSpecial
            = c.contains("ids_special") ? c.at("ids_special").get<std::vector<std::int32_t>>() : expectIds;
        const std::string where = "string " + std::to_string(i) + " " + quote(s) + ": ";
        ++stats.strings;
        const core::Encoding enc = tok.encode(s, false);
        stats.tokens += static_cast<long long>(enc.ids.size());
        if (enc.ids != expectIds) {
            errors.push_back(where + "ids " + show(enc.ids) + ", reference " + show(expectIds));
            continue;
        }
        if (const std::string bad = checkSpans(s, enc); !bad.empty())
            errors.push_back(where + bad);
        const core::Encoding withSpecial = tok.encode(s, true);
        if (withSpecial.ids != expectSpecial)
            errors.push_back(
                where + "ids with special tokens " + show(withSpecial.ids) + ", reference " + show(expectSpecial));
        const std::string decoded = tok.decode(enc.ids);
        if (decoded != c.at("decoded").get<std::string>())
            errors.push_back(
                where + "decode " + quote(decoded) + ", reference " + quote(c.at("decoded").get<std::string>()));
        else if (decoded == s)
            ++stats.roundTrips;
        const std::string skip = tok.decode(withSpecial.ids, true);
        if (skip != c.at("decoded_skip_special").get<std::string>())
            errors.push_back(where + "decode skipping special " + quote(skip) + ", reference "
                + quote(c.at("decoded_skip_special").get<std::string>()));
        const std::vector<std::int32_t> half(
            enc.ids.begin(), enc.ids.begin() + static_cast<std::ptrdiff_t>(enc.ids.size() / 2));
        const std::string halfDecoded = tok.decode(half);
        if (halfDecoded != c.at("decoded_half").get<std::string>())
            errors.push_back(where + "decode of the first half " + quote(halfDecoded) + ", reference "
                + quote(c.at("decoded_half").get<std::string>()));
    }
    return errors;
}

} // namespace golden
