#include "core/decoding/beam_tree.h"

#include "core/common/error.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace core {

namespace {
    constexpr std::array<std::string_view, 5> kStateNames = { "root", "running", "pruned", "finished", "dropped" };
}

std::string_view beamNodeStateName(BeamNodeState state) { return kStateNames[size_t(state)]; }

void BeamTree::clear() { m_nodes.clear(); }

int BeamTree::addRoot()
{
    BeamNode root;
    root.state = BeamNodeState::Root;
    return add(root);
}

int BeamTree::add(BeamNode node)
{
    node.id = int(m_nodes.size());
    m_nodes.push_back(node);
    return node.id;
}

std::size_t BeamTree::count(BeamNodeState state) const
{
    return size_t(
        std::count_if(m_nodes.begin(), m_nodes.end(), [state](const BeamNode& n) { return n.state == state; }));
}

int BeamTree::steps() const
{
    int deepest = 0;
    for (const BeamNode& n : m_nodes)
        deepest = std::max(deepest, n.step);
    return deepest;
}

std::vector<std::int32_t> BeamTree::tokensTo(int id) const
{
    std::vector<std::int32_t> tokens;
    for (int n = id; n >= 0 && m_nodes[size_t(n)].parent >= 0; n = m_nodes[size_t(n)].parent)
        tokens.push_back(m_nodes[size_t(n)].token);
    std::reverse(tokens.begin(), tokens.end());
    return tokens;
}

nlohmann::json BeamTree::toJson() const
{
    nlohmann::json nodes = nlohmann::json::array();
    for (const BeamNode& n : m_nodes) {
        nodes.push_back({
            { "id", n.id },
            { "parent", n.parent },
            { "step", n.step },
            { "token", n.token },
            { "logprob", n.logProb },
            { "cum_logprob", n.cumulativeLogProb },
            { "score", n.score },
            { "rank", n.rank },
            { "eos", n.eos },
            { "state", beamNodeStateName(n.state) },
        });
    }
    return { { "nodes", std::move(nodes) } };
}

BeamTree BeamTree::fromJson(const nlohmann::json& json)
{
    BeamTree tree;
    const auto fail = [](const std::string& field, const std::string& what) { throw Error("beam tree", field, what); };
    if (!json.is_object() || !json.contains("nodes") || !json.at("nodes").is_array())
        fail("nodes", "missing or not an array");
    const nlohmann::json& nodes = json.at("nodes");
    for (size_t i = 0; i < nodes.size(); ++i) {
        const std::string field = "nodes[" + std::to_string(i) + "]";
        try {
            const nlohmann::json& j = nodes[i];
            BeamNode n;
            n.id = j.at("id").get<int>();
            n.parent = j.at("parent").get<int>();
            n.step = j.at("step").get<int>();
            n.token = j.at("token").get<std::int32_t>();
            n.logProb = j.at("logprob").get<float>();
            n.cumulativeLogProb = j.at("cum_logprob").get<double>();
            n.score = j.at("score").get<double>();
            n.rank = j.at("rank").get<int>();
            n.eos = j.at("eos").get<bool>();
            const std::string state = j.at("state").get<std::string>();
            const auto it = std::find(kStateNames.begin(), kStateNames.end(), state);
            if (it == kStateNames.end())
                fail(field + ".state", "unknown state \"" + state + "\"");
            n.state = BeamNodeState(it - kStateNames.begin());
            if (n.id != int(i))
                fail(field + ".id", "expected " + std::to_string(i) + ", got " + std::to_string(n.id));
            if (n.parent >= int(i) || (n.parent < 0 && i != 0))
                fail(field + ".parent", "must name an earlier node, got " + std::to_string(n.parent));
            tree.m_nodes.push_back(n);
        } catch (const nlohmann::json::exception& e) {
            fail(field, e.what());
        }
    }
    return tree;
}

} // namespace core
