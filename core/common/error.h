#pragma once
// The one exception type of core/. Thrown while loading and validating input (model files, configs,
// tokenizers, parameters); executing a validated plan never throws. The message always names the file
// (or the input) and the field, so the CLI and the GUI can show it as it is.
#include <cstdio>
#include <stdexcept>
#include <string>

namespace core {

// A value as error messages show it: shortest form ("0.25", "1e+09").
inline std::string errorNumber(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

class Error : public std::runtime_error {
public:
    // Error("model.safetensors", "header.tok_embeddings.weight.data_offsets", "end 1200 is past the end of the file
    // (1100 bytes)")
    Error(const std::string& file, const std::string& field, const std::string& what)
        : std::runtime_error(compose(file, field, what))
        , m_file(file)
        , m_field(field)
    {
    }
    explicit Error(const std::string& what)
        : std::runtime_error(what)
    {
    }

    const std::string& file() const { return m_file; }
    const std::string& field() const { return m_field; }

private:
    static std::string compose(const std::string& file, const std::string& field, const std::string& what)
    {
        std::string s = file;
        if (!field.empty())
            s += (s.empty() ? "" : ": ") + field;
        if (!s.empty())
            s += ": ";
        return s + what;
    }
    std::string m_file;
    std::string m_field;
};

} // namespace core
