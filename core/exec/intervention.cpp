#include "core/exec/intervention.h"

#include "core/common/error.h"
#include "core/common/json_fields.h"
#include "core/plan/execution_plan.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <limits>
#include <set>
#include <tuple>

namespace core {

namespace {
    Intervention make(InterventionKind kind, int layer, int head = -1)
    {
        Intervention i;
        i.kind = kind;
        i.layer = layer;
        i.head = head;
        return i;
    }
} // namespace

Intervention Intervention::zeroHead(int layer, int head) { return make(InterventionKind::ZeroHead, layer, head); }
Intervention Intervention::meanHead(int layer, int head) { return make(InterventionKind::MeanHead, layer, head); }
Intervention Intervention::ablateAttention(int layer) { return make(InterventionKind::AblateAttention, layer); }
Intervention Intervention::ablateMlp(int layer) { return make(InterventionKind::AblateMlp, layer); }
Intervention Intervention::knockout(int layer, int head, int query, int key)
{
    Intervention i = make(InterventionKind::KnockoutEdge, layer, head);
    i.query = query;
    i.key = key;
    return i;
}
Intervention Intervention::patchResidual(int layer, int position, std::vector<float> values)
{
    Intervention i = make(InterventionKind::PatchResidual, layer);
    i.position = position;
    i.values = std::move(values);
    return i;
}
Intervention Intervention::patchHead(int layer, int head, int position, std::vector<float> values)
{
    Intervention i = make(InterventionKind::PatchHead, layer, head);
    i.position = position;
    i.values = std::move(values);
    return i;
}

namespace {

    const char* kindName(InterventionKind k)
    {
        switch (k) {
        case InterventionKind::ZeroHead:
            return "zero_head";
        case InterventionKind::MeanHead:
            return "mean_head";
        case InterventionKind::AblateAttention:
            return "ablate_attention";
        case InterventionKind::AblateMlp:
            return "ablate_mlp";
        case InterventionKind::KnockoutEdge:
            return "knockout";
        case InterventionKind::PatchResidual:
            return "patch_residual";
        case InterventionKind::PatchHead:
            return "patch_head";
        }
        return "?";
    }

    bool usesHead(InterventionKind k)
    {
        return k == InterventionKind::ZeroHead || k == InterventionKind::MeanHead || k == InterventionKind::KnockoutEdge
            || k == InterventionKind::PatchHead;
    }

    // A whole non-negative number, all of `text`; -1 otherwise.
    int wholeNumber(std::string_view text)
    {
        int v = -1;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size() || text.empty() || v < 0)
            return -1;
        return v;
    }

    std::string range(int n) { return "[0, " + std::to_string(n) + ")"; }

    // Bounds of one entry; `where` names it in the message.
    void checkOne(const Intervention& i, const ModelConfig& c, const std::string& where)
    {
        auto fail = [&](const std::string& why) { throw Error("intervention", where, why); };
        if (i.layer < 0 || i.layer >= c.nLayers)
            fail("layer " + std::to_string(i.layer) + " is outside the model's layers " + range(c.nLayers));
        if (usesHead(i.kind) && (i.head < 0 || i.head >= c.nHeads))
            fail("head " + std::to_string(i.head) + " is outside the model's heads " + range(c.nHeads));
        if (i.kind == InterventionKind::KnockoutEdge) {
            if (i.query < 0 || i.query >= c.maxPositions)
                fail("query position " + std::to_string(i.query) + " is outside the context " + range(c.maxPositions));
            if (i.key < 0 || i.key > i.query)
                fail("key position " + std::to_string(i.key) + " must be in [0, " + std::to_string(i.query)
                    + "]: a query sees only itself and earlier positions");
        }
        if (i.kind == InterventionKind::MeanHead && !i.values.empty() && int(i.values.size()) != c.headDim)
            fail("stored mean has " + std::to_string(i.values.size()) + " values, the head has "
                + std::to_string(c.headDim));
        if (i.kind == InterventionKind::PatchResidual || i.kind == InterventionKind::PatchHead) {
            if (i.position < 0 || i.position >= c.maxPositions)
                fail("position " + std::to_string(i.position) + " is outside the context " + range(c.maxPositions));
            const int want = i.kind == InterventionKind::PatchResidual ? c.dim : c.headDim;
            if (int(i.values.size()) != want)
                fail("patch has " + std::to_string(i.values.size()) + " values, the site has " + std::to_string(want));
        }
    }

} // namespace

Intervention parseIntervention(const std::string& spec, const ModelConfig& config)
{
    auto fail = [&](const std::string& why) -> Intervention { throw Error("intervention", spec, why); };
    const std::string syntax = "expected blk.L.head.H, blk.L.head.H:mean, blk.L.head.H:Q->K, blk.L.attn or blk.L.mlp";
    std::string_view s = spec;
    if (!s.starts_with("blk."))
        return fail(syntax);
    s.remove_prefix(4);
    const auto dot = s.find('.');
    if (dot == std::string_view::npos)
        return fail(syntax);
    const int layer = wholeNumber(s.substr(0, dot));
    if (layer < 0)
        return fail("the layer \"" + std::string(s.substr(0, dot)) + "\" is not a whole number; " + syntax);
    s.remove_prefix(dot + 1);
    Intervention out;
    if (s == "attn")
        out = Intervention::ablateAttention(layer);
    else if (s == "mlp")
        out = Intervention::ablateMlp(layer);
    else if (s.starts_with("head.")) {
        s.remove_prefix(5);
        const auto colon = s.find(':');
        const std::string_view headText = s.substr(0, colon);
        const int head = wholeNumber(headText);
        if (head < 0)
            return fail("the head \"" + std::string(headText) + "\" is not a whole number; " + syntax);
        if (colon == std::string_view::npos)
            out = Intervention::zeroHead(layer, head);
        else {
            const std::string_view mode = s.substr(colon + 1);
            const auto arrow = mode.find("->");
            if (mode == "mean")
                out = Intervention::meanHead(layer, head);
            else if (mode == "zero")
                out = Intervention::zeroHead(layer, head);
            else if (arrow != std::string_view::npos) {
                const int q = wholeNumber(mode.substr(0, arrow)), k = wholeNumber(mode.substr(arrow + 2));
                if (q < 0 || k < 0)
                    return fail("a knockout is QUERY->KEY with two positions, e.g. blk.1.head.2:8->4");
                out = Intervention::knockout(layer, head, q, k);
            } else
                return fail("unknown head mode \"" + std::string(mode) + "\"; " + syntax);
        }
    } else
        return fail(syntax);
    checkOne(out, config, spec);
    return out;
}

std::string interventionSpec(const Intervention& i)
{
    const std::string blk = "blk." + std::to_string(i.layer) + ".";
    const std::string head = blk + "head." + std::to_string(i.head);
    switch (i.kind) {
    case InterventionKind::ZeroHead:
        return head;
    case InterventionKind::MeanHead:
        return head + ":mean";
    case InterventionKind::AblateAttention:
        return blk + "attn";
    case InterventionKind::AblateMlp:
        return blk + "mlp";
    case InterventionKind::KnockoutEdge:
        return head + ":" + std::to_string(i.query) + "->" + std::to_string(i.key);
    case InterventionKind::PatchResidual:
        return blk + "resid_pre@" + std::to_string(i.position);
    case InterventionKind::PatchHead:
        return head + "@" + std::to_string(i.position);
    }
    return {};
}

std::string interventionWords(const Intervention& i)
{
    const std::string layer = "layer " + std::to_string(i.layer) + " · ";
    const std::string head = layer + "head " + std::to_string(i.head);
    switch (i.kind) {
    case InterventionKind::ZeroHead:
        return head + " zeroed";
    case InterventionKind::MeanHead:
        return head + " mean-ablated";
    case InterventionKind::AblateAttention:
        return layer + "attention removed";
    case InterventionKind::AblateMlp:
        return layer + "MLP removed";
    case InterventionKind::KnockoutEdge:
        return head + ": " + std::to_string(i.query) + " ↛ " + std::to_string(i.key);
    case InterventionKind::PatchResidual:
        return layer + "residual at position " + std::to_string(i.position) + " patched";
    case InterventionKind::PatchHead:
        return head + " at position " + std::to_string(i.position) + " patched";
    }
    return {};
}

std::string interventionListSpec(const InterventionList& list)
{
    std::string s;
    for (const auto& i : list)
        s += (s.empty() ? "" : ", ") + interventionSpec(i);
    return s;
}

void validateInterventions(const InterventionList& list, const ModelConfig& config)
{
    // keys knocked out per (layer, head, query): a query that can see no key would divide by zero in the softmax
    std::map<std::tuple<int, int, int>, std::set<int>> knocked;
    for (const auto& i : list) {
        checkOne(i, config, interventionSpec(i));
        if (i.kind != InterventionKind::KnockoutEdge)
            continue;
        auto& keys = knocked[{ i.layer, i.head, i.query }];
        keys.insert(i.key);
        if (int(keys.size()) == i.query + 1)
            throw Error("intervention", interventionSpec(i),
                "these knockouts hide every key from query position " + std::to_string(i.query)
                    + "; it must keep at least one to attend to");
    }
}

nlohmann::json interventionsToJson(const InterventionList& list)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : list) {
        nlohmann::json j = { { "kind", kindName(i.kind) }, { "layer", i.layer } };
        if (usesHead(i.kind))
            j["head"] = i.head;
        if (i.kind == InterventionKind::KnockoutEdge) {
            j["query"] = i.query;
            j["key"] = i.key;
        }
        if (!i.values.empty()) {
            j["position"] = i.position;
            j["values"] = i.values;
        }
        out.push_back(std::move(j));
    }
    return out;
}

InterventionList interventionsFromJson(const nlohmann::json& j, const ModelConfig& config)
{
    if (!j.is_array())
        throw Error("session", "interventions", "expected a JSON array");
    InterventionList list;
    for (std::size_t n = 0; n < j.size(); ++n) {
        const std::string where = "interventions[" + std::to_string(n) + "]";
        JsonFields f(j[n], "session", where);
        const std::string kind = f.has("kind") && j[n]["kind"].is_string() ? j[n]["kind"].get<std::string>() : "";
        Intervention i;
        bool known = false;
        for (auto k : { InterventionKind::ZeroHead, InterventionKind::MeanHead, InterventionKind::AblateAttention,
                 InterventionKind::AblateMlp, InterventionKind::KnockoutEdge, InterventionKind::PatchResidual,
                 InterventionKind::PatchHead })
            if (kind == kindName(k)) {
                i.kind = k;
                known = true;
            }
        if (!known)
            throw Error("session", where + ".kind", "unknown intervention kind \"" + kind + "\"");
        i.layer = int(f.integer("layer", 0, config.nLayers - 1));
        if (usesHead(i.kind))
            i.head = int(f.integer("head", 0, config.nHeads - 1));
        if (i.kind == InterventionKind::KnockoutEdge) {
            i.query = int(f.integer("query", 0, config.maxPositions - 1));
            i.key = int(f.integer("key", 0, config.maxPositions - 1));
        }
        if (i.kind == InterventionKind::PatchResidual || i.kind == InterventionKind::PatchHead) {
            i.position = int(f.integer("position", 0, config.maxPositions - 1));
            const auto& v = j[n].contains("values") ? j[n]["values"] : nlohmann::json();
            const std::size_t want
                = std::size_t(i.kind == InterventionKind::PatchResidual ? config.dim : config.headDim);
            if (!v.is_array() || v.size() != want)
                throw Error("session", where + ".values", "expected an array of " + std::to_string(want) + " numbers");
            for (const auto& x : v) {
                if (!x.is_number())
                    throw Error("session", where + ".values", "expected numbers");
                i.values.push_back(x.get<float>());
            }
        }
        list.push_back(std::move(i));
    }
    validateInterventions(list, config);
    return list;
}

int interventionNode(const ExecutionPlan& plan, const Intervention& i)
{
    auto find = [&](int layer, int head, NodePart part) {
        for (std::size_t n = 0; n < plan.size(); ++n)
            if (plan[n].layer == layer && plan[n].head == head && plan[n].part == part)
                return int(n);
        return -1;
    };
    switch (i.kind) {
    case InterventionKind::ZeroHead:
    case InterventionKind::MeanHead:
    case InterventionKind::PatchHead:
        return find(i.layer, i.head, NodePart::Mix);
    case InterventionKind::KnockoutEdge:
        return find(i.layer, i.head, NodePart::Mask); // before the softmax
    case InterventionKind::AblateAttention:
        return find(i.layer, -1, NodePart::AttnOut);
    case InterventionKind::AblateMlp:
        return find(i.layer, -1, NodePart::DownProj);
    case InterventionKind::PatchResidual: {
        // the residual stream entering the block: the output of the node just before its first one
        const int node = plan.firstNodeOfLayer(i.layer) - 1;
        return node >= 0 && plan[std::size_t(node)].output == BufferId::X ? node : -1;
    }
    }
    return -1;
}

InterventionHook::InterventionHook(const ExecutionPlan& plan, InterventionList list)
    : m_list(std::move(list))
    , m_byNode(plan.size())
{
    validateInterventions(m_list, plan.config());
    for (std::size_t e = 0; e < m_list.size(); ++e) {
        const Intervention& i = m_list[e];
        const int node = interventionNode(plan, i);
        if (node < 0)
            throw Error("intervention", interventionSpec(i), "the plan has no node for it");
        m_byNode[std::size_t(node)].push_back(int(e));
    }
}

void InterventionHook::apply(int nodeIndex, MatMap out, int pos0)
{
    if (nodeIndex < 0 || std::size_t(nodeIndex) >= m_byNode.size())
        return;
    const int rows = int(out.rows());
    auto rowOf = [&](int position) { return position >= pos0 && position < pos0 + rows ? position - pos0 : -1; };
    for (int e : m_byNode[std::size_t(nodeIndex)]) {
        const Intervention& i = m_list[std::size_t(e)];
        switch (i.kind) {
        case InterventionKind::ZeroHead:
        case InterventionKind::AblateAttention:
        case InterventionKind::AblateMlp:
            out.setZero();
            break;
        case InterventionKind::MeanHead: {
            if (!i.values.empty()) { // the mean was carried over from the prompt's pass (resolved())
                out.rowwise() = Eigen::Map<const Eigen::RowVectorXf>(i.values.data(), out.cols());
                break;
            }
            auto stored = m_means.find(e);
            if (pos0 == 0 || stored == m_means.end()) {
                const Eigen::RowVectorXf mean = out.colwise().mean();
                std::vector<float> row(mean.data(), mean.data() + mean.size());
                if (pos0 == 0)
                    m_means[e] = row;
                out.rowwise() = mean;
            } else
                out.rowwise() = Eigen::Map<const Eigen::RowVectorXf>(stored->second.data(), out.cols());
            break;
        }
        case InterventionKind::KnockoutEdge:
            if (const int r = rowOf(i.query); r >= 0 && i.key < out.cols())
                out(r, i.key) = -std::numeric_limits<float>::infinity();
            break;
        case InterventionKind::PatchResidual:
        case InterventionKind::PatchHead:
            if (const int r = rowOf(i.position); r >= 0)
                out.row(r) = Eigen::Map<const Eigen::RowVectorXf>(i.values.data(), out.cols());
            break;
        }
    }
}

InterventionList InterventionHook::resolved() const
{
    InterventionList out = m_list;
    for (const auto& [e, mean] : m_means)
        if (out[std::size_t(e)].values.empty())
            out[std::size_t(e)].values = mean;
    return out;
}

} // namespace core
