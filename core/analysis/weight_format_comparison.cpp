#include "core/analysis/weight_format_comparison.h"

#include "core/common/error.h"
#include "core/exec/executor.h"
#include "core/loader/loaded_model.h"

#include <algorithm>
#include <cmath>

namespace core {

namespace {

    // The residual stream after each block, copied as the pass goes (one (T, dim) tensor per layer).
    class BlockOutputs : public TraceSink {
    public:
        void record(const TraceEvent& e) override
        {
            if (e.node->endsBlock)
                blocks.push_back(e.output.copy());
        }
        std::vector<std::vector<float>> blocks;
    };

    struct Run {
        std::vector<std::vector<float>> blocks;
        std::vector<float> logits;
        std::vector<float> probs;
    };

    // One op at a time (bit-identical to run()), so that `progress` can follow and stop it: nullopt when stopped.
    // `before` ops of `total` were done by the passes before this one.
    std::optional<Run> run(const LoadedModel& m, std::span<const std::int32_t> tokens,
        const ComparisonProgress& progress, int before, int total)
    {
        KvCache cache(m.config(), int(tokens.size()));
        Executor exec(*m.model, m.plan);
        BlockOutputs sink;
        exec.begin(tokens, cache, {}, LogitRows::Last);
        while (!exec.finished()) {
            exec.step(&sink);
            if (progress && !progress(before + exec.cursor(), total))
                return std::nullopt;
        }
        return Run { std::move(sink.blocks), exec.logits().copy(), exec.probs().copy() };
    }

    // 1-based rank of `id` (ties to the lower id, as topPredictions orders them).
    int rankOf(const std::vector<float>& p, std::int32_t id)
    {
        const float v = p[std::size_t(id)];
        int rank = 1;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (p[i] > v || (p[i] == v && std::int32_t(i) < id))
                ++rank;
        return rank;
    }

} // namespace

WeightFormatComparison compareWeightFormats(
    const LoadedModel& reference, const LoadedModel& other, std::span<const std::int32_t> tokens)
{
    return *compareWeightFormats(reference, other, tokens, ComparisonProgress {});
}

std::optional<WeightFormatComparison> compareWeightFormats(const LoadedModel& reference, const LoadedModel& other,
    std::span<const std::int32_t> tokens, const ComparisonProgress& progress)
{
    const ModelConfig& a = reference.config();
    const ModelConfig& b = other.config();
    auto same = [&](const char* field, int x, int y) {
        if (x != y)
            throw Error(other.path, field,
                std::to_string(y) + " differs from " + std::to_string(x) + " in " + reference.path
                    + ": not two formats of the same model");
    };
    same("vocab_size", a.vocab, b.vocab);
    same("num_hidden_layers", a.nLayers, b.nLayers);
    same("hidden_size", a.dim, b.dim);
    if (tokens.empty())
        throw Error("", "prompt", "is empty: give at least one token");

    const int total = int(reference.plan.size() + other.plan.size());
    const std::optional<Run> ranReference = run(reference, tokens, progress, 0, total);
    if (!ranReference)
        return std::nullopt;
    const std::optional<Run> ranOther = run(other, tokens, progress, int(reference.plan.size()), total);
    if (!ranOther)
        return std::nullopt;
    const Run &r = *ranReference, &o = *ranOther;
    WeightFormatComparison c;
    for (std::size_t l = 0; l < r.blocks.size() && l < o.blocks.size(); ++l) {
        double diff = 0, norm = 0;
        for (std::size_t i = 0; i < r.blocks[l].size(); ++i) {
            const double d = double(o.blocks[l][i]) - r.blocks[l][i];
            diff += d * d;
            norm += double(r.blocks[l][i]) * r.blocks[l][i];
        }
        c.blockRelativeError.push_back(norm > 0 ? std::sqrt(diff / norm) : std::sqrt(diff));
    }
    double maxDiff = 0, maxLogit = 0;
    for (std::size_t i = 0; i < r.logits.size(); ++i) {
        maxDiff = std::max(maxDiff, std::abs(double(o.logits[i]) - r.logits[i]));
        maxLogit = std::max(maxLogit, std::abs(double(r.logits[i])));
    }
    c.logitsRelativeError = maxLogit > 0 ? maxDiff / maxLogit : maxDiff;
    for (std::size_t i = 0; i < r.probs.size(); ++i)
        if (r.probs[i] > 0)
            c.klDivergence
                += double(r.probs[i]) * (std::log(double(r.probs[i])) - std::log(std::max(1e-45, double(o.probs[i]))));
    c.klDivergence = std::max(0.0, c.klDivergence); // rounding can leave -1e-17 for identical inputs
    c.referenceTop = topPredictions(r.probs, 10);
    c.otherTop = topPredictions(o.probs, 10);
    std::vector<std::int32_t> ids;
    for (const auto& t : c.referenceTop)
        ids.push_back(t.id);
    for (const auto& t : c.otherTop)
        if (std::find(ids.begin(), ids.end(), t.id) == ids.end())
            ids.push_back(t.id);
    for (std::int32_t id : ids)
        c.changes.push_back(
            { id, rankOf(r.probs, id), rankOf(o.probs, id), r.probs[std::size_t(id)], o.probs[std::size_t(id)] });
    return c;
}

} // namespace core
