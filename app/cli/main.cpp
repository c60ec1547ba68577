// inference-cli: the engine from the command line, for scripts (JSON out) and for checking the GUI's numbers.
// Exit codes: 0 ok, 1 bad input (the message names the file and the field), 2 usage.
#include "args.h"
#include "commands.h"
#include "commands/sampling_args.h"

#include "core/common/error.h"

#include <cstdio>
#include <functional>
#include <iostream>
#include <map>

namespace {

struct Command {
    std::function<int(const Words&)> run;
    std::string usage;
};

const std::map<std::string, Command>& commands()
{
    static const std::map<std::string, Command> table = {
        { "info", { cmdInfo, "info MODEL [--json]" } },
        { "archs", { cmdArchs, "archs [--json]   (the architecture tables: weight role -> tensor names)" } },
        { "plan", { cmdPlan, "plan MODEL [--json]" } },
        { "tokenize", { cmdTokenize, "tokenize MODEL|TOKENIZER_JSON --text T [--no-special] [--json]" } },
        { "detokenize", { cmdDetokenize, "detokenize MODEL|TOKENIZER_JSON --ids 1,2,3 [--json]" } },
        { "logits",
            { cmdLogits,
                "logits MODEL --prompt T|--tokens 1,2,3 [--top N] [--ablate "
                "blk.L.head.H[:mean]|blk.L.attn|blk.L.mlp]... "
                "[--knockout blk.L.head.H:Q->K]... [--json [--all]]" } },
        { "lens",
            { cmdLens,
                "lens MODEL --prompt T|--tokens 1,2,3 [--target TEXT|#id] [--top N (json: top-N per cell)] "
                "[--ablate SPEC]... [--knockout SPEC]... [--json]   (logit lens)" } },
        { "attribute",
            { cmdAttribute,
                "attribute MODEL --prompt T|--tokens 1,2,3 --target TEXT|#id [--minus TEXT|#id] [--top N] "
                "[--ablate SPEC]... [--knockout SPEC]... [--json]   (direct logit attribution, pre-norm models)" } },
        { "patch",
            { cmdPatch,
                "patch MODEL --clean TEXT --corrupted TEXT --target TEXT|#id [--minus TEXT|#id] [--no-heads] "
                "[--no-residual] [--json]   (activation patching)" } },
        { "heads",
            { cmdHeads,
                "heads MODEL --prompt T|--tokens 1,2,3 [--target TEXT|#id] [--position P] [--induction-length N] "
                "[--seed S] [--sort layer|sink|previous|induction|attention|ablation] [--json]   (head detectors)" } },
        { "trace", { cmdTrace, "trace MODEL --prompt T|--tokens 1,2,3 --out FILE.json" } },
        { "bench",
            { cmdBench,
                "bench MODEL [--prompt-tokens N] [--gen-tokens M] [--threads K] [--repeats R] [--batch N] "
                "[--llama-cpp] [--trace] [--json]" } },
        { "export-gguf", { cmdExportGguf, "export-gguf MODEL --out FILE.gguf [--dtype F32|F16|Q8_0|Q4_K_M]" } },
        { "generate",
            { cmdGenerate,
                "generate MODEL --prompt T|--tokens 1,2,3 [--max-new-tokens N] " + samplingUsage()
                    + " [--stop S]... [--ignore-eos] [--order hf|llama.cpp] [--ablate SPEC]... [--knockout SPEC]... "
                      "[--json [--top N]]" } },
        { "beam",
            { cmdBeam,
                "beam MODEL --prompt T|--tokens 1,2,3 --beams B [--length-penalty a] [--max-new-tokens N] "
                "[--num-return-sequences n] [--early-stopping true|false|never] [--ignore-eos] [--ablate SPEC]... "
                "[--knockout SPEC]... [--json]" } },
        { "compare",
            { cmdCompare,
                "compare MODEL --prompt T|--tokens 1,2,3 [--max-new-tokens N] [--beam-width W (0 = none)] "
                "[--samples S] [--seed X] [other sampling options of generate] [--ablate SPEC]... [--knockout SPEC]... "
                "[--json]" } },
        { "compare-weights",
            { cmdCompareWeights,
                "compare-weights REFERENCE OTHER --prompt T|--tokens 1,2,3 [--json]   (e.g. F32 vs Q4_K_M of one "
                "model)" } },
        { "models",
            { cmdModels,
                "models [--folder DIR]... [--json] [--places]   (Hugging Face cache, Ollama, LM Studio, llama.cpp)" } },
        { "chat",
            { cmdChat,
                "chat MODEL [--system TEXT] --user TEXT [--template chatml|llama3|llama2|mistral|gemma|phi3] "
                "[--show-prompt] [sampling options of generate]" } },
        { "make-random",
            { cmdMakeRandom,
                "make-random --arch gpt2|llama|qwen2|explorer|llama3|mistral|qwen3|gpt_neox|phi3|gemma2|gemma3|smollm3 "
                "--dim D [--layers L] --heads H [--kv-heads K] "
                "[--hidden F] --vocab V [--context C] [--seed S] [--dtype F32|F16|BF16] [--tied] "
                "[--positional learned|sinusoidal|rope --norm layernorm|rmsnorm --placement pre|post "
                "--activation relu|gelu|swiglu] --out DIR" } },
    };
    return table;
}

void printUsage()
{
    std::fprintf(stderr, "usage: inference-cli COMMAND ...\n");
    for (const auto& [name, c] : commands())
        std::fprintf(stderr, "  inference-cli %s\n", c.usage.c_str());
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        printUsage();
        return argc < 2 ? 2 : 0;
    }
    const auto it = commands().find(argv[1]);
    if (it == commands().end()) {
        std::fprintf(stderr, "inference-cli: unknown command \"%s\"\n", argv[1]);
        printUsage();
        return 2;
    }
    try {
        return it->second.run(Words(argv + 2, argv + argc));
    } catch (const UsageError& e) {
        std::fprintf(
            stderr, "inference-cli %s: %s\nusage: inference-cli %s\n", argv[1], e.what(), it->second.usage.c_str());
        return 2;
    } catch (const core::Error& e) {
        std::fprintf(stderr, "inference-cli %s: %s\n", argv[1], e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "inference-cli %s: out of memory\n", argv[1]);
        return 1;
    } catch (const std::exception& e) { // a library error core did not translate: still a message, never an abort
        std::fprintf(stderr, "inference-cli %s: %s\n", argv[1], e.what());
        return 1;
    } catch (...) {
        std::fprintf(stderr, "inference-cli %s: unexpected error\n", argv[1]);
        return 1;
    }
}
