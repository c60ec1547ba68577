// Chat templates: every real template in tests/data/chat_templates is recognised as its family, and our native
// layout writes exactly what Jinja2 renders from it (tools/reference/chat_templates.py made expected.json); an
// unknown template gets ChatML and a notice; the template travels from tokenizer_config.json and from GGUF
// metadata into the LoadedModel; a tokenizer without the family's special tokens is reported.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/gguf/gguf_writer.h"
#include "core/loader/format_openers.h"
#include "core/loader/loaded_model.h"
#include "core/tokenizer/chat_template.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace {

const std::string kData = IE_TEST_DATA_DIR "/chat_templates/";
const std::string kGguf = IE_GGUF_FIXTURES "/";

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

} // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void realTemplatesFormatLikeJinja()
    {
        const nlohmann::json expected = nlohmann::json::parse(readText(kData + "expected.json"));
        int checked = 0;
        for (const auto& [name, entry] : expected.items()) {
            const core::ChatFormat format = core::recogniseChatTemplate(readText(kData + name + ".jinja"));
            if (entry["family"].is_null()) {
                QVERIFY2(!format.recognised, name.c_str());
                QCOMPARE(format.family, core::ChatFamily::ChatMl);
                QVERIFY(format.notice.find("ChatML is used") != std::string::npos);
                continue;
            }
            QVERIFY2(format.recognised, name.c_str());
            QCOMPARE(std::string(core::chatFamilyKey(format.family)), entry["family"].get<std::string>());
            for (const auto& c : entry["cases"]) {
                std::vector<core::ChatMessage> messages;
                for (const auto& m : c["messages"])
                    messages.push_back({ m["role"].get<std::string>(), m["content"].get<std::string>() });
                const std::string ours = core::formatChat(format.family, messages, true);
                const std::string jinja = c["text"].get<std::string>();
                if (ours != jinja)
                    qWarning() << name.c_str() << c["conversation"].get<std::string>().c_str()
                               << "\nours: " << ours.c_str() << "\njinja:" << jinja.c_str();
                QCOMPARE(ours, jinja);
                ++checked;
            }
        }
        qInfo() << checked << "conversations formatted exactly as Jinja2 renders the real templates";
        QVERIFY(checked >= 14);
    }

    void noTemplateMeansChatMlWithNotice()
    {
        const core::ChatFormat none = core::recogniseChatTemplate(std::nullopt);
        QVERIFY(!none.recognised);
        QCOMPARE(none.family, core::ChatFamily::ChatMl);
        QVERIFY(none.notice.find("no chat template") != std::string::npos);
        QCOMPARE(core::recogniseChatTemplate(std::string()).recognised, false);
    }

    void turnEnds()
    {
        QCOMPARE(core::chatTurnEnd(core::ChatFamily::Llama3), std::string("<|eot_id|>"));
        QCOMPARE(core::chatTurnEnd(core::ChatFamily::Gemma), std::string("<end_of_turn>"));
        QCOMPARE(core::chatTurnEnd(core::ChatFamily::Phi3), std::string("<|end|>"));
        QCOMPARE(core::chatTurnEnd(core::ChatFamily::ChatMl), std::string("<|im_end|>"));
    }

    void tokenizerConfigTemplate()
    {
        const std::string folder = m_dir.filePath("hf").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(folder)));
        const std::string file = folder + "/tokenizer_config.json";
        QCOMPARE(core::readHfChatTemplate(folder), std::optional<std::string>()); // no file: none

        writeText(file, R"({"chat_template": null})");
        QCOMPARE(core::readHfChatTemplate(folder), std::optional<std::string>());
        writeText(file, R"({"chat_template": "{{ '<|im_start|>' }}"})");
        QCOMPARE(core::readHfChatTemplate(folder), std::optional<std::string>("{{ '<|im_start|>' }}"));
        writeText(file,
            R"({"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}]})");
        QCOMPARE(core::readHfChatTemplate(folder), std::optional<std::string>("D"));

        auto refused = [&](const char* text, const char* words) {
            writeText(file, text);
            try {
                core::readHfChatTemplate(folder);
            } catch (const core::Error& e) {
                const std::string what = e.what();
                QVERIFY2(what.find("tokenizer_config.json") != std::string::npos, what.c_str());
                QVERIFY2(what.find(words) != std::string::npos, what.c_str());
                return;
            }
            QFAIL(text);
        };
        refused(R"({"chat_template": 7})", "chat_template");
        refused(R"({"chat_template": [{"name": "tool_use", "template": "T"}]})", "default");
        refused(R"({"chat_template": "x")", "not valid JSON");
    }

    // The fixture's F32 GGUF copied with a Llama 3 template: openModel carries it, and the file's SentencePiece
    // vocabulary lacks Llama 3's header tokens, which missingChatTokens names.
    void ggufTemplateReachesTheModel()
    {
        core::GgufSource f32(kGguf + "llama-gqa-256/model-F32.gguf");
        core::GgufWriter w;
        for (const auto& [key, value] : f32.file().metadata())
            w.setValue(key, value);
        const std::string llama3 = readText(kData + "llama3.jinja");
        w.setString("tokenizer.chat_template", llama3);
        for (const auto& t : f32.tensors())
            w.addF32(t.name, t.shape, core::toFloat(t));
        const std::string path = m_dir.filePath("chat.gguf").toStdString();
        w.write(path);

        const auto loaded = core::openModel(path);
        QCOMPARE(loaded->chatTemplate, std::optional<std::string>(llama3));
        const core::ChatFormat format = core::recogniseChatTemplate(loaded->chatTemplate);
        QCOMPARE(format.family, core::ChatFamily::Llama3);
        QVERIFY(loaded->tokenizer);
        const auto missing = core::missingChatTokens(format.family, *loaded->tokenizer);
        QCOMPARE(missing.size(), std::size_t(3));
        QCOMPARE(missing.front(), std::string("<|start_header_id|>"));
        QVERIFY(core::missingChatTokens(core::ChatFamily::Llama2, *loaded->tokenizer).empty()); // it has </s>
    }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "tst_chattemplate.moc"
