#include "reference_fixture.h"

#include <cmath>

namespace {

Comparison compare(const std::string& key, const std::vector<float>& ours, const std::vector<float>& ref)
{
    Comparison c { key };
    if (ours.size() != ref.size()) {
        c.maxAbsDiff = INFINITY;
        return c;
    }
    for (std::size_t i = 0; i < ref.size(); ++i) {
        c.maxAbsDiff = std::max(c.maxAbsDiff, double(std::abs(ours[i] - ref[i])));
        c.maxAbsRef = std::max(c.maxAbsRef, double(std::abs(ref[i])));
    }
    return c;
}

} // namespace

int fixturePrompts(const core::SafetensorsFile& fixture)
{
    int n = 0;
    while (fixture.find("p" + std::to_string(n) + ".tokens"))
        ++n;
    return n;
}

std::vector<Comparison> compareWithFixture(const core::Model& model, const core::SafetensorsFile& fx, int p)
{
    const auto& c = model.config();
    const std::string pre = "p" + std::to_string(p) + ".";
    std::vector<std::int32_t> tokens;
    for (auto v : fx.toInt(*fx.find(pre + "tokens")))
        tokens.push_back(std::int32_t(v));
    const int T = int(tokens.size());

    const auto plan = core::ExecutionPlan::compile(c);
    core::KvCache cache(c, T);
    core::Executor exec(model, plan);
    core::RecordingSink sink;
    exec.begin(tokens, cache, {}, core::LogitRows::All);
    exec.run(&sink);

    std::vector<float> embed;
    std::map<int, std::vector<float>> blocks;
    std::map<int, std::vector<float>> attn; // (heads, T, T)
    for (const auto& e : sink.events()) {
        const auto& node = plan[std::size_t(e.nodeIndex)];
        if (node.layer < 0
            && (node.kind == core::OpKind::Embed || node.kind == core::OpKind::AddPositional
                || node.kind == core::OpKind::Scale))
            embed = e.values; // the last of them is the stream entering block 0
        if (node.endsBlock)
            blocks[node.layer] = e.values;
        if (node.kind == core::OpKind::Softmax)
            attn[node.layer].insert(attn[node.layer].end(), e.values.begin(), e.values.end());
    }

    std::vector<Comparison> rows;
    auto ref = [&](const std::string& key) { return fx.toFloat(*fx.find(pre + key)); };
    rows.push_back(compare(pre + "embed", embed, ref("embed")));
    for (int l = 0; l < c.nLayers; ++l) {
        rows.push_back(compare(pre + "block" + std::to_string(l), blocks[l], ref("block" + std::to_string(l))));
        rows.push_back(compare(pre + "attn" + std::to_string(l), attn[l], ref("attn" + std::to_string(l))));
    }
    rows.push_back(compare(pre + "logits", exec.logits().copy(), ref("logits")));
    return rows;
}
