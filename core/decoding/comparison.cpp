#include "core/decoding/comparison.h"

#include "core/common/error.h"
#include "core/decoding/beam_search.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/model/model.h"

#include <algorithm>
#include <cmath>

namespace core {

namespace {

    bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

    ComparedRun sampledRun(const Model& model, const Tokenizer* tokenizer, std::span<const std::int32_t> prompt,
        const ComparisonOptions& options, const SamplingParameters& parameters, const std::atomic<bool>* cancel,
        const ExecutionPlan* plan)
    {
        GenerationSession session(model, tokenizer, plan);
        session.setOptions(options.generation);
        session.setSampling(parameters, options.order);
        session.start(prompt);
        session.runToEnd(cancel);
        ComparedRun run;
        for (const GeneratedToken& t : session.generated()) {
            run.tokens.push_back(t.id);
            run.probabilities.push_back(t.modelProbability); // the model's, before any stage
            run.sumLogProb += std::log(std::max(t.modelProbability, 1e-300));
        }
        run.stopReason = session.stopReason();
        return run;
    }

    ComparedRun beamRun(const Model& model, const Tokenizer* tokenizer, std::span<const std::int32_t> prompt,
        const ComparisonOptions& options, const std::atomic<bool>* cancel, const ExecutionPlan* plan)
    {
        BeamSearchParameters p;
        p.numBeams = options.beamWidth;
        p.numReturnSequences = 1;
        const int room = model.config().maxPositions - int(prompt.size());
        p.maxNewTokens = std::max(1, std::min(options.generation.maxNewTokens, room));
        if (options.generation.stopAtEos) { // the EOS set a sampled run stops at
            const auto eos = endOfSequenceIds(model, tokenizer);
            p.eosTokenIds.assign(eos.begin(), eos.end());
            p.eosTokenIds.insert(
                p.eosTokenIds.end(), options.generation.extraEosIds.begin(), options.generation.extraEosIds.end());
        }
        EngineBeamBackend backend(model, p.numBeams, int(prompt.size()) + p.maxNewTokens, plan);
        BeamSearch search(backend, p);
        search.run(prompt, cancel);
        ComparedRun run;
        run.kind = ComparedKind::Beam;
        run.beamWidth = p.numBeams;
        const auto results = search.results();
        if (results.empty())
            return run;
        // The best hypothesis's path, root excluded (node 0), each node's own log-probability.
        std::vector<int> path;
        for (int id = results.front().node; id > 0; id = search.tree().node(id).parent)
            path.push_back(id);
        std::reverse(path.begin(), path.end());
        for (int id : path) {
            const BeamNode& n = search.tree().node(id);
            run.tokens.push_back(n.token);
            run.probabilities.push_back(std::exp(double(n.logProb)));
            run.sumLogProb += n.logProb;
        }
        run.stopReason = results.front().endedWithEos ? StopReason::Eos : StopReason::MaxNewTokens;
        return run;
    }

} // namespace

Comparison compareDecodings(const Model& model, const Tokenizer* tokenizer, std::span<const std::int32_t> prompt,
    const ComparisonOptions& options, const std::atomic<bool>* cancel, const ExecutionPlan* plan)
{
    if (prompt.empty())
        throw Error("comparison", "prompt", "no prompt to continue");
    if (options.beamWidth < 0)
        throw Error("comparison", "beam_width", "must be >= 0, got " + std::to_string(options.beamWidth));
    if (options.samples < 0)
        throw Error("comparison", "samples", "must be >= 0, got " + std::to_string(options.samples));
    Comparison out;

    SamplingParameters greedy = options.sampling;
    greedy.temperature = 0;
    out.runs.push_back(sampledRun(model, tokenizer, prompt, options, greedy, cancel, plan));

    if (options.beamWidth > 0 && !cancelled(cancel)) {
        ComparedRun run = beamRun(model, tokenizer, prompt, options, cancel, plan);
        if (!run.tokens.empty())
            out.runs.push_back(std::move(run));
    }

    for (int i = 0; i < options.samples && !cancelled(cancel); ++i) {
        SamplingParameters p = options.sampling;
        if (p.temperature == 0)
            p.temperature = 1.0f;
        p.seed = options.sampling.seed + std::uint64_t(i) + 1;
        ComparedRun run = sampledRun(model, tokenizer, prompt, options, p, cancel, plan);
        run.kind = ComparedKind::Sample;
        run.seed = p.seed;
        out.runs.push_back(std::move(run));
    }
    markDivergences(out);
    return out;
}

int firstDifference(std::span<const std::int32_t> reference, std::span<const std::int32_t> run)
{
    const std::size_t n = std::min(reference.size(), run.size());
    for (std::size_t i = 0; i < n; ++i)
        if (reference[i] != run[i])
            return int(i);
    return reference.size() == run.size() ? -1 : int(n);
}

void markDivergences(Comparison& comparison)
{
    comparison.firstDivergence = -1;
    if (comparison.runs.empty())
        return;
    const std::vector<std::int32_t>& first = comparison.runs.front().tokens;
    for (ComparedRun& run : comparison.runs) {
        run.divergesAt = firstDifference(first, run.tokens);
        if (run.divergesAt >= 0 && (comparison.firstDivergence < 0 || run.divergesAt < comparison.firstDivergence))
            comparison.firstDivergence = run.divergesAt;
    }
}

} // namespace core
