#include "args.h"

#include <cmath>
#include <cstdlib>

Args::Args(const std::vector<std::string>& words, std::set<std::string> flags, std::set<std::string> options)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.rfind("--", 0) != 0 || w.size() == 2) {
            m_positional.push_back(w);
            continue;
        }
        std::string name = w.substr(2), value;
        bool inlineValue = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (flags.count(name)) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            m_flags.insert(name);
        } else if (options.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= words.size())
                    throw UsageError("--" + name + " needs a value");
                value = words[++i];
            }
            m_values[name].push_back(value);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::string Args::positionalAt(std::size_t i, const char* what) const
{
    if (i >= m_positional.size())
        throw UsageError(std::string("missing ") + what);
    return m_positional[i];
}

std::string Args::text(const std::string& name, const std::string& fallback) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string> {} : it->second;
}

long long Args::integer(const std::string& name, long long fallback, long long lo, long long hi) const
{
    if (!has(name))
        return fallback;
    const std::string s = text(name);
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno)
        throw UsageError("--" + name + ": \"" + s + "\" is not a whole number");
    if (v < lo || v > hi)
        throw UsageError(
            "--" + name + ": " + s + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
}

double Args::number(const std::string& name, double fallback, double lo, double hi) const
{
    if (!has(name))
        return fallback;
    const std::string s = text(name);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(v))
        throw UsageError("--" + name + ": \"" + s + "\" is not a number");
    if (v < lo || v > hi)
        throw UsageError(
            "--" + name + ": " + s + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
}
