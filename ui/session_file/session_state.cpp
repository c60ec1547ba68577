#include "ui/session_file/session_state.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/json_fields.h"
#include "core/common/limits.h"
#include "core/exec/intervention.h"
#include "core/sampling/stage_descriptor.h"
#include "core/sampling/stage_order.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {
    constexpr const char* kFormat = "inference-explorer-session";
    constexpr int kMaxTokens = 65536; // core::limits::kMaxContext
    constexpr int kMaxStops = 64;
    constexpr int kMaxBias = 4096;
    constexpr std::size_t kMaxText = 1 << 20;
    constexpr int kMaxInterventions = 4096;

    std::string str(const QString& s) { return s.toStdString(); }
    QString qstr(const std::string& s) { return QString::fromStdString(s); }

    std::string boundedString(const core::JsonFields& f, const std::string& key, const std::string& fallback)
    {
        std::string s = f.string(key, fallback);
        if (s.size() > kMaxText)
            throw core::Error(f.file(), f.path(key), "is longer than " + std::to_string(kMaxText) + " bytes");
        return s;
    }

    const nlohmann::json& member(const core::JsonFields& f, const nlohmann::json& obj, const std::string& key,
        nlohmann::json::value_t type, const char* what)
    {
        if (!f.has(key))
            throw core::Error(f.file(), f.path(key), "missing");
        const nlohmann::json& v = obj.at(key);
        if (v.type() != type)
            throw core::Error(f.file(), f.path(key), std::string("expected ") + what + ", got " + v.type_name());
        return v;
    }

    core::SamplingParameters readSampling(const nlohmann::json& obj, const std::string& file, QString& order)
    {
        const core::JsonFields f(obj, file, "sampling");
        core::SamplingParameters p;
        for (const core::ParameterDescriptor& d : core::parameterDescriptors()) {
            const std::string key(d.name);
            if (!f.has(key))
                continue;
            switch (d.type) {
            case core::ParameterType::Real:
            case core::ParameterType::Integer: {
                const double v = d.type == core::ParameterType::Integer
                    ? double(f.integer(key, 0, std::numeric_limits<std::int32_t>::max()))
                    : f.number(key, d.defaultValue, -1e9, 1e9);
                d.check(v, file, f.path(key)); // the stage table's own range
                d.set(p, v);
                break;
            }
            case core::ParameterType::Seed:
                p.seed = std::uint64_t(f.integer(key, 0, (std::int64_t(1) << 53)));
                break;
            case core::ParameterType::TokenBias: {
                const nlohmann::json& bias = obj.at(key);
                if (!bias.is_object())
                    throw core::Error(file, f.path(key), std::string("expected an object, got ") + bias.type_name());
                if (bias.size() > std::size_t(kMaxBias))
                    throw core::Error(file, f.path(key), "more than " + std::to_string(kMaxBias) + " entries");
                for (const auto& [token, value] : bias.items()) {
                    const std::string field = f.path(key) + "." + token;
                    bool ok = false;
                    const int id = qstr(token).toInt(&ok);
                    if (!ok || id < 0 || id >= int(core::limits::kMaxDimension))
                        throw core::Error(file, field, "is not a token id");
                    float b = 0;
                    if (value.is_string() && value.get<std::string>() == "-inf")
                        b = -std::numeric_limits<float>::infinity();
                    else if (value.is_number() && std::isfinite(value.get<double>()))
                        b = value.get<float>();
                    else
                        throw core::Error(file, field, "expected a number or \"-inf\", got " + value.dump());
                    d.check(b, file, field);
                    p.logitBias[id] = b;
                }
                break;
            }
            }
        }
        const std::string o = boundedString(f, "order", "hf");
        const auto names = core::StageOrder::presetNames();
        if (std::find(names.begin(), names.end(), o) == names.end())
            throw core::Error(file, f.path("order"), "unknown stage order \"" + o + "\"");
        order = qstr(o);
        return p;
    }
} // namespace

std::string SessionState::toJsonText() const
{
    nlohmann::json sampling = this->sampling.toJson();
    sampling["order"] = str(order);
    nlohmann::json stops = nlohmann::json::array();
    for (const std::string& s : generation.stopSequences)
        stops.push_back(s);
    nlohmann::json beamJson = beam.toJson();
    beamJson.erase("eos_token_ids"); // the model's, not a setting
    nlohmann::json specs = nlohmann::json::array();
    for (const QString& spec : interventions)
        specs.push_back(str(spec));
    const nlohmann::json json = {
        { "format", kFormat },
        { "version", kVersion },
        { "model", { { "path", str(modelPath) }, { "fingerprint", str(modelFingerprint) } } },
        { "prompt", str(prompt) },
        { "tokens", std::vector<int>(tokens.begin(), tokens.end()) },
        { "prompt_tokens", promptTokens },
        { "cursor", { { "phase", prefill ? "prefill" : "decode" }, { "op", cursor } } },
        { "selected_token", selectedToken },
        { "head", { { "layer", headLayer }, { "head", head } } },
        { "sampling", sampling },
        { "generation",
            { { "max_new_tokens", generation.maxNewTokens }, { "stop_sequences", stops },
                { "stop_at_eos", generation.stopAtEos } } },
        { "beam", beamJson },
        { "view", str(view) },
        { "zoom", zoom },
        { "interventions", specs },
    };
    return json.dump(2) + "\n";
}

SessionState SessionState::fromJsonText(const std::string& text, const std::string& file)
{
    const nlohmann::json json = core::parseJsonText(text, file);
    const core::JsonFields f(json, file);
    if (f.string("format", "") != kFormat)
        throw core::Error(
            file, "format", "is not an Inference Explorer session (expected \"" + std::string(kFormat) + "\")");
    const std::int64_t version = f.integer("version", 0, 1 << 20);
    if (version != kVersion)
        throw core::Error(file, "version",
            "is " + std::to_string(version) + "; this explorer reads session version " + std::to_string(kVersion));

    SessionState s;
    const core::JsonFields model(member(f, json, "model", nlohmann::json::value_t::object, "an object"), file, "model");
    s.modelPath = qstr(boundedString(model, "path", ""));
    if (s.modelPath.isEmpty())
        throw core::Error(file, "model.path", "missing");
    s.modelFingerprint = qstr(boundedString(model, "fingerprint", ""));
    s.prompt = qstr(boundedString(f, "prompt", ""));

    if (f.has("tokens")) {
        const nlohmann::json& ids = member(f, json, "tokens", nlohmann::json::value_t::array, "an array");
        if (ids.size() > std::size_t(kMaxTokens))
            throw core::Error(file, "tokens", "more than " + std::to_string(kMaxTokens) + " tokens");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const nlohmann::json& id = ids[i];
            if (!id.is_number_integer() || id.get<std::int64_t>() < 0
                || id.get<std::int64_t>() >= core::limits::kMaxDimension)
                throw core::Error(file, "tokens[" + std::to_string(i) + "]", "is not a token id: " + id.dump());
            s.tokens << int(id.get<std::int64_t>());
        }
    }
    s.promptTokens = int(f.integer("prompt_tokens", s.tokens.size(), 0, s.tokens.size()));

    const core::JsonFields cursor(
        member(f, json, "cursor", nlohmann::json::value_t::object, "an object"), file, "cursor");
    const std::string phase = cursor.string("phase", "prefill");
    if (phase != "prefill" && phase != "decode")
        throw core::Error(file, "cursor.phase", "expected \"prefill\" or \"decode\", got \"" + phase + "\"");
    s.prefill = phase == "prefill";
    if (!s.prefill && s.promptTokens >= s.tokens.size())
        throw core::Error(file, "cursor.phase", "is \"decode\" but no token follows the prompt's prompt_tokens");
    s.cursor = int(cursor.integer("op", -1, -1, 1 << 24));
    s.selectedToken = int(f.integer("selected_token", -1, -1, kMaxTokens));
    if (s.selectedToken >= s.tokens.size() && !s.tokens.isEmpty())
        throw core::Error(file, "selected_token", "is past the last token (" + std::to_string(s.tokens.size()) + ")");

    if (f.has("head")) {
        const core::JsonFields head(json.at("head"), file, "head");
        s.headLayer = int(head.integer("layer", 0, 0, core::limits::kMaxLayers));
        s.head = int(head.integer("head", 0, 0, core::limits::kMaxDimension));
    }
    if (f.has("sampling"))
        s.sampling = readSampling(json.at("sampling"), file, s.order);
    if (f.has("generation")) {
        const core::JsonFields g(json.at("generation"), file, "generation");
        s.generation.maxNewTokens = int(g.integer("max_new_tokens", 64, 0, kMaxTokens));
        s.generation.stopAtEos = g.boolean("stop_at_eos", true);
        if (g.has("stop_sequences")) {
            const nlohmann::json& stops = json.at("generation").at("stop_sequences");
            if (!stops.is_array() || stops.size() > std::size_t(kMaxStops))
                throw core::Error(file, "generation.stop_sequences",
                    "expected an array of at most " + std::to_string(kMaxStops) + " strings");
            for (const nlohmann::json& stop : stops) {
                if (!stop.is_string() || stop.get<std::string>().empty() || stop.get<std::string>().size() > 1024)
                    throw core::Error(
                        file, "generation.stop_sequences", "expected non-empty strings, got " + stop.dump());
                s.generation.stopSequences.push_back(stop.get<std::string>());
            }
        }
    }
    if (f.has("beam")) {
        const core::JsonFields b(json.at("beam"), file, "beam");
        s.beam.numBeams = int(b.integer("num_beams", 4, 1, 64));
        s.beam.lengthPenalty = float(b.number("length_penalty", 1.0, -3.0, 3.0));
        s.beam.maxNewTokens = int(b.integer("max_new_tokens", 20, 1, 4096));
        s.beam.numReturnSequences = int(b.integer("num_return_sequences", 1, 1, s.beam.numBeams));
        const std::string early = b.string("early_stopping", "false");
        const auto mode = core::earlyStoppingFromName(early);
        if (!mode)
            throw core::Error(
                file, "beam.early_stopping", "expected \"false\", \"true\" or \"never\", got \"" + early + "\"");
        s.beam.earlyStopping = *mode;
    }
    s.view = qstr(boundedString(f, "view", "tensor"));
    s.zoom = f.number("zoom", 1.0, 0.25, 4.0);
    if (f.has("interventions")) {
        const nlohmann::json& list = json.at("interventions");
        if (!list.is_array())
            throw core::Error(file, "interventions", std::string("expected an array, got ") + list.type_name());
        if (list.size() > std::size_t(kMaxInterventions))
            throw core::Error(
                file, "interventions", "more than " + std::to_string(kMaxInterventions) + " interventions");
        // The syntax is checked now (with the largest sizes any model may have); layers, heads and positions are
        // checked against the model when the session is restored.
        core::ModelConfig any;
        any.nLayers = int(core::limits::kMaxLayers);
        any.nHeads = int(core::limits::kMaxDimension);
        any.maxPositions = int(core::limits::kMaxContext);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string field = "interventions[" + std::to_string(i) + "]";
            if (!list[i].is_string() || list[i].get<std::string>().size() > 256)
                throw core::Error(
                    file, field, "expected an intervention such as \"blk.1.head.2\", got " + list[i].dump());
            try {
                core::parseIntervention(list[i].get<std::string>(), any);
            } catch (const core::Error& e) {
                throw core::Error(file, field, e.what());
            }
            s.interventions << qstr(list[i].get<std::string>());
        }
    }
    return s;
}

void SessionState::save(const QString& path) const
{
    QSaveFile out(path);
    const std::string text = toJsonText();
    if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !out.commit())
        throw core::Error(str(path), "", "cannot be written: " + str(out.errorString()));
}

SessionState SessionState::load(const QString& path)
{
    const std::string name = str(path);
    return fromJsonText(core::readRegularFile(name, kMaxSessionBytes), name);
}

QString modelFingerprint(const QString& modelPath)
{
    constexpr qint64 kChunk = 1 << 20;
    const QFileInfo info(modelPath);
    QFileInfoList files;
    if (info.isDir())
        files = QDir(modelPath).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
    else if (info.isFile())
        files << info;
    if (files.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QFileInfo& file : files) {
        QFile f(file.absoluteFilePath());
        if (!file.isFile() || !f.open(QIODevice::ReadOnly))
            continue;
        hash.addData(file.fileName().toUtf8());
        hash.addData(QByteArray::number(file.size()));
        hash.addData(f.read(kChunk));
        if (file.size() > 2 * kChunk && f.seek(file.size() - kChunk))
            hash.addData(f.read(kChunk));
    }
    return QString::fromLatin1(hash.result().toHex().left(32));
}

} // namespace ui
