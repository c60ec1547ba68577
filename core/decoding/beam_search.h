#pragma once
// Beam search against an abstract model (BeamBackend), Hugging Face semantics:
//
//  - B beams; each step, the best (1 + #eos ids) * B continuations of all live beams by cumulative log-prob
//    (at least 2B) are the step's candidates. Walking them best first: an EOS candidate among the first B ends a
//    hypothesis; a later EOS is pruned; the first B non-EOS candidates become the next beams; the rest are pruned.
//  - A hypothesis scores sum(log p) / length^lengthPenalty, where length = the number of generated tokens,
//    including the EOS token (transformers >= 4.45 _update_finished_beams: cur_len + 1 - prompt_len; older
//    BeamHypotheses.add counted the prompt too). The finished set keeps the best B.
//  - At the last step (maxNewTokens) the first B candidates all end hypotheses, EOS or not.
//  - earlyStopping (HF early_stopping): Early (True) stops once B hypotheses are finished; Heuristic (False)
//    stops when the best running beam, scored at its current length, cannot beat the worst finished one;
//    Never ("never") uses the most optimistic length for that bound (maxNewTokens when lengthPenalty > 0).
//
// Everything considered is recorded in a BeamTree. The search can be stepped (the UI's "step" button) or run.
#include "core/decoding/beam_backend.h"
#include "core/decoding/beam_tree.h"
#include "core/decoding/stop_reason.h"

#include <atomic>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace core {

enum class EarlyStopping {
    Heuristic, // HF early_stopping=False (its default)
    Early, // HF early_stopping=True
    Never, // HF early_stopping="never"
};

std::string_view earlyStoppingName(EarlyStopping mode); // "false", "true", "never" (HF spelling)
std::optional<EarlyStopping> earlyStoppingFromName(std::string_view name);

struct BeamSearchParameters {
    int numBeams = 4; // B >= 1
    float lengthPenalty = 1.0f; // alpha: score = sum log p / length^alpha; > 0 favours longer hypotheses
    EarlyStopping earlyStopping = EarlyStopping::Heuristic;
    std::vector<std::int32_t> eosTokenIds; // may be empty: then hypotheses end at maxNewTokens only
    int maxNewTokens = 20; // >= 1
    int numReturnSequences = 1; // 1..numBeams

    // Throws core::Error("beam search parameters", field, ...).
    void validate(int vocabSize) const;
    nlohmann::json toJson() const;
};

struct BeamHypothesis {
    int node = -1; // the tree node that ended it
    std::vector<std::int32_t> tokens; // generated tokens, the EOS included if it ended with one
    double sumLogProb = 0.0;
    int length = 0; // tokens.size()
    double score = 0.0; // sumLogProb / length^lengthPenalty
    bool endedWithEos = false;
};

class BeamSearch {
public:
    // Throws core::Error when the parameters do not fit backend.vocabSize().
    BeamSearch(BeamBackend& backend, const BeamSearchParameters& parameters);

    // Runs the prompt through the backend; one live beam (slot 0), the tree's root.
    void start(std::span<const std::int32_t> prompt);
    // One step: expand every live beam, rank, keep B, advance the backend (unless the search ends here).
    // Returns false once the search is over. Throws core::Error if the backend returns a NaN log-probability.
    bool step();
    // start() + step() until the end, or until *cancel becomes true (stopReason() Cancelled).
    void run(std::span<const std::int32_t> prompt, const std::atomic<bool>* cancel = nullptr);

    bool finished() const { return m_stop != StopReason::None; }
    // MaxNewTokens (length limit), Eos (the finished set cannot improve / no live beam left), Cancelled.
    StopReason stopReason() const { return m_stop; }
    int stepCount() const { return m_step; }
    const BeamSearchParameters& parameters() const { return m_parameters; }

    const BeamTree& tree() const { return m_tree; }
    const std::vector<int>& liveNodes() const { return m_live; } // the running beams, slot order (node ids)
    // The finished set, best first (ties: earlier first).
    std::vector<BeamHypothesis> hypotheses() const;
    // The first numReturnSequences of hypotheses().
    std::vector<BeamHypothesis> results() const;

    // { parameters, steps, stop_reason, hypotheses: [{rank, node, tokens, sum_logprob, length, score, eos}],
    //   tree: {nodes: [...]} }
    nlohmann::json toJson() const;

    static double score(double sumLogProb, int length, float lengthPenalty);

private:
    struct Candidate {
        double cumulative;
        int slot;
        std::int32_t token;
        float logProb;
    };

    bool isEos(std::int32_t token) const;
    void offerHypothesis(int node);
    void collectCandidates(std::vector<Candidate>& out);

    BeamBackend& m_backend;
    BeamSearchParameters m_parameters;
    BeamTree m_tree;
    std::vector<int> m_live; // node ids of the running beams; index = backend slot
    std::vector<int> m_finished; // node ids of the finished set, insertion order
    int m_step = 0;
    bool m_started = false;
    StopReason m_stop = StopReason::None;
};

} // namespace core
