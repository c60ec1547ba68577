#pragma once
// A JSON value together with where it came from ("tokenizer.json", "model.merges[12]"), so every loader
// error names the file and the field without each caller formatting paths by hand.
#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace core {

class JsonAt {
public:
    JsonAt(const nlohmann::json& value, std::string path, const std::string& file)
        : m_value(&value)
        , m_path(std::move(path))
        , m_file(&file)
    {
    }

    const nlohmann::json& value() const { return *m_value; }
    const std::string& path() const { return m_path; }
    const std::string& file() const { return *m_file; }

    [[noreturn]] void fail(const std::string& message) const { throw Error(*m_file, m_path, message); }

    bool isNull() const { return m_value->is_null(); }
    bool has(const char* key) const
    {
        return m_value->is_object() && m_value->contains(key) && !(*m_value)[key].is_null();
    }
    JsonAt at(const char* key) const; // the field must exist (and not be null)
    JsonAt at(std::size_t index) const;
    JsonAt object() const; // this, checked to be an object
    JsonAt array() const; // this, checked to be an array
    std::size_t size() const { return m_value->size(); }

    std::string str() const;
    bool boolean() const;
    std::int64_t integer() const;

    std::string str(const char* key, const std::string& fallback) const { return has(key) ? at(key).str() : fallback; }
    bool boolean(const char* key, bool fallback) const { return has(key) ? at(key).boolean() : fallback; }

private:
    std::string child(const char* key) const { return m_path.empty() ? std::string(key) : m_path + "." + key; }

    const nlohmann::json* m_value;
    std::string m_path;
    const std::string* m_file;
};

} // namespace core
