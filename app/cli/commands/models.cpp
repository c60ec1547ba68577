#include "args.h"
#include "commands.h"

#include "core/loader/local_models.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace {

std::string humanBytes(std::uint64_t b)
{
    char s[32];
    if (b >= (1ull << 30))
        std::snprintf(s, sizeof s, "%.1f GiB", double(b) / double(1ull << 30));
    else
        std::snprintf(s, sizeof s, "%.1f MiB", double(b) / double(1ull << 20));
    return s;
}

std::string humanCount(std::int64_t n)
{
    char s[32];
    if (n >= 1000000000)
        std::snprintf(s, sizeof s, "%.2f B", double(n) / 1e9);
    else if (n >= 1000000)
        std::snprintf(s, sizeof s, "%.1f M", double(n) / 1e6);
    else
        std::snprintf(s, sizeof s, "%lld", static_cast<long long>(n));
    return s;
}

} // namespace

int cmdModels(const Words& w)
{
    Args args(w, { "json", "places" }, { "folder" });
    if (args.flag("places")) {
        for (const auto& p : core::modelPlaces())
            std::cout << p.source << "\t" << p.dir << "\n";
        return 0;
    }
    const auto models = core::findLocalModels(args.all("folder"));
    if (args.flag("json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        using J = nlohmann::ordered_json;
        for (const auto& m : models)
            list.push_back(J { { "source", m.source }, { "name", m.name }, { "path", m.path }, { "format", m.format },
                { "architecture", m.architecture }, { "parameters", m.parameters }, { "quantization", m.quantization },
                { "bytes", m.bytes }, { "openable", m.openable }, { "why", m.why } });
        std::cout << list.dump(2) << "\n";
        return 0;
    }
    if (models.empty()) {
        std::cout << "no models found (searched: inference-cli models --places)\n";
        return 0;
    }
    std::printf("%-13s %-48s %-8s %10s %-8s %10s  %s\n", "SOURCE", "NAME", "ARCH", "PARAMS", "QUANT", "SIZE", "OPENS");
    for (const auto& m : models) {
        std::printf("%-13s %-48s %-8s %10s %-8s %10s  %s\n", m.source.c_str(), m.name.c_str(), m.architecture.c_str(),
            m.parameters ? humanCount(m.parameters).c_str() : "?", m.quantization.c_str(), humanBytes(m.bytes).c_str(),
            m.openable ? "yes" : ("no: " + m.why).c_str());
        std::printf("%-13s %s\n", "", m.path.c_str());
    }
    return 0;
}
