#pragma once
// Chat templates. A chat model was trained on one layout of turns (its special tokens, role names, newlines); the
// model file names it as a Jinja template (GGUF `tokenizer.chat_template`, Hugging Face `tokenizer_config.json`
// `chat_template`). Like llama.cpp we do not execute Jinja: we recognise the template's family by the markers it
// writes and produce that family's layout natively. A template we do not recognise (or none at all) gets ChatML,
// and the result says so in words, so a front end can show the notice instead of guessing silently.
#include <optional>
#include <string>
#include <vector>

namespace core {

class Tokenizer;

struct ChatMessage {
    std::string role; // "system", "user", "assistant"
    std::string content;
};

enum class ChatFamily { ChatMl, Llama3, Llama2, Mistral, Gemma, Phi3 };

const char* chatFamilyName(ChatFamily f); // "ChatML", "Llama 3", ...
const char* chatFamilyKey(ChatFamily f); // "chatml", "llama3", ... (the CLI's --template)

struct ChatFormat {
    ChatFamily family = ChatFamily::ChatMl;
    bool recognised = false; // false: no template, or one of no family we know (ChatML is used)
    std::string notice; // why ChatML was chosen, for people; empty when recognised
};

// The family of a Jinja chat template (nullopt or "": the model names none).
ChatFormat recogniseChatTemplate(const std::optional<std::string>& jinja);

// The turns in the family's layout; with addAssistantPrompt, the text that opens the assistant's turn (where the
// model starts writing). No BOS: the tokenizer adds it when the model wants one (add_bos_token).
std::string formatChat(ChatFamily family, const std::vector<ChatMessage>& messages, bool addAssistantPrompt = true);

// The text that ends an assistant turn ("<|im_end|>", "<|eot_id|>", "</s>", "<end_of_turn>", "<|end|>"): a stop
// sequence for generation.
std::string chatTurnEnd(ChatFamily family);

// The special tokens the family's layout is made of that `tokenizer` lacks (empty: it can encode the layout as
// intended; otherwise those markers would be split into ordinary text pieces).
std::vector<std::string> missingChatTokens(ChatFamily family, const Tokenizer& tokenizer);

} // namespace core
