#include "core/decoding/engine_beam_backend.h"

#include "core/common/error.h"
#include "core/common/limits.h"

#include <cmath>

namespace core {

EngineBeamBackend::EngineBeamBackend(const Model& model, int width, int capacity, const ExecutionPlan* plan)
    : m_model(model)
    , m_ownPlan(plan ? nullptr : std::make_unique<ExecutionPlan>(ExecutionPlan::compile(model)))
    , m_plan(plan ? plan : m_ownPlan.get())
    , m_exec(model, *m_plan)
    , m_batch(model, *m_plan)
    , m_capacity(capacity)
{
    if (width < 1 || width > limits::kMaxBeams)
        throw Error("beam search parameters", "num_beams",
            "must be in [1, " + std::to_string(limits::kMaxBeams) + "], got " + std::to_string(width));
    // Checked before any cache is allocated: 2 × width caches of `capacity` positions.
    const ModelConfig& c = model.config();
    const std::uint64_t perToken
        = 2ull * std::uint64_t(c.nLayers) * std::uint64_t(c.kvDim()) * sizeof(float); // k and v
    const std::uint64_t bytes = 2ull * std::uint64_t(width) * std::uint64_t(std::max(0, capacity)) * perToken;
    if (bytes > limits::kMaxKvCacheBytes)
        throw Error("beam search parameters", "num_beams",
            std::to_string(width) + " beams of " + std::to_string(capacity) + " positions would need "
                + std::to_string(bytes >> 20) + " MiB of KV cache (limit "
                + std::to_string(limits::kMaxKvCacheBytes >> 20) + " MiB): use fewer beams or fewer new tokens");
    // Two sets of caches: the live beams and the ones being re-formed from them.
    for (int i = 0; i < 2 * width; ++i)
        m_spare.push_back(std::make_unique<KvCache>(model.config(), capacity));
}

void EngineBeamBackend::setInterventions(const InterventionList& list)
{
    m_exec.setInterventions(list); // validates first: a bad entry leaves both as they were
    m_batch.setInterventions({}); // set from the prompt's pass in start()
}

int EngineBeamBackend::vocabSize() const { return m_model.config().vocab; }

void EngineBeamBackend::forwardSlot(int slot, std::span<const std::int32_t> tokens, Phase phase)
{
    m_exec.begin(tokens, *m_caches[std::size_t(slot)], phase, LogitRows::Last);
    m_exec.run();
    ++m_forwardPasses;
    ++m_weightPasses;
    storeLogProbs(slot, m_exec.logits());
}

void EngineBeamBackend::storeLogProbs(int slot, TensorView l)
{
    auto& out = m_logProbs[std::size_t(slot)];
    out.resize(std::size_t(l.cols));
    float m = -INFINITY;
    for (int v = 0; v < l.cols; ++v)
        m = std::max(m, l.at(0, v));
    double sum = 0;
    for (int v = 0; v < l.cols; ++v)
        sum += std::exp(double(l.at(0, v) - m));
    const float logZ = m + float(std::log(sum));
    for (int v = 0; v < l.cols; ++v)
        out[std::size_t(v)] = l.at(0, v) - logZ;
}

void EngineBeamBackend::start(std::span<const std::int32_t> prompt)
{
    for (auto& c : m_caches)
        m_spare.push_back(std::move(c));
    m_caches.clear();
    m_caches.push_back(std::move(m_spare.back()));
    m_spare.pop_back();
    m_caches[0]->setLength(0);
    m_logProbs.assign(1, {});
    m_step = 0;
    forwardSlot(0, prompt, { PhaseKind::Prefill, 0 });
    if (!m_exec.interventions().empty())
        m_batch.setInterventions(m_exec.resolvedInterventions()); // the prompt's head means, for batched steps
}

std::span<const float> EngineBeamBackend::nextLogProbs(int slot) { return m_logProbs.at(std::size_t(slot)); }

void EngineBeamBackend::advance(std::span<const int> parents, std::span<const std::int32_t> tokens)
{
    if (parents.size() != tokens.size() || parents.size() > m_spare.size())
        throw Error("beam search", "advance", "parents and tokens must pair up, at most the beam width");
    ++m_step;
    std::vector<std::unique_ptr<KvCache>> next;
    for (std::size_t i = 0; i < parents.size(); ++i) {
        const int p = parents[i];
        if (p < 0 || std::size_t(p) >= m_caches.size())
            throw Error("beam search", "advance", "parent slot " + std::to_string(p) + " is not live");
        auto cache = std::move(m_spare.back());
        m_spare.pop_back();
        cache->copyFrom(*m_caches[std::size_t(p)]); // copy-on-branch
        next.push_back(std::move(cache));
    }
    for (auto& c : m_caches)
        m_spare.push_back(std::move(c));
    m_caches = std::move(next);
    m_logProbs.assign(m_caches.size(), {});
    if (m_caches.empty())
        return;
    if (!m_batched) {
        for (std::size_t i = 0; i < m_caches.size(); ++i)
            forwardSlot(int(i), tokens.subspan(i, 1), { PhaseKind::Decode, m_step });
        return;
    }
    std::vector<KvCache*> caches;
    for (auto& c : m_caches)
        caches.push_back(c.get());
    m_batch.step(tokens, caches);
    m_forwardPasses += int(caches.size());
    ++m_weightPasses;
    for (std::size_t i = 0; i < caches.size(); ++i)
        storeLogProbs(int(i), m_batch.logits(int(i)));
}

std::uint64_t EngineBeamBackend::kvBytesUsed() const
{
    std::uint64_t n = 0;
    for (const auto& c : m_caches)
        n += c->bytesUsed();
    return n;
}

} // namespace core
