#pragma once
// Beam search over the real engine: one KV cache per live beam. When beams branch, the child copies its parent's
// cache rows (copy-on-branch: the prompt's keys and values are computed once, in the prefill, then copied), and
// each step decodes the live beams' new tokens as one batch (core::BatchDecoder: one pass over the weights for
// all beams, each against its own cache). Decoding the beams one at a time is kept as the reference the tests
// compare against (setBatched(false)); both give the same hypotheses and scores (tst_enginebeam: <= 1e-5).
#include "core/decoding/beam_backend.h"
#include "core/exec/batch_decoder.h"
#include "core/exec/executor.h"

#include <memory>
#include <vector>

namespace core {

class EngineBeamBackend : public BeamBackend {
public:
    // `capacity`: prompt + new tokens (at most the context length).
    // `plan`: the model's compiled plan, used by reference; without one the backend compiles its own.
    EngineBeamBackend(const Model& model, int width, int capacity, const ExecutionPlan* plan = nullptr);

    int vocabSize() const override;
    void start(std::span<const std::int32_t> prompt) override;
    std::span<const float> nextLogProbs(int slot) override;
    void advance(std::span<const int> parents, std::span<const std::int32_t> tokens) override;

    // Interventions (core/exec/intervention.h: an ablated head, a patch) for the passes from the next start() on,
    // batched or not: the beams are then those of the intervened model. Throws core::Error naming a bad entry.
    void setInterventions(const InterventionList& list);

    // true (the default): each step's beams go through one BatchDecoder::step; false: one decode pass per beam.
    void setBatched(bool batched) { m_batched = batched; }
    bool batched() const { return m_batched; }

    int forwardPasses() const { return m_forwardPasses; } // per sequence: a step of B beams counts B
    int weightPasses() const
    {
        return m_weightPasses;
    } // passes over the weights: the prefill, then one per step
      // (batched) or one per beam (one at a time)
    std::uint64_t kvBytesUsed() const; // all live beams' caches

private:
    void forwardSlot(int slot, std::span<const std::int32_t> tokens, Phase phase);
    void storeLogProbs(int slot, TensorView logits); // log-softmax of (1, vocab) logits

    const Model& m_model;
    std::unique_ptr<ExecutionPlan> m_ownPlan;
    const ExecutionPlan* m_plan;
    Executor m_exec; // the prefill, and the steps when not batched
    BatchDecoder m_batch;
    bool m_batched = true;
    int m_capacity;
    int m_step = 0;
    int m_forwardPasses = 0;
    int m_weightPasses = 0;
    std::vector<std::unique_ptr<KvCache>> m_caches; // per live slot
    std::vector<std::unique_ptr<KvCache>> m_spare; // reused when slots are re-formed
    std::vector<std::vector<float>> m_logProbs; // per live slot, (vocab,)
};

} // namespace core
