#include "core/loader/export_gguf_vocab.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/limits.h"
#include "core/formats/gguf/gguf_writer.h"
#include "core/loader/format_openers.h"

#include <filesystem>

namespace core {

namespace {
    using nlohmann::json;

    // bos_token_id / eos_token_id of config.json (the first id when it is a list), if any.
    void writeSpecialIds(GgufWriter& w, const std::string& folder)
    {
        const std::string file = (std::filesystem::path(folder) / "config.json").string();
        if (!pathExists(file))
            return;
        const json c = parseJsonText(readRegularFile(file, limits::kMaxConfigJsonBytes), file);
        for (const auto& [key, ggufKey] : { std::pair { "bos_token_id", "tokenizer.ggml.bos_token_id" },
                 std::pair { "eos_token_id", "tokenizer.ggml.eos_token_id" } }) {
            if (!c.is_object() || !c.contains(key))
                continue;
            const json& v = c[key].is_array() && !c[key].empty() ? c[key][0] : c[key];
            if (v.is_number_unsigned())
                w.setUInt32(ggufKey, v.get<std::uint32_t>());
        }
    }
} // namespace

bool writeFolderVocab(GgufWriter& w, const std::string& folder, int vocab)
{
    const std::string file = (std::filesystem::path(folder) / "tokenizer.json").string();
    if (!pathExists(file))
        return false;
    const json t = parseJsonText(readRegularFile(file, limits::kMaxTokenizerJsonBytes), file);
    const json& model = t.value("model", json());
    if (!model.is_object() || model.value("type", "") != "BPE")
        throw Error(file, "model.type", "GGUF export writes byte-level BPE tokenizers only");
    const json& pre = t.value("pre_tokenizer", json());
    if (!pre.is_object() || pre.value("type", "") != "ByteLevel" || !pre.value("use_regex", true))
        throw Error(file, "pre_tokenizer", "GGUF export writes byte-level BPE (pre-tokenizer ByteLevel) only");
    if (pre.value("add_prefix_space", false))
        throw Error(file, "pre_tokenizer.add_prefix_space", "is true: a GGUF \"gpt-2\" vocabulary adds no space");
    if (!t.value("normalizer", json()).is_null())
        throw Error(file, "normalizer", "a normalizer has no place in a GGUF \"gpt2\" vocabulary");
    const json& post = t.value("post_processor", json());
    if (!post.is_null() && post.value("type", "") != "ByteLevel")
        throw Error(file, "post_processor", "only ByteLevel (adds no tokens) can be written to GGUF");

    std::vector<std::string> tokens(static_cast<std::size_t>(vocab));
    std::vector<bool> seen(std::size_t(vocab), false);
    const auto put = [&](const std::string& text, const json& idValue, const char* field) {
        if (!idValue.is_number_integer() || idValue.get<std::int64_t>() < 0 || idValue.get<std::int64_t>() >= vocab)
            throw Error(
                file, field, "id of \"" + text + "\" is outside the model's " + std::to_string(vocab) + " rows");
        const auto id = std::size_t(idValue.get<std::int64_t>());
        tokens[id] = text;
        seen[id] = true;
        return id;
    };
    const json vocabulary = model.value("vocab", json::object()); // a copy: items() must not outlive it
    for (const auto& [text, id] : vocabulary.items())
        put(text, id, "model.vocab");
    std::vector<std::int32_t> types(std::size_t(vocab), 1); // normal
    for (const json& added : t.value("added_tokens", json::array())) {
        const std::size_t id = put(added.value("content", ""), added.value("id", json()), "added_tokens");
        types[id] = added.value("special", false) ? 3 : 4; // control : user-defined
    }
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i]) { // rows of the embedding no token names (llama.cpp's converter pads the same way)
            tokens[i] = "[PAD" + std::to_string(i) + "]";
            types[i] = 5; // unused
        }
    std::vector<std::string> merges;
    for (const json& m : model.value("merges", json::array())) {
        if (m.is_string())
            merges.push_back(m.get<std::string>());
        else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string())
            merges.push_back(m[0].get<std::string>() + " " + m[1].get<std::string>());
        else
            throw Error(file, "model.merges", "an entry is neither \"a b\" nor [\"a\", \"b\"]");
    }
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setString("tokenizer.ggml.pre", "gpt-2");
    w.setStringArray("tokenizer.ggml.tokens", tokens);
    w.setInt32Array("tokenizer.ggml.token_type", types);
    w.setStringArray("tokenizer.ggml.merges", merges);
    writeSpecialIds(w, folder);
    w.setBool("tokenizer.ggml.add_bos_token", false);
    w.setBool("tokenizer.ggml.add_eos_token", false);
    if (const std::optional<std::string> chat = readHfChatTemplate(folder))
        w.setString("tokenizer.chat_template", *chat);
    return true;
}

} // namespace core
