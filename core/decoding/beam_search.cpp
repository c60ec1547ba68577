#include "core/decoding/beam_search.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace core {

namespace {
    constexpr const char* kParameters = "beam search parameters";

    // Candidate order: higher cumulative log-prob first; ties to the lower slot (the better beam), then the lower
    // token id, so a search is reproducible bit for bit.
    template <class C> bool rankedBefore(const C& a, const C& b)
    {
        if (a.cumulative != b.cumulative)
            return a.cumulative > b.cumulative;
        if (a.slot != b.slot)
            return a.slot < b.slot;
        return a.token < b.token;
    }
}

std::string_view earlyStoppingName(EarlyStopping mode)
{
    switch (mode) {
    case EarlyStopping::Heuristic:
        return "false";
    case EarlyStopping::Early:
        return "true";
    case EarlyStopping::Never:
        return "never";
    }
    return "false";
}

std::optional<EarlyStopping> earlyStoppingFromName(std::string_view name)
{
    if (name == "false" || name == "heuristic")
        return EarlyStopping::Heuristic;
    if (name == "true" || name == "early")
        return EarlyStopping::Early;
    if (name == "never")
        return EarlyStopping::Never;
    return std::nullopt;
}

void BeamSearchParameters::validate(int vocabSize) const
{
    if (numBeams < 1)
        throw Error(kParameters, "num_beams", "must be >= 1, got " + std::to_string(numBeams));
    if (!std::isfinite(lengthPenalty))
        throw Error(kParameters, "length_penalty", "must be finite, got " + errorNumber(lengthPenalty));
    if (maxNewTokens < 1)
        throw Error(kParameters, "max_new_tokens", "must be >= 1, got " + std::to_string(maxNewTokens));
    if (numReturnSequences < 1 || numReturnSequences > numBeams) {
        throw Error(kParameters, "num_return_sequences",
            "must be in [1, num_beams = " + std::to_string(numBeams) + "], got " + std::to_string(numReturnSequences));
    }
    for (std::size_t i = 0; i < eosTokenIds.size(); ++i) {
        if (eosTokenIds[i] < 0 || eosTokenIds[i] >= vocabSize) {
            throw Error(kParameters, "eos_token_id[" + std::to_string(i) + "]",
                "token id " + std::to_string(eosTokenIds[i]) + " is outside the vocabulary (size "
                    + std::to_string(vocabSize) + ")");
        }
    }
}

nlohmann::json BeamSearchParameters::toJson() const
{
    return {
        { "num_beams", numBeams },
        { "length_penalty", lengthPenalty },
        { "early_stopping", earlyStoppingName(earlyStopping) },
        { "eos_token_ids", eosTokenIds },
        { "max_new_tokens", maxNewTokens },
        { "num_return_sequences", numReturnSequences },
    };
}

double BeamSearch::score(double sumLogProb, int length, float lengthPenalty)
{
    return sumLogProb / std::pow(double(length), double(lengthPenalty));
}

BeamSearch::BeamSearch(BeamBackend& backend, const BeamSearchParameters& parameters)
    : m_backend(backend)
    , m_parameters(parameters)
{
    m_parameters.validate(backend.vocabSize());
}

bool BeamSearch::isEos(std::int32_t token) const
{
    const auto& ids = m_parameters.eosTokenIds;
    return std::find(ids.begin(), ids.end(), token) != ids.end();
}

void BeamSearch::start(std::span<const std::int32_t> prompt)
{
    m_backend.start(prompt);
    m_tree.clear();
    m_live = { m_tree.addRoot() };
    m_finished.clear();
    m_step = 0;
    m_started = true;
    m_stop = StopReason::None;
}

void BeamSearch::collectCandidates(std::vector<Candidate>& out)
{
    const int vocab = m_backend.vocabSize();
    const std::size_t wanted = std::size_t(std::max<std::size_t>(2, 1 + m_parameters.eosTokenIds.size()))
        * std::size_t(m_parameters.numBeams);
    out.clear();
    std::vector<Candidate> slotBest;
    for (int slot = 0; slot < int(m_live.size()); ++slot) {
        const std::span<const float> logProbs = m_backend.nextLogProbs(slot);
        if (logProbs.size() != std::size_t(vocab)) {
            throw Error("beam search", "log-probabilities",
                "slot " + std::to_string(slot) + " has " + std::to_string(logProbs.size()) + " values, expected "
                    + std::to_string(vocab));
        }
        const double base = m_tree.node(m_live[std::size_t(slot)]).cumulativeLogProb;
        // Each beam's own best `wanted` continuations; the global best `wanted` are among them. A -inf
        // continuation is impossible and never considered.
        slotBest.clear();
        for (std::int32_t token = 0; token < vocab; ++token) {
            const float lp = logProbs[std::size_t(token)];
            if (std::isnan(lp)) {
                throw Error("beam search", "log-probabilities",
                    "slot " + std::to_string(slot) + ", token " + std::to_string(token) + " is NaN");
            }
            if (lp == -INFINITY)
                continue;
            slotBest.push_back({ base + double(lp), slot, token, lp });
        }
        const auto byRank = [](const Candidate& a, const Candidate& b) { return rankedBefore(a, b); };
        if (slotBest.size() > wanted) {
            std::nth_element(slotBest.begin(), slotBest.begin() + long(wanted), slotBest.end(), byRank);
            slotBest.resize(wanted);
        }
        out.insert(out.end(), slotBest.begin(), slotBest.end());
    }
    const auto byRank = [](const Candidate& a, const Candidate& b) { return rankedBefore(a, b); };
    std::sort(out.begin(), out.end(), byRank);
    if (out.size() > wanted)
        out.resize(wanted);
}

// A hypothesis ends at `node`: it enters the finished set if there is room or it beats the worst one (which is
// then dropped), as in HF, where a tie does not replace an earlier hypothesis.
void BeamSearch::offerHypothesis(int node)
{
    const std::size_t capacity = std::size_t(m_parameters.numBeams);
    if (m_finished.size() < capacity) {
        m_finished.push_back(node);
        m_tree.setState(node, BeamNodeState::Finished);
        return;
    }
    // The worst: lowest score; among equal scores the latest one goes first.
    auto worst = m_finished.begin();
    for (auto it = m_finished.begin(); it != m_finished.end(); ++it) {
        if (m_tree.node(*it).score <= m_tree.node(*worst).score)
            worst = it;
    }
    if (m_tree.node(node).score > m_tree.node(*worst).score) {
        m_tree.setState(*worst, BeamNodeState::Dropped);
        m_finished.erase(worst);
        m_finished.push_back(node);
        m_tree.setState(node, BeamNodeState::Finished);
    } else {
        m_tree.setState(node, BeamNodeState::Dropped);
    }
}

bool BeamSearch::step()
{
    if (!m_started)
        throw Error("beam search", "state", "start() the search before stepping");
    if (finished())
        return false;

    const int t = ++m_step; // generated length of this step's candidates
    const std::size_t width = std::size_t(m_parameters.numBeams);
    const bool lastStep = t == m_parameters.maxNewTokens;
    const float alpha = m_parameters.lengthPenalty;

    std::vector<Candidate> candidates;
    collectCandidates(candidates);
    // HF decides "the finished set is full" before merging this step's hypotheses.
    const bool fullBefore = m_finished.size() >= width;

    std::vector<int> nextLive;
    std::vector<int> parents;
    std::vector<std::int32_t> tokens;
    for (std::size_t rank = 0; rank < candidates.size(); ++rank) {
        const Candidate& c = candidates[rank];
        BeamNode node;
        node.parent = m_live[std::size_t(c.slot)];
        node.step = t;
        node.token = c.token;
        node.logProb = c.logProb;
        node.cumulativeLogProb = c.cumulative;
        node.score = score(c.cumulative, t, alpha);
        node.rank = int(rank);
        node.eos = isEos(c.token);
        node.state = BeamNodeState::Pruned;
        const int id = m_tree.add(node);

        if (lastStep || node.eos) {
            // Only the first B ranks may end a hypothesis (HF's top_num_beam_mask); once Early stopping has a full
            // set, nothing more is added.
            if (rank < width && !(m_parameters.earlyStopping == EarlyStopping::Early && fullBefore))
                offerHypothesis(id);
        } else if (nextLive.size() < width) {
            m_tree.setState(id, BeamNodeState::Running);
            nextLive.push_back(id);
            parents.push_back(c.slot);
            tokens.push_back(c.token);
        }
    }

    // Can the search still improve? (HF _check_early_stop_heuristic and _beam_search_has_unfinished_sequences.)
    bool done = lastStep || nextLive.empty();
    if (!done && m_finished.size() >= width) {
        if (m_parameters.earlyStopping == EarlyStopping::Early) {
            done = true;
        } else {
            // The best running beam is the first (candidates are in rank order). Its best possible final score:
            // at its current length, or for "never" with a positive penalty at the longest length it may reach.
            const double best = m_tree.node(nextLive.front()).cumulativeLogProb;
            const int length
                = (m_parameters.earlyStopping == EarlyStopping::Never && alpha > 0.0f) ? m_parameters.maxNewTokens : t;
            double worst = INFINITY;
            for (int f : m_finished)
                worst = std::min(worst, m_tree.node(f).score);
            done = worst >= score(best, length, alpha);
        }
    }

    m_live = nextLive;
    if (done) {
        m_stop = lastStep ? StopReason::MaxNewTokens : StopReason::Eos;
        return false;
    }
    m_backend.advance(parents, tokens);
    return true;
}

void BeamSearch::run(std::span<const std::int32_t> prompt, const std::atomic<bool>* cancel)
{
    start(prompt);
    while (!finished()) {
        if (cancel && cancel->load()) {
            m_stop = StopReason::Cancelled;
            return;
        }
        step();
    }
}

std::vector<BeamHypothesis> BeamSearch::hypotheses() const
{
    std::vector<int> order = m_finished;
    // Best score first; equal scores: the one that ended first (lower node id).
    std::sort(order.begin(), order.end(), [this](int a, int b) {
        const BeamNode& x = m_tree.node(a);
        const BeamNode& y = m_tree.node(b);
        return x.score > y.score || (x.score == y.score && x.id < y.id);
    });
    std::vector<BeamHypothesis> out;
    for (int id : order) {
        const BeamNode& n = m_tree.node(id);
        BeamHypothesis h;
        h.node = id;
        h.tokens = m_tree.tokensTo(id);
        h.sumLogProb = n.cumulativeLogProb;
        h.length = n.step;
        h.score = n.score;
        h.endedWithEos = n.eos;
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<BeamHypothesis> BeamSearch::results() const
{
    std::vector<BeamHypothesis> all = hypotheses();
    if (all.size() > std::size_t(m_parameters.numReturnSequences))
        all.resize(std::size_t(m_parameters.numReturnSequences));
    return all;
}

nlohmann::json BeamSearch::toJson() const
{
    nlohmann::json hypotheses = nlohmann::json::array();
    int rank = 0;
    for (const BeamHypothesis& h : this->hypotheses()) {
        hypotheses.push_back({
            { "rank", rank++ },
            { "node", h.node },
            { "tokens", h.tokens },
            { "sum_logprob", h.sumLogProb },
            { "length", h.length },
            { "score", h.score },
            { "eos", h.endedWithEos },
        });
    }
    return {
        { "parameters", m_parameters.toJson() },
        { "steps", m_step },
        { "stop_reason", stopReasonName(m_stop) },
        { "hypotheses", std::move(hypotheses) },
        { "tree", m_tree.toJson() },
    };
}

} // namespace core
