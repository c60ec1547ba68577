// inference-cli patch: activation patching from a clean prompt into a corrupted one of the same length; the
// fraction of the clean logit difference each patched residual (layer x position) and head (layer x head) restores.
#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"

#include "core/analysis/activation_patching.h"
#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

int cmdPatch(const Words& w)
{
    Args args(w, { "json", "no-heads", "no-residual" }, { "clean", "corrupted", "target", "minus", "threads" });
    ModelInput in = loadModelInput(args, false);
    if (!args.has("clean") || !args.has("corrupted") || !args.has("target"))
        throw UsageError("patch needs --clean TEXT --corrupted TEXT --target TEXT [--minus TEXT]");
    if (!in.tokenizer)
        throw core::Error(in.model->folder(), "tokenizer", "missing: patch reads --clean and --corrupted as text");
    const auto clean = in.tokenizer->encodeIds(args.text("clean")),
               corrupted = in.tokenizer->encodeIds(args.text("corrupted"));
    core::PatchingOptions o;
    o.target = tokenFromArgs(args, "target", in);
    o.minus = tokenFromArgs(args, "minus", in);
    o.heads = !args.flag("no-heads");
    o.residual = !args.flag("no-residual");
    o.progress = [](int done, int total) {
        if (done == total || done % 16 == 0)
            std::fprintf(stderr, "\rpatching: %d / %d passes", done, total);
        if (done == total)
            std::fprintf(stderr, "\n");
    };
    const core::PatchingResult r = core::runActivationPatching(*in.model, in.loaded->plan, clean, corrupted, o);
    if (args.flag("json")) {
        nlohmann::ordered_json residual = nlohmann::json::array(), heads = nlohmann::json::array();
        for (int l = 0; l < r.layers && o.residual; ++l) {
            std::vector<double> row(r.residual.begin() + l * r.positions, r.residual.begin() + (l + 1) * r.positions);
            residual.push_back(row);
        }
        for (int l = 0; l < r.layers && o.heads; ++l) {
            std::vector<double> row(r.head.begin() + l * r.heads, r.head.begin() + (l + 1) * r.heads);
            heads.push_back(row);
        }
        nlohmann::ordered_json pieces = nlohmann::json::array();
        for (std::size_t p = 0; p < clean.size(); ++p)
            pieces.push_back({ pieceOf(in, clean[p]), pieceOf(in, corrupted[p]) });
        std::cout << nlohmann::ordered_json {
            { "clean_tokens", clean }, { "corrupted_tokens", corrupted }, { "pieces", pieces },
            { "clean_metric", r.cleanMetric }, { "corrupted_metric", r.corruptedMetric }, { "residual", residual },
            { "heads", heads }
        }.dump(2) << "\n";
        return 0;
    }
    std::printf("logit difference: clean %.4f, corrupted %.4f; cells: fraction restored by patching it (1 = all)\n",
        r.cleanMetric, r.corruptedMetric);
    if (o.residual) {
        std::printf("residual stream entering each block (rows) at each position (columns):\n%-8s", "");
        for (std::size_t p = 0; p < clean.size(); ++p) {
            const std::string piece = pieceOf(in, clean[p]) == pieceOf(in, corrupted[p])
                ? pieceOf(in, clean[p])
                : pieceOf(in, clean[p]) + "/" + pieceOf(in, corrupted[p]);
            std::printf(" %12s", nlohmann::json(piece).dump().c_str());
        }
        std::printf("\n");
        for (int l = 0; l < r.layers; ++l) {
            std::printf("blk.%-4d", l);
            for (int p = 0; p < r.positions; ++p)
                std::printf(" %12.3f", r.residualAt(l, p));
            std::printf("\n");
        }
    }
    if (o.heads) {
        std::printf("each head's output at every position (rows: layers, columns: heads):\n");
        for (int l = 0; l < r.layers; ++l) {
            std::printf("blk.%-4d", l);
            for (int h = 0; h < r.heads; ++h)
                std::printf(" %8.3f", r.headAt(l, h));
            std::printf("\n");
        }
    }
    return 0;
}
