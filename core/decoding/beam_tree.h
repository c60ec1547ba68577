#pragma once
// The record of a beam search: every candidate considered at every step, as a tree rooted at the prompt.
//
// At step t each live beam offers its best continuations; the best (1 + #eos) * B of all of them (at least 2B,
// Hugging Face's rule) are the step's candidates and become nodes. A node's state says what happened to it:
// it became one of the B running beams, it was ranked out (pruned), or it ended a hypothesis (EOS, or the last
// step) that entered the finished set, or that was dropped from it (not good enough, or pushed out later).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string_view>
#include <vector>

namespace core {

enum class BeamNodeState {
    Root, // the prompt
    Running, // kept as one of the B beams for the next step
    Pruned, // considered but ranked below the kept beams (or an EOS ranked below the first B)
    Finished, // a hypothesis in the finished set
    Dropped, // a hypothesis that did not make the finished set, or was pushed out of it
};

std::string_view beamNodeStateName(BeamNodeState state); // "root", "running", "pruned", "finished", "dropped"

struct BeamNode {
    int id = 0;
    int parent = -1; // -1 for the root
    int step = 0; // generated length at this node (root 0)
    std::int32_t token = -1; // the token this node appends (root -1)
    float logProb = 0.0f; // log p(token | parent's sequence)
    double cumulativeLogProb = 0.0; // sum of logProb from the root
    double score = 0.0; // cumulativeLogProb / step^lengthPenalty
    int rank = 0; // rank among the step's candidates (0 = best cumulative log-prob)
    bool eos = false; // token is an end-of-sequence id
    BeamNodeState state = BeamNodeState::Pruned;

    bool operator==(const BeamNode&) const = default;
};

class BeamTree {
public:
    void clear();
    int addRoot();
    int add(BeamNode node); // assigns and returns node.id
    void setState(int id, BeamNodeState state) { m_nodes[size_t(id)].state = state; }

    const std::vector<BeamNode>& nodes() const { return m_nodes; }
    const BeamNode& node(int id) const { return m_nodes[size_t(id)]; }
    std::size_t size() const { return m_nodes.size(); }
    std::size_t count(BeamNodeState state) const;
    int steps() const; // deepest step
    std::vector<std::int32_t> tokensTo(int id) const; // the generated tokens from the root to node id

    // { nodes: [{id, parent, step, token, logprob, cum_logprob, score, rank, eos, state}] }
    nlohmann::json toJson() const;
    // Throws core::Error("beam tree", field, ...) for a missing or inconsistent field.
    static BeamTree fromJson(const nlohmann::json& json);

private:
    std::vector<BeamNode> m_nodes;
};

} // namespace core
