#include "core/tokenizer/chat_ml.h"

namespace core {

std::string formatChatMl(const std::vector<ChatMessage>& messages, bool addAssistantPrompt)
{
    std::string out;
    for (const ChatMessage& m : messages) {
        out += "<|im_start|>";
        out += m.role;
        out += '\n';
        out += m.content;
        out += "<|im_end|>\n";
    }
    if (addAssistantPrompt)
        out += "<|im_start|>assistant\n";
    return out;
}

} // namespace core
