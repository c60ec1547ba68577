#pragma once
// The ChatML layout used by Qwen and SmolLM chat models. tokenizer_config.json's Jinja chat_template is not
// executed; this writes the layout those templates produce for plain messages.
#include <string>
#include <vector>

namespace core {

struct ChatMessage {
    std::string role; // "system", "user", "assistant"
    std::string content;
};

// "<|im_start|>role\ncontent<|im_end|>\n" per message, then "<|im_start|>assistant\n" if
// addAssistantPrompt (the point where the model starts writing its answer).
std::string formatChatMl(const std::vector<ChatMessage>& messages, bool addAssistantPrompt = true);

} // namespace core
