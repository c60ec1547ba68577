#include "args.h"
#include "commands.h"
#include "model_input.h"

#include "core/loader/export_gguf.h"

#include <iostream>
#include <map>

// A Hugging Face folder's weights as a GGUF file llama.cpp opens (core/loader/export_gguf.h): F32 / F16 for running
// the same weights in llama.cpp beside us (`bench --llama-cpp`), Q8_0 / Q4_K_M written by our own quantizers in
// llama-quantize's type mixture (the shipped sample GGUF files: tools/sample_models/make_gguf.sh).
int cmdExportGguf(const Words& w)
{
    Args args(w, {}, { "out", "dtype" });
    if (!args.has("out"))
        throw UsageError("--out FILE.gguf is required");
    const std::string label = args.text("dtype", "F32");
    const std::optional<core::GgufFileType> type = core::ggufFileTypeFromLabel(label);
    if (!type)
        throw UsageError("--dtype must be F32, F16, Q8_0 or Q4_K_M, not " + label);
    const ModelInput in = loadModelInput(args, false);
    const core::GgufExport report = core::exportGguf(*in.model, args.text("out"), *type);
    std::map<std::string, int> counts, fallbacks;
    for (const core::ExportedTensor& t : report.tensors) {
        ++counts[core::dtypeName(t.type)];
        if (t.fallback)
            ++fallbacks[core::dtypeName(t.type)];
    }
    std::cout << "wrote " << args.text("out") << " (" << core::ggufFileTypeLabel(*type) << "):";
    for (const auto& [name, n] : counts) {
        std::cout << " " << name << " x " << n;
        if (fallbacks.count(name))
            std::cout << " (" << fallbacks[name] << " by the row-length fallback)";
    }
    std::cout << "; vocabulary: " << report.vocabulary << "\n";
    return 0;
}
