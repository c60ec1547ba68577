// compare-weights REFERENCE OTHER: one prompt through two stored forms of the same model (F32 and Q4_K_M, say):
// the residual stream's relative error after every block, and at the end the KL divergence and how the top 10 moved.
#include "commands.h"
#include "model_input.h"

#include "core/analysis/weight_format_comparison.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

int cmdCompareWeights(const Words& w)
{
    Args args(w, { "json" }, kInputOptions);
    const ModelInput in = loadModelInput(args); // the reference, and the prompt in its tokenizer
    const auto other = core::openModel(args.positionalAt(1, "OTHER model"));
    const core::WeightFormatComparison c = core::compareWeightFormats(*in.loaded, *other, in.tokens);
    if (args.flag("json")) {
        nlohmann::ordered_json changes = nlohmann::json::array();
        for (const auto& r : c.changes)
            changes.push_back({ { "id", r.id }, { "piece", pieceOf(in, r.id) }, { "reference_rank", r.referenceRank },
                { "other_rank", r.otherRank }, { "reference_probability", r.referenceProbability },
                { "other_probability", r.otherProbability } });
        std::cout << nlohmann::ordered_json {
            { "reference", in.loaded->quantization.describe() }, { "other", other->quantization.describe() },
            { "block_relative_error", c.blockRelativeError }, { "logits_relative_error", c.logitsRelativeError },
            { "kl_divergence", c.klDivergence }, { "top", changes }
        }.dump(2) << "\n";
        return 0;
    }
    std::printf("reference: %s\n    other: %s\n", in.loaded->quantization.describe().c_str(),
        other->quantization.describe().c_str());
    std::printf("residual stream after each block, ||other - reference|| / ||reference||:\n");
    for (std::size_t l = 0; l < c.blockRelativeError.size(); ++l)
        std::printf("  block %2zu  %.3e\n", l, c.blockRelativeError[l]);
    std::printf("logits at the last position: max |difference| / max |logit| = %.3e\n", c.logitsRelativeError);
    std::printf("KL(reference || other) of the next-token distributions: %.3e nats\n", c.klDivergence);
    std::printf("top tokens: rank and probability in each\n");
    for (const auto& r : c.changes)
        std::printf("  %-20s  #%-3d %8.4f%%   #%-3d %8.4f%%%s\n", nlohmann::json(pieceOf(in, r.id)).dump().c_str(),
            r.referenceRank, 100.0 * r.referenceProbability, r.otherRank, 100.0 * r.otherProbability,
            r.referenceRank == r.otherRank ? "" : "   (moved)");
    return 0;
}
