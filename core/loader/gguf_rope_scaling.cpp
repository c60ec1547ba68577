#include "core/loader/gguf_rope_scaling.h"

#include "core/common/error.h"
#include "core/model/rope_frequencies.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace core {

RopeScaling llama3ScalingFromFactors(const ModelConfig& c, const std::vector<double>& factors, const std::string& path)
{
    const char* field = "rope_freqs.weight";
    ModelConfig plain = c;
    plain.ropeScaling = {};
    const std::vector<double> unscaled = unscaledRopeFrequencies(plain);
    if (factors.size() != unscaled.size())
        throw Error(path, field,
            "expected " + std::to_string(unscaled.size()) + " factors (one per rotating pair), found "
                + std::to_string(factors.size()));
    for (std::size_t i = 0; i < factors.size(); ++i)
        if (!(factors[i] > 0) || !std::isfinite(factors[i]))
            throw Error(path, field,
                "factor " + std::to_string(i) + " is " + errorNumber(factors[i]) + " (must be positive and finite)");
    const double tol = 1e-5;
    const double F = *std::max_element(factors.begin(), factors.end());
    if (F <= 1 + tol)
        return {}; // nothing is scaled
    // Llama 3: factor 1 for fast pairs (wavelength below original / high), F for slow ones (above original / low),
    // between them 1 / f = (1 - s) / F + s with s = (original / wavelength - low) / (high - low).
    double minScaled = std::numeric_limits<double>::infinity(), maxKept = 0;
    std::vector<std::pair<double, double>> blend; // (1 / wavelength, s)
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const double wavelength = 2 * std::numbers::pi / unscaled[i];
        if (std::abs(factors[i] - 1) <= tol)
            maxKept = std::max(maxKept, wavelength);
        else if (std::abs(factors[i] - F) <= tol * F)
            minScaled = std::min(minScaled, wavelength);
        else
            blend.emplace_back(1 / wavelength, (1 / factors[i] - 1 / F) / (1 - 1 / F));
    }
    RopeScaling s;
    s.kind = RopeScalingKind::Llama3;
    s.factor = F;
    s.lowFreqFactor = 1;
    if (blend.size() >= 2) {
        // s = a / wavelength - b, a = original / (high - low), b = low / (high - low): a line through the blended
        // pairs.
        double mx = 0, my = 0;
        for (const auto& [x, y] : blend) {
            mx += x;
            my += y;
        }
        mx /= double(blend.size());
        my /= double(blend.size());
        double sxy = 0, sxx = 0;
        for (const auto& [x, y] : blend) {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
        }
        const double a = sxx > 0 ? sxy / sxx : 0, b = a * mx - my;
        if (a > 0 && b > 0) {
            s.highFreqFactor = 1 + 1 / b;
            s.originalContext = int(std::lround(a / b));
        }
    } else {
        // No blend to fit: any bounds between the kept and the scaled wavelengths give the same frequencies.
        s.originalContext = int(std::max(1.0, std::ceil(minScaled) - 1));
        const double room = maxKept > 0 ? s.originalContext / maxKept : 8.0; // high must stay below this
        s.highFreqFactor = std::min(4.0, (1 + room) / 2);
    }
    // The check: these parameters must give back every factor.
    plain.ropeScaling = s;
    const std::vector<double> scaled = ropeFrequencies(plain);
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const double expected = unscaled[i] / factors[i];
        if (!(std::abs(scaled[i] - expected) <= tol * expected))
            throw Error(path, field,
                "the factors are not Llama 3's RoPE scaling (pair " + std::to_string(i) + ": factor "
                    + errorNumber(factors[i]) + ", the closest Llama 3 scaling (factor " + errorNumber(F)
                    + ", original context " + std::to_string(s.originalContext) + ") gives "
                    + errorNumber(unscaled[i] / scaled[i]) + ")");
    }
    return s;
}

} // namespace core
