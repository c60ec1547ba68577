#include "commands.h"
#include "model_input.h"
#include "sampling_args.h"

#include "core/common/error.h"
#include "core/sampling/sampling_record.h"
#include "core/tokenizer/chat_template.h"

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
int runGeneration(const Args& args, ModelInput& in, const std::vector<std::int32_t>& extraEos = {})
{
    core::GenerationSession session(*in.model, in.tokenizer, &in.loaded->plan);
    core::GenerationOptions options = generationFromArgs(args);
    options.extraEosIds.insert(options.extraEosIds.end(), extraEos.begin(), extraEos.end());
    session.setOptions(options);
    session.setSampling(samplingFromArgs(args), orderFromArgs(args));
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

// --template NAME chooses the layout by hand; otherwise the model's own template decides.
core::ChatFormat chatFormatOf(const Args& args, const core::LoadedModel& loaded)
{
    if (!args.has("template"))
        return core::recogniseChatTemplate(loaded.chatTemplate);
    const std::string name = args.text("template");
    for (core::ChatFamily f : { core::ChatFamily::ChatMl, core::ChatFamily::Llama3, core::ChatFamily::Llama2,
             core::ChatFamily::Mistral, core::ChatFamily::Gemma, core::ChatFamily::Phi3 })
        if (core::chatFamilyKey(f) == name)
            return { f, true, {} };
    throw UsageError("--template " + name + ": expected one of chatml, llama3, llama2, mistral, gemma, phi3");
}

int cmdChat(const Words& w)
{
    auto opts = kSamplingOptions;
    opts.insert({ "system", "user", "threads", "template" });
    auto flags = kSamplingFlags;
    flags.insert("show-prompt");
    Args args(w, flags, opts);
    if (!args.has("user"))
        throw UsageError("--user TEXT is required");
    ModelInput in = loadModelInput(args, false);
    const std::string tokenizerFile = in.loaded->tokenizerFile.empty() ? in.model->folder() : in.loaded->tokenizerFile;
    if (!in.tokenizer)
        throw core::Error(tokenizerFile, "tokenizer", "the model has no tokenizer, so it cannot format a chat");
    const core::ChatFormat format = chatFormatOf(args, *in.loaded);
    if (!format.recognised)
        std::cerr << "[chat template: " << format.notice << "]\n";
    if (const auto missing = core::missingChatTokens(format.family, *in.tokenizer); !missing.empty())
        throw core::Error(tokenizerFile, "tokenizer",
            std::string("has no ") + missing.front() + " token, so it cannot encode the "
                + core::chatFamilyName(format.family) + " chat layout (choose another with --template)");
    std::vector<core::ChatMessage> messages;
    if (args.has("system"))
        messages.push_back({ "system", args.text("system") });
    messages.push_back({ "user", args.text("user") });
    const std::string text = core::formatChat(format.family, messages, true);
    if (args.flag("show-prompt"))
        std::cerr << "[" << core::chatFamilyName(format.family) << " prompt]\n" << text << "\n[end of prompt]\n";
    in.tokens = in.tokenizer->encodeIds(text);
    // The turn ends at the family's end-of-turn token, whether or not the model's config lists it as an EOS.
    const std::vector<std::int32_t> turnEnd { *in.tokenizer->tokenId(core::chatTurnEnd(format.family)) };
    return runGeneration(args, in, turnEnd);
}
