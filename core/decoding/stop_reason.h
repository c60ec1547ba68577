#pragma once
// Why a generation stopped.
namespace core {

enum class StopReason { None, MaxNewTokens, Eos, StopSequence, ContextFull, Cancelled };

inline const char* stopReasonName(StopReason r)
{
    switch (r) {
    case StopReason::None:
        return "none";
    case StopReason::MaxNewTokens:
        return "max_new_tokens";
    case StopReason::Eos:
        return "eos";
    case StopReason::StopSequence:
        return "stop_sequence";
    case StopReason::ContextFull:
        return "context_full";
    case StopReason::Cancelled:
        return "cancelled";
    }
    return "?";
}

} // namespace core
