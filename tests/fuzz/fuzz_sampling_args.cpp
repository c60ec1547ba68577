// libFuzzer harness: the CLI's sampling and stopping options (generate, chat). The input is a list of command-line
// words separated by '\n'. Parsed parameters are then validated and, when valid, run through the sampling pipeline
// on fixed logits (258 tokens, like tiny-gpt2's vocabulary) with a short history.
#include "args.h"
#include "commands/sampling_args.h"

#include "core/common/error.h"
#include "core/sampling/sampling_pipeline.h"
#include "core/sampling/sampling_record.h"

#include <cmath>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n') {
            words.push_back(word);
            word.clear();
        } else {
            word += char(data[i]);
        }
    }
    words.push_back(word);
    constexpr int kVocab = 258;
    try {
        const Args args(words, kSamplingFlags, kSamplingOptions);
        const core::SamplingParameters p = samplingFromArgs(args);
        const core::GenerationOptions o = generationFromArgs(args);
        const core::StageOrder order = orderFromArgs(args);
        (void)o;
        p.validate(kVocab);
        std::vector<float> logits(kVocab);
        for (int i = 0; i < kVocab; ++i)
            logits[i] = float(std::sin(i * 0.7) * 8.0 + (i % 7 == 0 ? 20.0 : 0.0));
        const std::vector<std::int32_t> history { 1, 7, 7, 42, 257, 0 };
        core::SamplingPipeline pipeline(kVocab, p, order);
        for (double u : { 0.0, 0.5, 0.999999 }) {
            const core::SamplingRecord r = pipeline.run(logits, history, u);
            if (r.chosenToken() < 0 || r.chosenToken() >= kVocab)
                __builtin_trap();
            if (!(r.chosenProbability() > 0.0 && r.chosenProbability() <= 1.0 + 1e-6))
                __builtin_trap();
        }
    } catch (const UsageError&) {
    } catch (const core::Error&) {
    }
    return 0;
}
