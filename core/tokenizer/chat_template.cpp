#include "core/tokenizer/chat_template.h"

#include "core/tokenizer/tokenizer.h"

namespace core {

namespace {

    bool has(const std::string& text, const char* marker) { return text.find(marker) != std::string::npos; }

    std::string trimmed(const std::string& s)
    {
        const auto b = s.find_first_not_of(" \t\r\n");
        if (b == std::string::npos)
            return {};
        const auto e = s.find_last_not_of(" \t\r\n");
        return s.substr(b, e - b + 1);
    }

    // Families without a system role fold the system text into the first user turn, as their templates do.
    std::vector<ChatMessage> foldSystem(const std::vector<ChatMessage>& messages)
    {
        std::vector<ChatMessage> out;
        std::string pending;
        for (const ChatMessage& m : messages) {
            if (m.role == "system") {
                pending += m.content + "\n\n";
                continue;
            }
            out.push_back(m);
            if (m.role == "user" && !pending.empty()) {
                out.back().content = pending + m.content;
                pending.clear();
            }
        }
        return out;
    }

    std::string chatMl(const std::vector<ChatMessage>& messages, bool open)
    {
        std::string out;
        for (const ChatMessage& m : messages)
            out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
        if (open)
            out += "<|im_start|>assistant\n";
        return out;
    }

    // Llama 3 / 3.1 / 3.2: header tokens around the role, content trimmed, <|eot_id|> after every turn.
    std::string llama3(const std::vector<ChatMessage>& messages, bool open)
    {
        std::string out;
        for (const ChatMessage& m : messages)
            out += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n" + trimmed(m.content) + "<|eot_id|>";
        if (open)
            out += "<|start_header_id|>assistant<|end_header_id|>\n\n";
        return out;
    }

    // Llama 2 chat: [INST] … [/INST] pairs; the system text in <<SYS>> inside the first one; an answer ends with
    // </s> and the next pair starts with <s> (the first <s> is the tokenizer's BOS).
    std::string llama2(const std::vector<ChatMessage>& messages, bool)
    {
        std::string out = "[INST] ";
        bool insideTurn = true;
        for (const ChatMessage& m : messages) {
            if (!insideTurn) {
                out += "<s>[INST] ";
                insideTurn = true;
            }
            if (m.role == "system")
                out += "<<SYS>>\n" + trimmed(m.content) + "\n<</SYS>>\n\n";
            else if (m.role == "user")
                out += trimmed(m.content) + " [/INST]";
            else {
                out += " " + trimmed(m.content) + " </s>";
                insideTurn = false;
            }
        }
        return out; // the open [/INST] already is where the answer starts
    }

    // Mistral Instruct (v0.1/v0.2 layout): like Llama 2 without a system role, without <s> inside the history and
    // without trimming.
    std::string mistral(const std::vector<ChatMessage>& messages, bool)
    {
        std::string out;
        for (const ChatMessage& m : foldSystem(messages)) {
            if (m.role == "user")
                out += "[INST] " + m.content + " [/INST]";
            else
                out += m.content + "</s>";
        }
        return out;
    }

    // Gemma (1, 2, 3): turns open with <start_of_turn> and the role, the assistant is called "model".
    std::string gemma(const std::vector<ChatMessage>& messages, bool open)
    {
        std::string out;
        for (const ChatMessage& m : foldSystem(messages))
            out += "<start_of_turn>" + std::string(m.role == "assistant" ? "model" : m.role) + "\n" + trimmed(m.content)
                + "<end_of_turn>\n";
        if (open)
            out += "<start_of_turn>model\n";
        return out;
    }

    // Phi-3 / 3.5: <|role|> on its own line, <|end|> after every turn.
    std::string phi3(const std::vector<ChatMessage>& messages, bool open)
    {
        std::string out;
        for (const ChatMessage& m : messages)
            out += "<|" + m.role + "|>\n" + m.content + "<|end|>\n";
        if (open)
            out += "<|assistant|>\n";
        return out;
    }

    std::vector<std::string> markers(ChatFamily f)
    {
        switch (f) {
        case ChatFamily::ChatMl:
            return { "<|im_start|>", "<|im_end|>" };
        case ChatFamily::Llama3:
            return { "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>" };
        case ChatFamily::Llama2:
        case ChatFamily::Mistral:
            return { "</s>" };
        case ChatFamily::Gemma:
            return { "<start_of_turn>", "<end_of_turn>" };
        case ChatFamily::Phi3:
            return { "<|user|>", "<|assistant|>", "<|end|>" };
        }
        return {};
    }

} // namespace

const char* chatFamilyName(ChatFamily f)
{
    switch (f) {
    case ChatFamily::ChatMl:
        return "ChatML";
    case ChatFamily::Llama3:
        return "Llama 3";
    case ChatFamily::Llama2:
        return "Llama 2";
    case ChatFamily::Mistral:
        return "Mistral";
    case ChatFamily::Gemma:
        return "Gemma";
    case ChatFamily::Phi3:
        return "Phi-3";
    }
    return "?";
}

const char* chatFamilyKey(ChatFamily f)
{
    switch (f) {
    case ChatFamily::ChatMl:
        return "chatml";
    case ChatFamily::Llama3:
        return "llama3";
    case ChatFamily::Llama2:
        return "llama2";
    case ChatFamily::Mistral:
        return "mistral";
    case ChatFamily::Gemma:
        return "gemma";
    case ChatFamily::Phi3:
        return "phi3";
    }
    return "?";
}

ChatFormat recogniseChatTemplate(const std::optional<std::string>& jinja)
{
    if (!jinja || jinja->empty())
        return { ChatFamily::ChatMl, false, "the model names no chat template; ChatML is used" };
    const std::string& t = *jinja;
    // Checked from the most specific marker to the least: Phi-3 templates never write <|im_start|>, but a ChatML
    // template can mention [INST] in a comment less often than the reverse.
    if (has(t, "<|start_header_id|>") && has(t, "<|end_header_id|>"))
        return { ChatFamily::Llama3, true, {} };
    if (has(t, "<|im_start|>"))
        return { ChatFamily::ChatMl, true, {} };
    if (has(t, "<start_of_turn>"))
        return { ChatFamily::Gemma, true, {} };
    if (has(t, "<|assistant|>") && has(t, "<|end|>"))
        return { ChatFamily::Phi3, true, {} };
    if (has(t, "[INST]"))
        return { has(t, "<<SYS>>") ? ChatFamily::Llama2 : ChatFamily::Mistral, true, {} };
    return { ChatFamily::ChatMl, false,
        "the model's chat template is of no family we recognise (ChatML, Llama 3, Llama 2, Mistral, Gemma, Phi-3); "
        "ChatML is used" };
}

std::string formatChat(ChatFamily family, const std::vector<ChatMessage>& messages, bool addAssistantPrompt)
{
    switch (family) {
    case ChatFamily::ChatMl:
        return chatMl(messages, addAssistantPrompt);
    case ChatFamily::Llama3:
        return llama3(messages, addAssistantPrompt);
    case ChatFamily::Llama2:
        return llama2(messages, addAssistantPrompt);
    case ChatFamily::Mistral:
        return mistral(messages, addAssistantPrompt);
    case ChatFamily::Gemma:
        return gemma(messages, addAssistantPrompt);
    case ChatFamily::Phi3:
        return phi3(messages, addAssistantPrompt);
    }
    return {};
}

std::string chatTurnEnd(ChatFamily family)
{
    switch (family) {
    case ChatFamily::ChatMl:
        return "<|im_end|>";
    case ChatFamily::Llama3:
        return "<|eot_id|>";
    case ChatFamily::Llama2:
    case ChatFamily::Mistral:
        return "</s>";
    case ChatFamily::Gemma:
        return "<end_of_turn>";
    case ChatFamily::Phi3:
        return "<|end|>";
    }
    return {};
}

std::vector<std::string> missingChatTokens(ChatFamily family, const Tokenizer& tokenizer)
{
    std::vector<std::string> missing;
    for (const std::string& m : markers(family))
        if (!tokenizer.tokenId(m))
            missing.push_back(m);
    return missing;
}

} // namespace core
