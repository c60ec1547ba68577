// Encoding speed with the real tokenizers (not a CTest test): tokens/s on a few MB of mixed text built
// from the test corpus (English, Turkish, Chinese, code, emoji, ...) and an English-only text.
//   bench_tokenizer [cache dir]   (default: $IE_TOKENIZER_CACHE or <build>/tokenizer-cache; run
//                                  `ctest -R tok_fetch_files` first to fill it)
#include "core/tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

void bench(const std::string& name, const core::Tokenizer& tok, const std::string& label, const std::string& text)
{
    std::size_t tokens = 0;
    double best = 1e30;
    for (int run = 0; run < 3; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        tokens = tok.encode(text, false).ids.size();
        best = std::min(best, seconds(std::chrono::steady_clock::now() - t0));
    }
    std::printf("%-7s %-8s %6.2f MB -> %9zu tokens in %7.3f s: %10.0f tokens/s, %6.2f MB/s\n", name.c_str(),
        label.c_str(), text.size() / 1e6, tokens, best, tokens / best, text.size() / 1e6 / best);
}

} // namespace

int main(int argc, char** argv)
{
    std::string cache = argc > 1 ? argv[1] : "";
    if (cache.empty()) {
        const char* env = std::getenv("IE_TOKENIZER_CACHE");
        cache = env && *env ? env : IE_BUILD_DIR "/tokenizer-cache";
    }
    std::ifstream in(IE_TEST_DATA_DIR "/tokenizers/corpus.json", std::ios::binary);
    const auto strings = nlohmann::json::parse(in).at("strings").get<std::vector<std::string>>();
    std::string mixed;
    while (mixed.size() < 4'000'000)
        for (const std::string& s : strings)
            mixed += s + "\n";
    std::string english;
    const std::string paragraph = "Once upon a time, there was a little robot who wanted to learn how to paint. "
                                  "Every morning it rolled to the window, looked at the sky, and tried to mix the "
                                  "right shade of blue; it failed 1,234 times before it got it right.\n";
    while (english.size() < 4'000'000)
        english += paragraph;

    for (const char* name : { "qwen3", "gpt2", "llama2" }) {
        const std::string path = cache + "/" + name + "/tokenizer.json";
        try {
            const auto t0 = std::chrono::steady_clock::now();
            const core::Tokenizer tok = core::Tokenizer::fromFile(path);
            std::printf("%-7s loaded in %.2f s\n", name, seconds(std::chrono::steady_clock::now() - t0));
            bench(name, tok, "mixed", mixed);
            bench(name, tok, "english", english);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s\n", name, e.what());
            return 1;
        }
    }
    return 0;
}
