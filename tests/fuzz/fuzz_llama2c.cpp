// libFuzzer harness: a llama2.c checkpoint. The first 28 bytes of the input are model.bin's header followed by
// its weights (Llama2cSource checks every size against the file); the same bytes are also read as a tokenizer.bin
// for a vocabulary of up to 512 tokens, which must refuse lengths that run past its end.
#include "fuzz_input_file.h"

#include "core/common/error.h"
#include "core/formats/llama2c/llama2c_file.h"
#include "core/tokenizer/llama2c_vocab.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = fuzzing::asFile(data, size);
    try {
        const core::Llama2cSource source(path);
        for (const auto& t : source.tensors())
            if (t.numel() <= (1 << 16))
                (void)core::toFloat(t);
    } catch (const core::Error&) {
    }
    try {
        const std::int32_t vocab = size ? std::int32_t(data[0]) + 256 * std::int32_t(data[size - 1] & 1) : 1;
        const core::Tokenizer tok = core::tokenizerFromLlama2c(path, vocab);
        (void)tok.encodeIds("Once upon a time");
    } catch (const core::Error&) {
    }
    return 0;
}
