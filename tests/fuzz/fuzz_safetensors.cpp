// libFuzzer harness: a .safetensors file (8-byte header length, JSON header, data). Opening validates the whole
// layout; afterwards every tensor must be readable as the header says: converted to float (F32/F16/BF16/F64) or
// int (I32/I64) without reading outside the mapped file.
#include "fuzz_input_file.h"

#include "core/common/error.h"
#include "core/formats/safetensors_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const core::SafetensorsFile file(fuzzing::asFile(data, size));
        for (const auto& t : file.tensors()) {
            if (t.numel > (1 << 20))
                continue; // valid but large: converting it teaches nothing new
            try {
                const auto f = file.toFloat(t);
                (void)f;
            } catch (const core::Error&) {
            }
            try {
                const auto i = file.toInt(t);
                (void)i;
            } catch (const core::Error&) {
            }
        }
        (void)file.metadata();
    } catch (const core::Error&) {
    }
    return 0;
}
