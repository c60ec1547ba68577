#include "core/tokenizer/post_processor.h"

namespace core {

namespace {

    std::int32_t idOf(const JsonAt& pair)
    {
        // ["<s>", 1]
        pair.array();
        if (pair.size() != 2)
            pair.fail("expected [token, id]");
        const std::int64_t id = pair.at(std::size_t { 1 }).integer();
        if (id < 0 || id >= (1 << 24))
            pair.fail("id out of range");
        return static_cast<std::int32_t>(id);
    }

} // namespace

PostProcessor PostProcessor::fromJson(const JsonAt& json)
{
    PostProcessor p;
    if (!json.isNull())
        p.load(json);
    return p;
}

void PostProcessor::load(const JsonAt& json)
{
    json.object();
    const std::string type = json.at("type").str();
    if (type == "ByteLevel")
        return; // only trims offsets
    if (type == "Sequence") {
        const JsonAt list = json.at("processors").array();
        for (std::size_t i = 0; i < list.size(); ++i)
            load(list.at(i));
        return;
    }
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        m_prefix.insert(m_prefix.begin(), idOf(json.at("cls")));
        m_suffix.push_back(idOf(json.at("sep")));
        return;
    }
    if (type != "TemplateProcessing")
        json.at("type").fail("unsupported post-processor type \"" + type
            + "\" (supported: TemplateProcessing, ByteLevel, BertProcessing, RobertaProcessing, Sequence)");

    const JsonAt single = json.at("single").array();
    const JsonAt specials = json.has("special_tokens") ? json.at("special_tokens").object() : json;
    std::vector<std::int32_t> before, after;
    bool seenSequence = false;
    for (std::size_t i = 0; i < single.size(); ++i) {
        const JsonAt item = single.at(i).object();
        if (item.has("Sequence")) {
            if (seenSequence)
                item.fail("the single template names the sequence twice");
            seenSequence = true;
            continue;
        }
        if (!item.has("SpecialToken"))
            item.fail("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
        const std::string name = item.at("SpecialToken").at("id").str();
        if (!json.has("special_tokens") || !specials.value().contains(name))
            item.at("SpecialToken").at("id").fail("\"" + name + "\" is not in special_tokens");
        const JsonAt ids = specials.at(name.c_str()).at("ids").array();
        auto& dest = seenSequence ? after : before;
        for (std::size_t k = 0; k < ids.size(); ++k) {
            const std::int64_t id = ids.at(k).integer();
            if (id < 0 || id >= (1 << 24))
                ids.at(k).fail("id out of range");
            dest.push_back(static_cast<std::int32_t>(id));
        }
    }
    if (!seenSequence)
        single.fail("the single template has no {\"Sequence\": ...}");
    m_prefix.insert(m_prefix.end(), before.begin(), before.end());
    m_suffix.insert(m_suffix.begin(), after.begin(), after.end());
}

} // namespace core
