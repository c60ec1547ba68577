// libFuzzer harness: a GGUF file. Opening validates the header, every metadata value and every tensor info
// (GgufSource); afterwards the hyper-parameters are read as a model would read them, every small tensor is
// dequantized, and a file that names a tokenizer has it built: all without reading outside the mapped file, and
// every refusal a core::Error.
#include "fuzz_input_file.h"

#include "core/common/error.h"
#include "core/formats/gguf/gguf_model.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/tokenizer/gguf_vocab.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const core::GgufSource source(fuzzing::asFile(data, size));
        const core::GgufFile& file = source.file();
        try {
            (void)core::readGgufHyperParams(file);
        } catch (const core::Error&) {
        }
        for (const auto& t : source.tensors()) {
            if (t.numel() > (1 << 20))
                continue; // valid but large: dequantizing it teaches nothing new
            try {
                (void)core::toFloat(t);
            } catch (const core::Error&) {
            }
        }
        if (file.has("tokenizer.ggml.model")) {
            try {
                const core::Tokenizer tok = core::tokenizerFromGguf(file);
                (void)tok.encodeIds("The capital of France is Paris.");
            } catch (const core::Error&) {
            }
        }
    } catch (const core::Error&) {
    }
    return 0;
}
