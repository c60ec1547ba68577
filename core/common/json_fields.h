#pragma once
// Typed reads of JSON fields that fail with a core::Error naming the file and the field path.
#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace core {

class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::string file, std::string prefix = {})
        : m_obj(object)
        , m_file(std::move(file))
        , m_prefix(std::move(prefix))
    {
        if (!m_obj.is_object())
            throw Error(m_file, m_prefix, "expected a JSON object");
    }

    bool has(const std::string& key) const { return m_obj.contains(key) && !m_obj.at(key).is_null(); }
    std::string path(const std::string& key) const { return m_prefix.empty() ? key : m_prefix + "." + key; }
    const std::string& file() const { return m_file; }

    // A whole number in [lo, hi]; rejects fractions, negatives below lo, strings.
    std::int64_t integer(
        const std::string& key, std::int64_t lo = 0, std::int64_t hi = std::numeric_limits<std::int32_t>::max()) const
    {
        if (!has(key))
            throw Error(m_file, path(key), "missing");
        return integerValue(m_obj.at(key), path(key), lo, hi);
    }
    std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const
    {
        return has(key) ? integer(key, lo, hi) : fallback;
    }

    double number(const std::string& key, double fallback, double lo, double hi) const
    {
        if (!has(key))
            return fallback;
        const auto& v = m_obj.at(key);
        if (!v.is_number())
            throw Error(m_file, path(key), "expected a number, got " + std::string(v.type_name()));
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < lo || d > hi)
            throw Error(m_file, path(key), "value " + v.dump() + " is outside [" + fmt(lo) + ", " + fmt(hi) + "]");
        return d;
    }

    bool boolean(const std::string& key, bool fallback) const
    {
        if (!has(key))
            return fallback;
        const auto& v = m_obj.at(key);
        if (!v.is_boolean())
            throw Error(m_file, path(key), "expected true or false, got " + v.dump());
        return v.get<bool>();
    }

    std::string string(const std::string& key, const std::string& fallback) const
    {
        if (!has(key))
            return fallback;
        const auto& v = m_obj.at(key);
        if (!v.is_string())
            throw Error(m_file, path(key), "expected a string, got " + v.dump());
        return v.get<std::string>();
    }

    static std::int64_t integerValue(
        const nlohmann::json& v, const std::string& field, std::int64_t lo, std::int64_t hi, const std::string& file)
    {
        if (v.is_number_integer() || v.is_number_unsigned()) {
            if (v.is_number_unsigned()
                && v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                throw Error(file, field, "value " + v.dump() + " is too large");
            const std::int64_t i = v.get<std::int64_t>();
            if (i < lo || i > hi)
                throw Error(file, field,
                    "value " + v.dump() + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
            return i;
        }
        if (v.is_number_float())
            throw Error(file, field, "expected a whole number, got " + v.dump());
        throw Error(file, field, "expected a whole number, got " + std::string(v.type_name()));
    }

private:
    std::int64_t integerValue(const nlohmann::json& v, const std::string& field, std::int64_t lo, std::int64_t hi) const
    {
        return integerValue(v, field, lo, hi, m_file);
    }
    static std::string fmt(double d)
    {
        std::string s = std::to_string(d);
        while (s.size() > 1 && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.')
            s.pop_back();
        return s;
    }
    const nlohmann::json& m_obj;
    std::string m_file;
    std::string m_prefix;
};

} // namespace core
