#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/limits.h"
#include "core/loader/format_openers.h"

#include <filesystem>

namespace core {

// tokenizer_config.json's chat_template is a string, or (newer files) a list of {"name", "template"} of which
// "default" is the one used for plain chat. Anything else there is refused by name: a wrong template would format
// every turn wrongly without a word.
std::optional<std::string> readHfChatTemplate(const std::string& folder)
{
    const std::string file = (std::filesystem::path(folder) / "tokenizer_config.json").string();
    if (!pathExists(file))
        return std::nullopt;
    const nlohmann::json j = parseJsonText(readRegularFile(file, limits::kMaxConfigJsonBytes), file);
    if (!j.is_object() || !j.contains("chat_template") || j["chat_template"].is_null())
        return std::nullopt;
    const nlohmann::json& t = j["chat_template"];
    if (t.is_string())
        return t.get<std::string>();
    if (t.is_array()) {
        for (const nlohmann::json& entry : t)
            if (entry.is_object() && entry.value("name", nlohmann::json()).is_string()
                && entry["name"].get<std::string>() == "default" && entry.contains("template")
                && entry["template"].is_string())
                return entry["template"].get<std::string>();
        throw Error(file, "chat_template", "is a list without an entry named \"default\" holding a template string");
    }
    throw Error(file, "chat_template", "must be a string or a list of {name, template}");
}

} // namespace core
