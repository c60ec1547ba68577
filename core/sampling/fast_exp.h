#pragma once
// exp() for the sampler's hot loops (softmax weights over a whole vocabulary).
//
// Why not std::exp: on a 150k-token vocabulary std::exp costs ~0.4 ms per pass and the pipeline needs up to three
// passes; this version is branch-free, so the compiler vectorizes it (~0.1 ms per pass). It is the Cephes expf
// polynomial: relative error below 2e-7 (about one float ulp) for x in [-80, 60].
//
// The sampler only calls it with x = logit - reference <= ~60. Below -80 it returns exactly 0: such a token has a
// probability under 1e-34 relative to the best one, and returning 0 keeps -inf logits at probability exactly 0.
#include <cstdint>
#include <cstring>

namespace core {

inline float fastExp(float x)
{
    const float clamped = x < -80.0f ? -80.0f : (x > 80.0f ? 80.0f : x);
    // exp(x) = 2^n * exp(r), n = round(x / ln 2), |r| <= ln(2) / 2. The magic constant rounds to nearest without a
    // library call (valid for |t| < 2^22); ln 2 is split in two parts so r keeps full precision.
    const float t = clamped * 1.44269504088896341f;
    const float n = (t + 12582912.0f) - 12582912.0f;
    float r = clamped - n * 0.693359375f;
    r = r + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const float e = p * r * r + r + 1.0f;
    // Multiply by 2^n by adding n to the exponent bits (n is in [-116, 116], so the result stays a normal float).
    uint32_t bits;
    std::memcpy(&bits, &e, sizeof bits);
    bits += static_cast<uint32_t>(static_cast<int32_t>(n)) << 23;
    float result;
    std::memcpy(&result, &bits, sizeof result);
    return x < -80.0f ? 0.0f : result;
}

} // namespace core
