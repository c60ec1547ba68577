#include "core/tokenizer/json_at.h"

namespace core {

namespace {
    std::string typeName(const nlohmann::json& j) { return j.type_name(); }
} // namespace

JsonAt JsonAt::at(const char* key) const
{
    if (!m_value->is_object())
        fail(std::string("expected an object, found ") + typeName(*m_value));
    auto it = m_value->find(key);
    if (it == m_value->end() || it->is_null())
        throw Error(*m_file, child(key), "missing");
    return JsonAt(*it, child(key), *m_file);
}

JsonAt JsonAt::at(std::size_t index) const
{
    if (!m_value->is_array() || index >= m_value->size())
        fail("index " + std::to_string(index) + " out of range");
    return JsonAt((*m_value)[index], m_path + "[" + std::to_string(index) + "]", *m_file);
}

JsonAt JsonAt::object() const
{
    if (!m_value->is_object())
        fail(std::string("expected an object, found ") + typeName(*m_value));
    return *this;
}

JsonAt JsonAt::array() const
{
    if (!m_value->is_array())
        fail(std::string("expected an array, found ") + typeName(*m_value));
    return *this;
}

std::string JsonAt::str() const
{
    if (!m_value->is_string())
        fail(std::string("expected a string, found ") + typeName(*m_value));
    return m_value->get<std::string>();
}

bool JsonAt::boolean() const
{
    if (!m_value->is_boolean())
        fail(std::string("expected true or false, found ") + typeName(*m_value));
    return m_value->get<bool>();
}

std::int64_t JsonAt::integer() const
{
    if (m_value->is_number_unsigned()) {
        const auto v = m_value->get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(INT64_MAX))
            fail("number too large");
        return static_cast<std::int64_t>(v);
    }
    if (!m_value->is_number_integer())
        fail(std::string("expected an integer, found ") + typeName(*m_value));
    return m_value->get<std::int64_t>();
}

} // namespace core
