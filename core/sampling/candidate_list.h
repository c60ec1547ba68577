#pragma once
// The working set of the sampler: the candidates still alive, as parallel arrays (structure of arrays so the
// whole-vocabulary loops vectorize), with their softmax weights and a log of what each stage did.
//
//   tokens   (n,)  token ids, increasing; n = vocab after reset(), shrinks as stages remove candidates
//   logits   (n,)  current logit of each candidate (after bias, penalties, temperature so far)
//   weights  (n,)  exp(logit - reference), so probability = weight / total
//
// Stages change logits through setLogit() (a few tokens: bias, penalties) or divideLogits() (temperature), and
// remove candidates with keepIf(). The list keeps the weights and their total up to date incrementally where it
// can (a penalty touching 64 tokens costs 64 exps, not 150k) and recomputes them in one vectorized pass otherwise.
// The arrays keep their vocabulary-sized allocation across runs: a run allocates nothing once warmed up.
#include "core/sampling/fast_exp.h"

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace core {

class CandidateList {
public:
    // Every token of `logits` (vocab,), in id order, alive. Throws core::Error naming the position of a NaN or +inf.
    void reset(std::span<const float> logits);

    size_t size() const { return m_size; }
    int vocabSize() const { return int(m_removedAt.size()); }
    int32_t token(size_t i) const { return m_tokens[i]; }
    float logit(size_t i) const { return m_logits[i]; }
    std::span<const int32_t> tokens() const { return { m_tokens.data(), m_size }; }
    std::span<const float> logits() const { return { m_logits.data(), m_size }; }

    // Probabilities. weights()/total()/probability() need updateWeights() first when weightsValid() is false.
    bool weightsValid() const { return m_weightsValid; }
    void updateWeights();
    std::span<const float> weights() const { return { m_weights.data(), m_size }; }
    float reference() const { return m_reference; }
    double total() const { return m_total; }
    double probability(size_t i) const { return m_weights[i] / m_total; }

    // Value changes. find() gives the index of an alive token (-1 if removed); setLogit records the change for
    // the stage's column and keeps weights and total current.
    long find(int32_t token);
    void setLogit(size_t index, float value);
    void divideLogits(float temperature);

    // Removes every candidate for which keep(index) is false, marking it removed by the current stage; the order
    // of the survivors is kept. `keep` must be a pure function of the index (it runs in a vectorized loop, before
    // anything moves). The survivors keep their weights; the total is re-summed over them.
    template <class Keep> void keepIf(Keep keep);

    // Bookkeeping for the record: the column index of the running stage (1-based; 0 = the input), the changes it
    // made (token, new logit), and for every token of the vocabulary the column that removed it (0 = alive).
    void beginStage(int column);
    const std::vector<std::pair<int32_t, float>>& changes() const { return m_changes; }
    const std::vector<uint8_t>& removedAt() const { return m_removedAt; }

private:
    void compact(size_t kept);

    size_t m_size = 0; // alive candidates: the first m_size entries of the arrays below
    std::vector<int32_t> m_tokens; // (vocab,)
    std::vector<float> m_logits; // (vocab,)
    std::vector<float> m_weights; // (vocab,)
    std::vector<uint8_t> m_keep; // (vocab,) keepIf's mask
    float m_reference = 0.0f; // weights are exp(logit - reference); reference = the max logit at the last full pass
    double m_total = 0.0; // sum of weights
    bool m_weightsValid = false;

    bool m_identity = true; // index == token (nothing removed yet): find() needs no lookup table
    std::vector<int32_t> m_position; // (vocab,) token -> index, rebuilt lazily after a removal
    bool m_positionValid = false;

    int m_column = 0;
    std::vector<std::pair<int32_t, float>> m_changes; // this stage's (token, new logit)
    std::vector<uint8_t> m_removedAt; // (vocab,)
};

template <class Keep> void CandidateList::keepIf(Keep keep)
{
    uint8_t* mask = m_keep.data();
    const size_t n = m_size;
    unsigned kept = 0;
#ifdef IE_SAMPLING_OMP_SIMD // defined for this module only (see CMakeLists.txt); other includers just loop
#pragma omp simd reduction(+ : kept)
#endif
    for (size_t i = 0; i < n; ++i) {
        mask[i] = keep(i) ? 1 : 0;
        kept += mask[i];
    }
    if (kept != n)
        compact(kept);
}

} // namespace core
