#include "args.h"
#include "commands.h"
#include "model_input.h"

#include "core/loader/export_gguf.h"

#include <iostream>

// A Hugging Face folder's weights as a GGUF file llama.cpp opens (core/loader/export_gguf.h): for running the same
// weights in llama.cpp beside us (`bench --llama-cpp`, tools/llama_cpp/quantize.py for its quantized types).
int cmdExportGguf(const Words& w)
{
    Args args(w, {}, { "out", "dtype" });
    if (!args.has("out"))
        throw UsageError("--out FILE.gguf is required");
    const std::string dtype = args.text("dtype", "F32");
    if (dtype != "F32" && dtype != "F16")
        throw UsageError("--dtype must be F32 or F16 (quantize with tools/llama_cpp/quantize.py)");
    const ModelInput in = loadModelInput(args, false);
    core::exportGguf(*in.model, args.text("out"), dtype == "F32" ? core::DType::F32 : core::DType::F16);
    std::cout << "wrote " << args.text("out") << "\n";
    return 0;
}
