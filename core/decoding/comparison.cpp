#include "core/decoding/comparison.h"

#include "core/common/error.h"
#include "core/common/limits.h"
#include "core/decoding/beam_search.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/exec/batch_decoder.h"
#include "core/model/model.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace core {

namespace {

    bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

    ComparedRun runOf(const GenerationSession& session)
    {
        ComparedRun run;
        for (const GeneratedToken& t : session.generated()) {
            run.tokens.push_back(t.id);
            run.probabilities.push_back(t.modelProbability); // the model's, before any stage
            run.sumLogProb += std::log(std::max(t.modelProbability, 1e-300));
        }
        run.stopReason = session.stopReason();
        return run;
    }

    // How many sampled runs decode together: at most kMaxSampledBatch, and their KV caches together within
    // limits::kMaxKvCacheBytes (what a single run may hold), so the number of samples does not set the memory.
    constexpr int kMaxSampledBatch = 16;
    int sampledBatchSize(const Model& model, std::size_t promptTokens, int maxNewTokens)
    {
        const ModelConfig& c = model.config();
        const std::uint64_t perPosition = 2ull * std::uint64_t(c.nLayers) * std::uint64_t(c.kvDim()) * sizeof(float);
        const std::uint64_t positions = std::uint64_t(
            std::min<std::int64_t>(c.maxPositions, std::int64_t(promptTokens) + std::max(1, maxNewTokens)));
        const std::uint64_t perRun = std::max<std::uint64_t>(1, perPosition * positions);
        return int(std::clamp<std::uint64_t>(limits::kMaxKvCacheBytes / perRun, 1, kMaxSampledBatch));
    }

    // Sampled runs (greedy is one: temperature 0) decoded as one batch: every session prefills the prompt, then
    // each step samples every live session's next token and runs those tokens through one BatchDecoder::step, one
    // pass over the weights for all of them. A session's tokens and probabilities are those it gets alone
    // (tst_comparison); the sampling itself (stages, seeds, stop conditions) stays the session's own. On cancel the
    // runs keep what they have, stopped Cancelled.
    std::vector<ComparedRun> sampledRuns(const Model& model, const Tokenizer* tokenizer,
        std::span<const std::int32_t> prompt, const ComparisonOptions& options,
        std::span<const SamplingParameters> settings, const std::atomic<bool>* cancel, const ExecutionPlan* plan)
    {
        std::vector<std::unique_ptr<GenerationSession>> sessions;
        for (const SamplingParameters& p : settings) {
            sessions.push_back(std::make_unique<GenerationSession>(model, tokenizer, plan));
            sessions.back()->setOptions(options.generation);
            sessions.back()->setSampling(p, options.order);
            sessions.back()->setInterventions(options.interventions);
            sessions.back()->start(prompt);
        }
        BatchDecoder batch(model, sessions.front()->plan());
        // with the prompt's head means (every session ran the same prompt)
        batch.setInterventions(sessions.front()->resolvedInterventions());
        std::vector<std::int32_t> tokens;
        std::vector<KvCache*> caches;
        std::vector<GenerationSession*> stepped;
        for (;;) {
            tokens.clear();
            caches.clear();
            stepped.clear();
            for (auto& s : sessions) {
                if (s->finished())
                    continue;
                if (cancelled(cancel)) {
                    s->runToEnd(cancel); // stops it at once, Cancelled
                    continue;
                }
                s->resample();
                s->commitWithoutForward();
                if (s->finished())
                    continue;
                tokens.push_back(s->tokens().back());
                caches.push_back(&s->batchCache());
                stepped.push_back(s.get());
            }
            if (tokens.empty())
                break;
            batch.step(tokens, caches);
            for (std::size_t i = 0; i < stepped.size(); ++i) {
                const TensorView l = batch.logits(int(i));
                stepped[i]->acceptLogits(std::span(l.data, std::size_t(l.cols)));
            }
        }
        std::vector<ComparedRun> runs;
        for (const auto& s : sessions)
            runs.push_back(runOf(*s));
        return runs;
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
        backend.setInterventions(options.interventions);
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

    // The greedy run and the samples: settings[0] greedy, settings[1 + i] sample i.
    std::vector<SamplingParameters> settings;
    settings.push_back(options.sampling);
    settings.back().temperature = 0;
    for (int i = 0; i < options.samples; ++i) {
        SamplingParameters p = options.sampling;
        if (p.temperature == 0)
            p.temperature = 1.0f;
        p.seed = options.sampling.seed + std::uint64_t(i) + 1;
        settings.push_back(p);
    }
    std::vector<ComparedRun> sampled;
    const std::size_t group = std::size_t(sampledBatchSize(model, prompt.size(), options.generation.maxNewTokens));
    for (std::size_t first = 0; first < settings.size() && !(first > 0 && cancelled(cancel)); first += group) {
        const auto part = std::span(settings).subspan(first, std::min(group, settings.size() - first));
        for (ComparedRun& run : sampledRuns(model, tokenizer, prompt, options, part, cancel, plan))
            sampled.push_back(std::move(run));
    }
    out.runs.push_back(std::move(sampled.front()));

    if (options.beamWidth > 0 && !cancelled(cancel)) {
        ComparedRun run = beamRun(model, tokenizer, prompt, options, cancel, plan);
        if (!run.tokens.empty())
            out.runs.push_back(std::move(run));
    }

    for (std::size_t i = 1; i < sampled.size(); ++i) {
        ComparedRun& run = sampled[i];
        run.kind = ComparedKind::Sample;
        run.seed = settings[i].seed;
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
