#include "core/exec/batch_decoder.h"

#include "core/common/error.h"
#include "core/ops/linear.h"

namespace core {

BatchDecoder::BatchDecoder(const Model& model, const ExecutionPlan& plan)
    : m_model(model)
    , m_plan(plan)
{
}

void BatchDecoder::setInterventions(const InterventionList& list)
{
    for (auto& e : m_executors)
        e->setInterventions(list);
    m_interventions = list;
}

void BatchDecoder::step(std::span<const std::int32_t> tokens, std::span<KvCache* const> caches)
{
    if (tokens.size() != caches.size() || tokens.empty())
        throw Error("batch", "sequences",
            std::to_string(tokens.size()) + " tokens for " + std::to_string(caches.size()) + " caches");
    const int n = int(tokens.size());
    while (int(m_executors.size()) < n) {
        m_executors.push_back(std::make_unique<Executor>(m_model, m_plan));
        if (!m_interventions.empty())
            m_executors.back()->setInterventions(m_interventions);
    }
    m_active = n;
    for (int i = 0; i < n; ++i) {
        try {
            m_executors[std::size_t(i)]->begin(tokens.subspan(std::size_t(i), 1), *caches[std::size_t(i)],
                { PhaseKind::Decode, caches[std::size_t(i)]->length() });
        } catch (const Error& e) {
            throw Error("batch", "sequence " + std::to_string(i), e.what());
        }
    }
    Executor& first = *m_executors.front();
    while (!first.finished()) {
        if (!first.atProduct()) {
            for (int i = 0; i < n; ++i)
                m_executors[std::size_t(i)]->step();
            continue;
        }
        // One product for all sequences: gather their rows, read the weights once, scatter the results.
        const LinearWeight& w = first.productWeight();
        m_in.resize(n, w.in);
        m_out.resize(n, w.out);
        for (int i = 0; i < n; ++i)
            m_in.row(i) = m_executors[std::size_t(i)]->productInput().row(0);
        ops::linear(m_out, m_in, w, first.threads());
        for (int i = 0; i < n; ++i) {
            Executor& e = *m_executors[std::size_t(i)];
            e.productOutput().row(0) = m_out.row(i);
            e.skipProduct();
        }
    }
}

} // namespace core
