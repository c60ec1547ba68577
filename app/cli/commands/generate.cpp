#include "commands.h"
#include "model_input.h"
#include "sampling_args.h"

#include "core/common/error.h"
#include "core/sampling/sampling_record.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace {

// Streams the text as it grows, holding back what might still turn out to be a stop sequence or a
// half-decoded UTF-8 character (the decoder shows those as U+FFFD until the rest arrives).
class TextStreamer {
public:
    explicit TextStreamer(const std::vector<std::string>& stops)
    {
        for (const auto& s : stops)
            m_holdBack = std::max(m_holdBack, s.size() - 1);
    }
    void update(const std::string& text, bool final)
    {
        std::size_t ready = final ? text.size() : (text.size() > m_holdBack ? text.size() - m_holdBack : 0);
        const std::string replacement = "\xEF\xBF\xBD";
        if (!final)
            while (ready >= 3 && text.compare(ready - 3, 3, replacement) == 0)
                ready -= 3;
        if (ready > m_printed && text.size() >= ready) {
            std::cout << text.substr(m_printed, ready - m_printed) << std::flush;
            m_printed = ready;
        }
    }

private:
    std::size_t m_holdBack = 0;
    std::size_t m_printed = 0;
};

nlohmann::ordered_json stepJson(const core::GeneratedToken& t, std::size_t top)
{
    return { { "id", t.id }, { "piece", t.piece }, { "probability", t.probability }, { "seconds", t.seconds },
        { "sampling", t.record.toJson(top) } };
}

} // namespace

// Shared by generate and chat: run the session on `in.tokens` and print.
int runGeneration(const Args& args, ModelInput& in)
{
    core::GenerationSession session(*in.model, in.tokenizer, &in.loaded->plan);
    session.setOptions(generationFromArgs(args));
    // The model's own defaults (generation_config.json: do_sample false = greedy), then the flags.
    session.setSampling(samplingFromArgs(args, core::samplingDefaults(in.model->config())), orderFromArgs(args));
    const bool json = args.flag("json");
    const std::size_t top = std::size_t(args.integer("top", 5, 1, 1000));
    session.start(in.tokens);
    TextStreamer streamer(session.options().stopSequences);
    nlohmann::ordered_json steps = nlohmann::json::array();
    while (!session.finished()) {
        const auto& t = session.step();
        if (json)
            steps.push_back(stepJson(t, top));
        else
            streamer.update(session.text(), false);
    }
    const auto m = session.metrics();
    if (json) {
        nlohmann::ordered_json stop = { { "reason", core::stopReasonName(session.stopReason()) } };
        if (session.stopReason() == core::StopReason::Eos)
            stop["eos_token"] = session.eosHit();
        if (session.stopReason() == core::StopReason::StopSequence)
            stop["match"] = { { "sequence", session.stopMatch().sequence }, { "begin", session.stopMatch().begin },
                { "end", session.stopMatch().end } };
        std::cout << nlohmann::ordered_json {
            { "prompt_tokens", in.tokens }, { "text", session.text() }, { "order", session.pipeline().stageNames() },
            { "steps", steps }, { "stop", stop }, { "metrics", m.toJson() }
        }.dump(2) << "\n";
        return 0;
    }
    streamer.update(session.text(), true);
    std::cout << "\n";
    std::cerr << "[stop: " << core::stopReasonName(session.stopReason());
    if (session.stopReason() == core::StopReason::Eos && in.tokenizer)
        std::cerr << " " << in.tokenizer->tokenString(session.eosHit());
    if (session.stopReason() == core::StopReason::StopSequence)
        std::cerr << " \"" << session.stopMatch().sequence << "\"";
    std::cerr << " · " << m.generatedTokens << " tokens · TTFT " << m.firstTokenSeconds * 1e3 << " ms · "
              << m.decodeTokensPerSecond() << " tokens/s]\n";
    return 0;
}

int cmdGenerate(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert(kSamplingOptions.begin(), kSamplingOptions.end());
    Args args(w, kSamplingFlags, opts);
    ModelInput in = loadModelInput(args);
    return runGeneration(args, in);
}

int cmdChat(const Words& w)
{
    auto opts = kSamplingOptions;
    opts.insert({ "system", "user", "threads" });
    Args args(w, kSamplingFlags, opts);
    if (!args.has("user"))
        throw UsageError("--user TEXT is required");
    ModelInput in = loadModelInput(args, false);
    if (!in.tokenizer || !in.tokenizer->supportsChatMl())
        throw core::Error(in.loaded->tokenizerFile.empty() ? in.model->folder() : in.loaded->tokenizerFile, "tokenizer",
            "this model's tokenizer has no <|im_start|> / <|im_end|> tokens, so it cannot use the ChatML layout");
    std::vector<core::ChatMessage> messages;
    if (args.has("system"))
        messages.push_back({ "system", args.text("system") });
    messages.push_back({ "user", args.text("user") });
    in.tokens = in.tokenizer->encodeIds(core::formatChatMl(messages, true));
    return runGeneration(args, in);
}
