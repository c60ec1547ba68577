#pragma once
// Batched decode: N sequences, each with its own KV cache and position, advanced by one token in one pass over the
// weights. Decode is memory-bound (a step streams every weight once whatever the number of rows), so N sequences
// cost little more than one: the throughput of answering N requests at once.
//
// Each sequence keeps its own Executor over the same plan, run in lock step node by node: the per-position ops
// (embedding, RoPE, the KV store, attention over its own cache) run per sequence; every matrix product gathers the
// N rows into one (N, in) product (ops::linear) and hands each sequence its row back. A sequence's logits equal
// those of decoding it alone (tst_batch_decode: <= 1e-5; measured bit-identical, the kernels sum every row in
// the same order whatever the batch).
#include "core/exec/executor.h"

#include <memory>
#include <span>
#include <vector>

namespace core {

class BatchDecoder {
public:
    BatchDecoder(const Model& model, const ExecutionPlan& plan);

    // Appends tokens[i] to sequence i (caches[i], at position caches[i]->length()) for every i, in one pass.
    // Throws core::Error (naming the sequence) for an id out of range or a full cache, before anything runs.
    void step(std::span<const std::int32_t> tokens, std::span<KvCache* const> caches);
    // Interventions (core/exec/intervention.h) for every sequence from the next step on, as Executor applies them
    // (validated there: throws core::Error naming the bad entry). Empty (the default) changes nothing. A step has
    // no prompt to take a head's mean from: give the list resolved by the executor that ran the prompt
    // (Executor::resolvedInterventions), which carries those means.
    void setInterventions(const InterventionList& list);
    // (1, vocab) logits of sequence i after step().
    TensorView logits(int i) const { return m_executors[std::size_t(i)]->logits(); }
    int sequences() const { return m_active; }

private:
    const Model& m_model;
    const ExecutionPlan& m_plan;
    std::vector<std::unique_ptr<Executor>> m_executors; // grown to the largest batch seen
    int m_active = 0;
    InterventionList m_interventions; // given to every executor, those created later too
    RowMatrix m_in, m_out; // the gathered rows of the product at hand
};

} // namespace core
