// inference-cli as a script sees it: exit codes (0 ok, 1 bad input naming the file and field, 2 usage), JSON
// that parses, and the shipped model's answer.
#include "core/sampling/stage_descriptor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(IE_CLI, args);
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

const QString kModel = QStringLiteral(IE_SOURCE_DIR "/sample_models/tiny-gpt2");
// One random Llama in every format (../shared/fixtures/gguf/README.md), and real tokenizers as vocab-only GGUF.
const QString kFormats = QStringLiteral(IE_GGUF_FIXTURES "/llama-gqa-256/");
const QString kVocab = QStringLiteral(IE_GGUF_FIXTURES "/vocab/");

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    // The PyTorch reference in tools/ reads the architecture tables from a file this command writes: they must not
    // drift apart (regenerate with `inference-cli archs --json > tools/reference/architectures.json`).
    void archsJsonIsWhatToolsReferenceReads()
    {
        const Run r = cli({ "archs", "--json" });
        QCOMPARE(r.code, 0);
        QFile f(QStringLiteral(IE_SOURCE_DIR "/tools/reference/architectures.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(r.out), QJsonDocument::fromJson(f.readAll()));
        QVERIFY(r.out.contains("\"model.layers.{L}.self_attn.q_proj\""));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("no command") << QStringList {} << 2 << "usage";
        QTest::newRow("unknown command") << QStringList { "fly" } << 2 << "unknown command";
        QTest::newRow("unknown option") << QStringList { "info", kModel, "--colour" } << 2 << "unknown option --colour";
        QTest::newRow("missing model") << QStringList { "info", "/nonexistent" } << 1 << "/nonexistent: does not exist";
        QTest::newRow("token outside vocab")
            << QStringList { "logits", kModel, "--tokens", "1,99999" } << 1 << "tokens[1]: id 99999";
        QTest::newRow("not a token id") << QStringList { "logits", kModel, "--tokens", "1,x" } << 2 << "not a token id";
        QTest::newRow("negative temperature") << QStringList { "generate", kModel, "--prompt", "a", "--temperature",
            "-1" } << 1 << "temperature: must be >= 0";
        QTest::newRow("vocab-only GGUF as a model")
            << QStringList { "info", kVocab + "ggml-vocab-gpt-2.gguf" } << 1 << "holds no weights";
        QTest::newRow("neither folder nor GGUF nor model.bin")
            << QStringList { "info", kFormats + "meta.json" } << 1 << "is not a model";
        QTest::newRow("empty prompt") << QStringList { "generate", kModel, "--prompt", "" } << 1
                                      << "the prompt is empty";
        QTest::newRow("ablate past the layers") << QStringList { "logits", kModel, "--prompt", "a", "--ablate",
            "blk.9.mlp" } << 1 << "blk.9.mlp: layer 9 is outside the model's layers [0, 4)";
        QTest::newRow("beam: head past the heads") << QStringList { "beam", kModel, "--prompt", "a", "--ablate",
            "blk.1.head.7" } << 1 << "blk.1.head.7: head 7 is outside the model's heads [0, 4)";
        QTest::newRow("knockout given to --ablate") << QStringList { "lens", kModel, "--prompt", "a b", "--ablate",
            "blk.0.head.1:1->0" } << 1 << "knocked out with --knockout";
        QTest::newRow("target of two tokens")
            << QStringList { "attribute", kModel, "--prompt", "a", "--target", " Parisian" } << 1 << "is 2 tokens";
        QTest::newRow("attribution on post-norm") << QStringList { "attribute",
            IE_SOURCE_DIR "/sample_models/tiny-classic", "--prompt", "a", "--target", " Paris" }
                                                  << 1 << "needs a pre-norm model";
        QTest::newRow("patch prompts of unequal length") << QStringList { "patch", kModel, "--clean",
            "The capital of France is", "--corrupted", "The capital of the United Kingdom is", "--target", " Paris" }
                                                         << 1 << "same number of tokens";
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, stderrHas);
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
    }

    void infoJson()
    {
        const Run r = cli({ "info", kModel, "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["architecture"].toString(), QString("gpt2"));
        QVERIFY(j["parameters"].toDouble() > 1e5);
    }

    // info and logits take a GGUF file or a llama2.c model.bin wherever they take a folder; the same weights give
    // the same answer (tests/formats/tst_formatlogits measures how closely).
    void otherFormats_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("types");
        QTest::newRow("folder") << kFormats + "hf"
                                << "Hugging Face folder"
                                << "F32";
        QTest::newRow("model.bin") << kFormats + "model.bin"
                                   << "llama2.c"
                                   << "F32";
        QTest::newRow("llama2.c folder") << kFormats << "llama2.c"
                                         << "F32";
        QTest::newRow("GGUF F32") << kFormats + "model-F32.gguf"
                                  << "GGUF"
                                  << "F32";
        QTest::newRow("GGUF Q4_K_M") << kFormats + "model-Q4_K_M.gguf"
                                     << "GGUF"
                                     << "F32,Q4_K,Q6_K";
    }
    void otherFormats()
    {
        QFETCH(QString, model);
        QFETCH(QString, format);
        QFETCH(QString, types);
        const Run info = cli({ "info", model, "--json" });
        QCOMPARE(info.code, 0);
        const auto j = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(j["format"].toString(), format);
        QCOMPARE(j["parameters"].toInteger(), 1705216);
        QVERIFY(!j["tokenizer"].toString().isEmpty());
        QCOMPARE(j["quantization"].toObject()["types"].toObject().keys().join(','), types);
        const Run logits = cli({ "logits", model, "--prompt", "Hello world", "--top", "1", "--json" });
        QCOMPARE(logits.code, 0);
        const auto top = QJsonDocument::fromJson(logits.out).object()["top"].toArray();
        const auto reference = QJsonDocument::fromJson(
            cli({ "logits", kFormats + "hf", "--prompt", "Hello world", "--top", "1", "--json" }).out)
                                   .object()["top"]
                                   .toArray();
        if (types == "F32")
            QCOMPARE(top[0].toObject()["id"].toInt(), reference[0].toObject()["id"].toInt());
        else
            QVERIFY(top[0].toObject()["id"].toInt() >= 0);
    }

    // A vocab-only GGUF is enough to tokenize; llama.cpp's ids (vocab/*.gguf.out) for "Hello world".
    void tokenizeVocabOnlyGguf_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("ids");
        QTest::newRow("gpt-2") << "ggml-vocab-gpt-2.gguf" << QStringList { "--no-special" } << "15496,995";
        QTest::newRow("llama-spm, BOS") << "ggml-vocab-llama-spm.gguf" << QStringList {} << "1,15043,3186";
    }
    void tokenizeVocabOnlyGguf()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, flags);
        QFETCH(QString, ids);
        const Run r = cli(QStringList { "tokenize", kVocab + file, "--text", "Hello world", "--json" } + flags);
        QCOMPARE(r.code, 0);
        QStringList got;
        for (const auto& id : QJsonDocument::fromJson(r.out).object()["ids"].toArray())
            got << QString::number(id.toInt());
        QCOMPARE(got.join(','), ids);
        const Run back = cli({ "detokenize", kVocab + file, "--ids", ids, "--skip-special" });
        QCOMPARE(back.code, 0);
        QCOMPARE(back.out.trimmed(), QByteArray("Hello world"));
    }

    // `models` finds what the usual tools left in a home folder: an HF cache snapshot (files are symlinks to blobs),
    // an Ollama manifest naming its GGUF blob, LM Studio's and llama.cpp's GGUF files; each says if it opens.
    void modelsInTemporaryHome()
    {
        QTemporaryDir home;
        QDir h(home.path());
        auto link = [](const QString& target, const QString& at) {
            QDir().mkpath(QFileInfo(at).absolutePath());
            QVERIFY(QFile::link(target, at));
        };
        // Hugging Face: models--test--llama-gqa/snapshots/REV/* -> ../../blobs/*
        const QString repo = h.filePath(".cache/huggingface/hub/models--test--llama-gqa");
        for (const char* f : { "config.json", "model.safetensors", "tokenizer.json" }) {
            link(kFormats + "hf/" + f, repo + "/blobs/" + f + ".blob");
            link(repo + "/blobs/" + f + ".blob", repo + "/snapshots/0123456789abcdef/" + f);
        }
        // Ollama: manifests/registry.ollama.ai/library/tiny/q4 -> blobs/sha256-HEX
        const QString ollama = h.filePath(".ollama/models");
        link(kFormats + "model-Q4_K_M.gguf", ollama + "/blobs/sha256-abc123");
        QDir().mkpath(ollama + "/manifests/registry.ollama.ai/library/tiny");
        QFile manifest(ollama + "/manifests/registry.ollama.ai/library/tiny/q4");
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(R"({"schemaVersion":2,"layers":[{"mediaType":"application/vnd.ollama.image.model",)"
                       R"("digest":"sha256:abc123","size":1}]})");
        manifest.close();
        // LM Studio: publisher/repo/file.gguf, one of them vocab-only; llama.cpp's cache: a flat file.
        link(kFormats + "model-Q8_0.gguf", h.filePath(".lmstudio/models/test/llama-gqa-GGUF/llama-gqa-Q8_0.gguf"));
        link(kVocab + "ggml-vocab-phi-3.gguf", h.filePath(".lmstudio/models/test/vocab/phi-3.gguf"));
        link(kFormats + "model-F16.gguf", h.filePath(".cache/llama.cpp/test_llama-gqa-F16.gguf"));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", home.path());
        for (const char* v : { "HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME", "OLLAMA_MODELS", "LLAMA_CACHE" })
            env.remove(v);
        const Run r = cli({ "models", "--json" }, env);
        QCOMPARE(r.code, 0);
        QMap<QString, QJsonObject> rows;
        for (const auto& v : QJsonDocument::fromJson(r.out).array())
            rows[v.toObject()["source"].toString() + " " + v.toObject()["name"].toString()] = v.toObject();
        QCOMPARE(rows.keys(),
            QStringList({ "Hugging Face test/llama-gqa@01234567", "LM Studio test/llama-gqa-GGUF/llama-gqa-Q8_0.gguf",
                "LM Studio test/vocab/phi-3.gguf", "Ollama tiny:q4", "llama.cpp test_llama-gqa-F16.gguf" }));
        const QJsonObject hf = rows["Hugging Face test/llama-gqa@01234567"];
        QCOMPARE(hf["parameters"].toInteger(), 1705216);
        QVERIFY(hf["openable"].toBool());
        const QJsonObject ol = rows["Ollama tiny:q4"];
        QCOMPARE(ol["quantization"].toString(), QStringLiteral("Q4_K_M"));
        QCOMPARE(ol["architecture"].toString(), QStringLiteral("llama"));
        QVERIFY(ol["openable"].toBool());
        QCOMPARE(rows["LM Studio test/llama-gqa-GGUF/llama-gqa-Q8_0.gguf"]["quantization"].toString(), "Q8_0");
        QCOMPARE(rows["llama.cpp test_llama-gqa-F16.gguf"]["quantization"].toString(), "F16");
        const QJsonObject vocab = rows["LM Studio test/vocab/phi-3.gguf"];
        QVERIFY(!vocab["openable"].toBool());
        QVERIFY2(vocab["why"].toString().contains("no weights"), qPrintable(vocab["why"].toString()));
        // What the list names opens: the Ollama blob (no extension) is a GGUF file.
        const Run info = cli({ "info", ol["path"].toString(), "--json" });
        QCOMPARE(info.code, 0);
        QCOMPARE(QJsonDocument::fromJson(info.out).object()["format"].toString(), QStringLiteral("GGUF"));
    }

    void capitalOfFrance()
    {
        const Run r = cli({ "generate", kModel, "--prompt", "The capital of France is", "--temperature", "0",
            "--max-new-tokens", "3" });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(" Paris"), r.out.constData());
    }

    // The interpretability commands on the France prompt: the lens ends at the model's answer, the attribution
    // parts add up, an ablation moves P(" Paris"), patching restores the clean run at the country's position.
    void interpretabilityCommands()
    {
        const QString prompt = "The capital of France is";
        Run r = cli({ "lens", kModel, "--prompt", prompt, "--target", " Paris", "--json" });
        QCOMPARE(r.code, 0);
        auto rows = QJsonDocument::fromJson(r.out).object()["rows"].toArray();
        QCOMPARE(rows.size(), 9); // embed + 4 x (attention, block)
        const auto lastCell = rows.last().toObject()["cells"].toArray().last().toObject();
        QCOMPARE(lastCell["top_piece"].toString(), QString(" Paris"));
        QCOMPARE(lastCell["target_rank"].toInt(), 0);

        r = cli({ "attribute", kModel, "--prompt", prompt, "--target", " Paris", "--minus", " Berlin", "--json" });
        QCOMPARE(r.code, 0);
        auto j = QJsonDocument::fromJson(r.out).object();
        double sum = 0;
        for (const auto& part : j["parts"].toArray())
            sum += part.toObject()["value"].toDouble();
        QVERIFY(std::abs(sum - j["logit"].toDouble()) <= 1e-4 * std::max(1.0, std::abs(j["logit"].toDouble())));
        QVERIFY(j["parts"].toArray().size() > 16);

        r = cli({ "logits", kModel, "--prompt", prompt, "--ablate", "blk.3.head.1", "--json" });
        QCOMPARE(r.code, 0);
        j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["interventions"].toString(), QString("blk.3.head.1"));
        const auto paris = j["shift"].toObject()["tokens"].toArray().first().toObject();
        QCOMPARE(paris["piece"].toString(), QString(" Paris"));
        QVERIFY(paris["prob_after"].toDouble() < paris["prob_before"].toDouble());

        r = cli({ "patch", kModel, "--clean", prompt, "--corrupted", "The capital of Italy is", "--target", " Paris",
            "--minus", " Rome", "--json" });
        QCOMPARE(r.code, 0);
        j = QJsonDocument::fromJson(r.out).object();
        const auto residual = j["residual"].toArray();
        QCOMPARE(residual.size(), 4);
        QCOMPARE(residual[0].toArray().size(), 5);
        QVERIFY(std::abs(residual[0].toArray()[3].toDouble() - 1) < 1e-4); // the country, before block 0
        QVERIFY(std::abs(residual[0].toArray()[0].toDouble()) < 1e-6); // "The": same in both prompts
        QCOMPARE(j["heads"].toArray().size(), 4);

        r = cli({ "heads", kModel, "--prompt", prompt, "--target", " Paris", "--position", "3", "--sort", "ablation",
            "--json" });
        QCOMPARE(r.code, 0);
        const auto heads = QJsonDocument::fromJson(r.out).object()["heads"].toArray();
        QCOMPARE(heads.size(), 16);
        QVERIFY(heads[0].toObject()["ablation_delta"].toDouble() <= heads[15].toObject()["ablation_delta"].toDouble());

        r = cli({ "generate", kModel, "--prompt", prompt, "--temperature", "0", "--max-new-tokens", "3", "--ablate",
            "blk.3.head.1", "--knockout", "blk.3.head.2:4->3", "--json" });
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["interventions"].toString(),
            QString("blk.3.head.1, blk.3.head.2:4->3"));
    }

    // tiny-gpt2's generation_config.json says do_sample: false, so generate without sampling flags is greedy,
    // whatever the seed; a flag asks for sampling again (and then the seeds differ).
    void generateFollowsDoSampleFalse()
    {
        const QStringList base { "generate", kModel, "--prompt", "Once upon a time", "--max-new-tokens", "12" };
        const Run greedy = cli(base + QStringList { "--temperature", "0" });
        QCOMPARE(greedy.code, 0);
        QSet<QByteArray> sampled;
        for (const char* seed : { "1", "2", "3", "4" }) {
            const Run r = cli(base + QStringList { "--seed", seed });
            QCOMPARE(r.code, 0);
            QCOMPARE(r.out, greedy.out);
            sampled.insert(cli(base + QStringList { "--seed", seed, "--temperature", "1.5" }).out);
        }
        QVERIFY2(sampled.size() > 1 || !sampled.contains(greedy.out), "T = 1.5 should sample");
    }

    void generateJsonHasEveryStage()
    {
        const Run r = cli({ "generate", kModel, "--prompt", "Once upon a time", "--temperature", "0.8", "--top-k", "20",
            "--seed", "3", "--max-new-tokens", "4", "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["steps"].toArray().size(), 4);
        QVERIFY(j["order"].toArray().contains(QJsonValue("top_k")));
        QCOMPARE(j["stop"].toObject()["reason"].toString(), QString("max_new_tokens"));
        QVERIFY(j["metrics"].toObject()["ttft_seconds"].toDouble() > 0);
    }

    void beamJson()
    {
        const Run r = cli({ "beam", kModel, "--prompt", "The capital of France is", "--beams", "3", "--max-new-tokens",
            "5", "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        QVERIFY(!j["hypotheses"].toArray().isEmpty());
        QVERIFY(j["tree"].toObject()["nodes"].toArray().size() > 3);
    }

    // beam and compare run the intervened model too: with head 3.3 (the one that carries the country) zeroed,
    // tiny-gpt2 no longer continues "The capital of France is" with " Paris".
    void beamAndCompareTakeInterventions()
    {
        const QStringList prompt { "--prompt", "The capital of France is", "--max-new-tokens", "3", "--json" };
        const auto best = [](const QByteArray& out) {
            return QJsonDocument::fromJson(out).object()["hypotheses"].toArray().first().toObject()["text"].toString();
        };
        const Run plain = cli(QStringList { "beam", kModel, "--beams", "3" } + prompt);
        const Run ablated = cli(QStringList { "beam", kModel, "--beams", "3", "--ablate", "blk.3.head.3" } + prompt);
        QCOMPARE(plain.code, 0);
        QCOMPARE(ablated.code, 0);
        QVERIFY2(best(plain.out).startsWith(" Paris"), qPrintable(best(plain.out)));
        QVERIFY2(!best(ablated.out).startsWith(" Paris"), qPrintable(best(ablated.out)));
        QCOMPARE(QJsonDocument::fromJson(ablated.out).object()["interventions"].toString(), QString("blk.3.head.3"));

        const Run compared
            = cli(QStringList { "compare", kModel, "--samples", "1", "--ablate", "blk.3.head.3" } + prompt);
        QCOMPARE(compared.code, 0);
        const auto j = QJsonDocument::fromJson(compared.out).object();
        QCOMPARE(j["interventions"].toString(), QString("blk.3.head.3"));
        for (const auto& run : j["runs"].toArray())
            QVERIFY2(
                !run.toObject()["text"].toString().startsWith(" Paris"), qPrintable(run.toObject()["text"].toString()));
    }

    void traceAndPlan()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("trace.json");
        QCOMPARE(cli({ "trace", kModel, "--prompt", "Paris", "--out", out }).code, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto events = QJsonDocument::fromJson(f.readAll()).object()["events"].toArray();
        const Run plan = cli({ "plan", kModel, "--json" });
        QCOMPARE(events.size(), QJsonDocument::fromJson(plan.out).object()["nodes"].toArray().size());
    }

    void makeRandomThenLogits()
    {
        QTemporaryDir dir;
        const QString m = dir.filePath("m");
        QCOMPARE(cli({ "make-random", "--arch", "qwen2", "--dim", "32", "--layers", "1", "--heads", "4", "--kv-heads",
                         "2", "--vocab", "300", "--out", m })
                     .code,
            0);
        const Run r = cli({ "logits", m, "--prompt", "hello", "--top", "3", "--json" });
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["top"].toArray().size(), 3);
    }

    // The sampling options of generate are exactly the parameter descriptors' flags: the usage lists each, each
    // takes its default value, and a value outside the descriptor's range is refused naming the flag and value.
    void samplingFlagsAreTheDescriptors()
    {
        const Run help = cli({ "--help" });
        QString usage;
        for (const QString& line : QString::fromUtf8(help.err).split(QLatin1Char('\n')))
            if (line.contains(QLatin1String("inference-cli generate ")))
                usage = line;
        QVERIFY(!usage.isEmpty());
        QSet<QString> listed;
        static const QRegularExpression option(QStringLiteral("--([a-z-]+)"));
        for (auto it = option.globalMatch(usage); it.hasNext();)
            listed << it.next().captured(1);
        QSet<QString> expected { "prompt", "tokens", "max-new-tokens", "stop", "ignore-eos", "order", "json", "top",
            "ablate", "knockout" };
        for (const core::ParameterDescriptor& d : core::parameterDescriptors())
            expected << QString::fromUtf8(d.flag.data(), qsizetype(d.flag.size()));
        QCOMPARE(listed, expected);

        const QStringList base { "generate", kModel, "--tokens", "1,2", "--max-new-tokens", "1" };
        for (const core::ParameterDescriptor& d : core::parameterDescriptors()) {
            const QString flag = QStringLiteral("--") + QString::fromUtf8(d.flag.data(), qsizetype(d.flag.size()));
            const QString value
                = d.type == core::ParameterType::TokenBias ? QStringLiteral("3=-1.5") : QString::number(d.defaultValue);
            const Run ok = cli(base + QStringList { flag, value });
            QVERIFY2(ok.code == 0, qPrintable(flag + QStringLiteral(": ") + QString::fromUtf8(ok.err)));
            if (!d.isNumber())
                continue;
            const double outside = std::isfinite(d.min) ? d.min - 1 : -1e30;
            const Run bad = cli(base + QStringList { flag, QString::number(outside) });
            QVERIFY2(bad.code == 1 || bad.code == 2, qPrintable(flag + QString::fromUtf8(bad.err)));
            QVERIFY2(QString::fromUtf8(bad.err).contains(flag + QStringLiteral(": ")), bad.err.constData());
        }
        QCOMPARE(cli(base + QStringList { "--top-q", "0.5" }).code, 2);
    }

    // compare: greedy, a beam and seeded samples of one prompt, each with its sum of log-probabilities.
    void compareGreedyBeamSamples()
    {
        const QStringList args { "compare", kModel, "--prompt", "The capital of France is", "--max-new-tokens", "4",
            "--beam-width", "2", "--samples", "2", "--seed", "7", "--ignore-eos" };
        const Run r = cli(args + QStringList { "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        const auto runs = j["runs"].toArray();
        QCOMPARE(runs.size(), 1 + 1 + 2);
        QCOMPARE(runs[0].toObject()["label"].toString(), QString("greedy"));
        QCOMPARE(runs[1].toObject()["label"].toString(), QString("beam 2"));
        QCOMPARE(runs[2].toObject()["label"].toString(), QString("sample seed 8"));
        QCOMPARE(runs[3].toObject()["label"].toString(), QString("sample seed 9"));
        QVERIFY2(runs[0].toObject()["text"].toString().startsWith(" Paris"), r.out.constData());
        for (const auto& v : runs) {
            const auto run = v.toObject();
            QCOMPARE(run["tokens"].toArray().size(), 4);
            double sum = 0;
            for (const auto& p : run["probabilities"].toArray())
                sum += std::log(p.toDouble());
            QVERIFY(std::abs(sum - run["sum_logprob"].toDouble()) < 1e-6);
            QVERIFY(run["sum_logprob"].toDouble() <= 0);
        }
        // The same seed, the same samples; the text form prints one line per run.
        QCOMPARE(cli(args + QStringList { "--json" }).out, r.out);
        const Run text = cli(args);
        QCOMPARE(text.code, 0);
        QCOMPARE(text.out.count('\n'), 4);
        QVERIFY(text.out.startsWith("greedy"));
        QCOMPARE(cli({ "compare", kModel, "--prompt", "a", "--beam-width", "-1" }).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
