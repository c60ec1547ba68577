#include "core/analysis/head_detectors.h"

#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/model/model.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace core {

namespace {

    // splitmix64: the same sequence on every platform (std:: distributions are implementation-defined)
    std::uint64_t nextRandom(std::uint64_t& state)
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    std::vector<int> softmaxNodes(const ExecutionPlan& plan, int nLayers, int nHeads)
    {
        std::vector<int> nodes(std::size_t(nLayers) * std::size_t(nHeads), -1);
        for (std::size_t n = 0; n < plan.size(); ++n)
            if (plan[n].part == NodePart::Softmax)
                nodes[std::size_t(plan[n].layer) * std::size_t(nHeads) + std::size_t(plan[n].head)] = int(n);
        return nodes;
    }

} // namespace

std::vector<std::int32_t> repeatedRandomTokens(int vocab, int length, std::uint64_t seed)
{
    std::vector<std::int32_t> copy;
    std::uint64_t state = seed;
    while (int(copy.size()) < length) {
        const auto id = std::int32_t(nextRandom(state) % std::uint64_t(vocab));
        // distinct within a copy, so "the previous occurrence" is the one in the first copy
        if (vocab < length || std::find(copy.begin(), copy.end(), id) == copy.end())
            copy.push_back(id);
    }
    std::vector<std::int32_t> out = copy;
    out.insert(out.end(), copy.begin(), copy.end());
    return out;
}

HeadDetectorResult detectHeads(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> prompt,
    const HeadDetectorOptions& options)
{
    const auto& c = model.config();
    const int L = c.nLayers, H = c.nHeads, T = int(prompt.size());
    if (prompt.empty())
        throw Error("head detectors", "prompt", "needs at least one token");
    if (options.attendPosition >= T)
        throw Error("head detectors", "position",
            "position " + std::to_string(options.attendPosition) + " is outside the prompt's " + std::to_string(T)
                + " tokens");
    if (options.target >= c.vocab)
        throw Error(
            "head detectors", "target", "token id " + std::to_string(options.target) + " is outside the vocabulary");
    const int n = options.inductionUnit.empty() ? std::min(options.inductionLength, c.maxPositions / 2)
                                                : int(options.inductionUnit.size());
    if (2 * n > c.maxPositions)
        throw Error("head detectors", "induction unit",
            std::to_string(n) + " tokens repeated twice do not fit the context of " + std::to_string(c.maxPositions));
    for (auto id : options.inductionUnit)
        if (id < 0 || id >= c.vocab)
            throw Error(
                "head detectors", "induction unit", "token id " + std::to_string(id) + " is outside the vocabulary");
    if (n < 2)
        throw Error("head detectors", "induction length", "needs at least 2 tokens per copy");

    HeadDetectorResult r;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto nodes = softmaxNodes(plan, L, H);
    const int total = 2 + (options.target >= 0 ? L * H : 0);
    int done = 0;
    auto progressed = [&] {
        ++done;
        if (options.progress)
            options.progress(done, total);
    };
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };

    // the prompt: sink, previous token, attention to the chosen position
    NodeCapture onPrompt(nodes);
    const auto baseline = softmaxOf(promptLogits(model, plan, prompt, {}, &onPrompt));
    progressed();
    r.baselineTargetProb = options.target >= 0 ? baseline[std::size_t(options.target)] : 0.0;
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h) {
            const int node = nodes[std::size_t(l) * std::size_t(H) + std::size_t(h)];
            const auto& a = onPrompt.values(node); // (T, T) probabilities
            HeadScores s { l, h, nan, nan, nan, nan, nan };
            if (T >= 2) {
                double sink = 0, previous = 0;
                for (int q = 1; q < T; ++q) {
                    sink += a[std::size_t(q) * std::size_t(T)];
                    previous += a[std::size_t(q) * std::size_t(T) + std::size_t(q - 1)];
                }
                s.sink = sink / (T - 1);
                s.previous = previous / (T - 1);
            }
            if (options.attendPosition >= 0)
                s.attentionTo = a[std::size_t(T - 1) * std::size_t(T) + std::size_t(options.attendPosition)];
            r.heads.push_back(s);
        }

    // induction: position q of the second copy looks at q - n + 1, the token after its token's first occurrence
    if (cancelled()) {
        r.cancelled = true;
        return r;
    }
    if (options.inductionUnit.empty())
        r.inductionTokens = repeatedRandomTokens(c.vocab, n, options.seed);
    else {
        r.inductionTokens = options.inductionUnit;
        r.inductionTokens.insert(r.inductionTokens.end(), options.inductionUnit.begin(), options.inductionUnit.end());
    }
    NodeCapture onRepeat(nodes);
    promptLogits(model, plan, r.inductionTokens, {}, &onRepeat);
    progressed();
    const std::size_t ctx = r.inductionTokens.size();
    for (int i = 0; i < L * H; ++i) {
        const auto& a = onRepeat.values(nodes[std::size_t(i)]);
        double sum = 0;
        for (int q = n; q < 2 * n; ++q)
            sum += a[std::size_t(q) * ctx + std::size_t(q - n + 1)];
        r.heads[std::size_t(i)].induction = sum / n;
    }

    // ablation: P(target) with each head zeroed
    if (options.target >= 0)
        for (int i = 0; i < L * H; ++i) {
            if (cancelled()) {
                r.cancelled = true;
                return r;
            }
            const auto p = softmaxOf(promptLogits(model, plan, prompt, { Intervention::zeroHead(i / H, i % H) }));
            r.heads[std::size_t(i)].ablationDelta = p[std::size_t(options.target)] - r.baselineTargetProb;
            progressed();
        }
    return r;
}

} // namespace core
