#pragma once
// tokenizer.json "post_processor", as far as single sequences go: which special tokens encode(text, true)
// puts before and after the text (TemplateProcessing, BertProcessing, RobertaProcessing; ByteLevel adds
// none; Sequence chains them).
#include "core/tokenizer/json_at.h"

#include <cstdint>
#include <vector>

namespace core {

class PostProcessor {
public:
    // json may be null (no post-processor: nothing is added).
    static PostProcessor fromJson(const JsonAt& json);

    const std::vector<std::int32_t>& prefix() const { return m_prefix; }
    const std::vector<std::int32_t>& suffix() const { return m_suffix; }

private:
    void load(const JsonAt& json);

    std::vector<std::int32_t> m_prefix;
    std::vector<std::int32_t> m_suffix;
};

} // namespace core
