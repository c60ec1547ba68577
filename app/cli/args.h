#pragma once
// Command-line options: `inference-cli COMMAND POSITIONAL... --name value --flag`. Unknown options and bad
// values are usage errors (exit 2); core::Error is bad input (exit 1).
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // `flags` take no value; `options` take one (repeatable ones collect every value).
    Args(const std::vector<std::string>& words, std::set<std::string> flags, std::set<std::string> options);

    const std::vector<std::string>& positional() const { return m_positional; }
    std::string positionalAt(std::size_t i, const char* what) const;
    bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::string text(const std::string& name, const std::string& fallback = {}) const;
    std::vector<std::string> all(const std::string& name) const;
    long long integer(const std::string& name, long long fallback, long long lo, long long hi) const;
    double number(const std::string& name, double fallback, double lo, double hi) const;

private:
    std::vector<std::string> m_positional;
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
};
