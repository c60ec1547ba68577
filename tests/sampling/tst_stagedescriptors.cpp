// The descriptor tables: every stage and every field of SamplingParameters is described once, the defaults and
// "off" values are the struct's own and are accepted, and SamplingParameters::validate refuses a value just
// outside a descriptor's range with the parameter's name and the descriptor's rule.
#include "core/common/error.h"
#include "core/sampling/sampler_stage.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_descriptor.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

using core::ParameterDescriptor;
using core::ParameterType;
using core::SamplerStageKind;
using core::SamplingParameters;

class TestStageDescriptors : public QObject {
    Q_OBJECT
private slots:
    void everyStageHasADescriptor();
    void everyParameterHasADescriptor();
    void defaultsAndOffValuesAreAccepted();
    void jsonKeysAreTheDescriptorNames();
    void outOfRangeIsRefusedWithTheName_data();
    void outOfRangeIsRefusedWithTheName();
    void edgesOfTheRange_data();
    void edgesOfTheRange();
};

void TestStageDescriptors::everyStageHasADescriptor()
{
    QCOMPARE(core::stageDescriptors().size(), std::size_t(core::samplerStageKindCount));
    std::set<std::string_view> names;
    for (int k = 0; k < core::samplerStageKindCount; ++k) {
        const auto kind = static_cast<SamplerStageKind>(k);
        const core::StageDescriptor& d = core::stageDescriptor(kind);
        QCOMPARE(int(d.kind), k);
        QVERIFY(!d.name.empty());
        QVERIFY2(!d.help.empty(), d.name.data());
        QVERIFY2(names.insert(d.name).second, d.name.data());
        QCOMPARE(core::stageKindName(kind), d.name);
        QCOMPARE(core::samplerStage(kind).name(), d.name);
        // Every stage has at least one parameter it reads.
        int read = 0;
        for (const ParameterDescriptor& p : core::parameterDescriptors())
            read += p.readBy(kind) ? 1 : 0;
        QVERIFY2(read > 0, d.name.data());
    }
}

void TestStageDescriptors::everyParameterHasADescriptor()
{
    QCOMPARE(core::parameterDescriptors().size(), std::size_t(core::samplingParameterCount));
    std::set<std::string_view> names, flags;
    for (int i = 0; i < core::samplingParameterCount; ++i) {
        const auto id = static_cast<core::SamplingParameter>(i);
        const ParameterDescriptor& d = core::parameterDescriptor(id);
        QCOMPARE(int(d.id), i);
        QVERIFY2(names.insert(d.name).second, d.name.data());
        QVERIFY2(flags.insert(d.flag).second, d.flag.data());
        QVERIFY(!d.metavar.empty() && !d.label.empty() && !d.rule.empty() && !d.help.empty());
        QCOMPARE(core::parameterByName(d.name), &d);
        QCOMPARE(core::parameterByFlag(d.flag), &d);
        QCOMPARE(d.real != nullptr, d.type == ParameterType::Real);
        QCOMPARE(d.integer != nullptr, d.type == ParameterType::Integer);
        QVERIFY(d.slider.min < d.slider.max && d.slider.scale > 0);
    }
    QCOMPARE(core::parameterByName("nucleus"), nullptr);
    QCOMPARE(core::parameterByFlag("top_p"), nullptr); // flags use dashes
}

void TestStageDescriptors::defaultsAndOffValuesAreAccepted()
{
    const SamplingParameters defaults;
    for (const ParameterDescriptor& d : core::parameterDescriptors()) {
        QVERIFY2(d.accepts(d.defaultValue), d.name.data());
        if (d.off)
            QVERIFY2(d.accepts(*d.off), d.name.data());
        if (d.special)
            QVERIFY2(d.accepts(*d.special) && !d.specialText.empty(), d.name.data());
        // Both ends of the slider are values the pipeline takes.
        QVERIFY2(d.accepts(d.slider.min * d.slider.scale) && d.accepts(d.slider.max * d.slider.scale), d.name.data());
        if (d.isNumber()) {
            QCOMPARE(d.get(defaults), d.defaultValue);
            SamplingParameters p;
            d.set(p, d.slider.max * d.slider.scale);
            QCOMPARE(d.get(p),
                double(d.type == ParameterType::Real ? float(d.slider.max * d.slider.scale)
                                                     : std::round(d.slider.max * d.slider.scale)));
        }
    }
    QCOMPARE(double(defaults.seed), core::parameterDescriptor(core::SamplingParameter::Seed).defaultValue);
    QVERIFY(defaults.logitBias.empty());
}

void TestStageDescriptors::jsonKeysAreTheDescriptorNames()
{
    const nlohmann::json json = SamplingParameters {}.toJson();
    std::set<std::string> keys, names;
    for (const auto& [key, value] : json.items())
        keys.insert(key);
    for (const ParameterDescriptor& d : core::parameterDescriptors())
        names.insert(std::string(d.name));
    QVERIFY(keys == names);
}

void TestStageDescriptors::outOfRangeIsRefusedWithTheName_data()
{
    QTest::addColumn<int>("id");
    QTest::addColumn<double>("value");
    for (const ParameterDescriptor& d : core::parameterDescriptors()) {
        if (!d.isNumber())
            continue;
        const int id = int(d.id);
        // The nearest value outside: the next float for a Real, the next whole number for an Integer.
        const bool whole = d.type == ParameterType::Integer;
        if (std::isfinite(d.min))
            QTest::addRow("%s below", d.name.data()) << id
                                                     << (d.minOpen      ? d.min
                                                                : whole ? d.min - 1
                                                                        : std::nextafter(float(d.min), -INFINITY));
        else if (d.minOpen)
            QTest::addRow("%s -inf", d.name.data()) << id << -double(INFINITY);
        if (std::isfinite(d.max))
            QTest::addRow("%s above", d.name.data()) << id
                                                     << (d.maxOpen      ? d.max
                                                                : whole ? d.max + 1
                                                                        : std::nextafter(float(d.max), INFINITY));
        else if (d.maxOpen && d.type == ParameterType::Real)
            QTest::addRow("%s +inf", d.name.data()) << id << double(INFINITY);
        if (d.type == ParameterType::Real)
            QTest::addRow("%s nan", d.name.data()) << id << double(NAN);
    }
}

void TestStageDescriptors::outOfRangeIsRefusedWithTheName()
{
    QFETCH(int, id);
    QFETCH(double, value);
    const ParameterDescriptor& d = core::parameterDescriptor(static_cast<core::SamplingParameter>(id));
    QVERIFY(!d.accepts(value));
    SamplingParameters p;
    d.set(p, value);
    try {
        p.validate(16);
        QFAIL("expected core::Error");
    } catch (const core::Error& e) {
        QCOMPARE(QString::fromStdString(e.field()), QString::fromUtf8(d.name.data(), qsizetype(d.name.size())));
        const QString expected = QStringLiteral("sampling parameters: %1: %2, got ")
                                     .arg(QString::fromUtf8(d.name.data(), qsizetype(d.name.size())),
                                         QString::fromUtf8(d.rule.data(), qsizetype(d.rule.size())));
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected), e.what());
    }
    // The same rule for a CLI flag names the flag.
    try {
        d.check(value, "--" + std::string(d.flag), {});
        QFAIL("expected core::Error");
    } catch (const core::Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("--%1: ").arg(d.flag.data())), e.what());
    }
}

void TestStageDescriptors::edgesOfTheRange_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("temperature 0") << "temperature" << 0.0 << true;
    QTest::newRow("top_p 1") << "top_p" << 1.0 << true;
    QTest::newRow("top_p 0") << "top_p" << 0.0 << false;
    QTest::newRow("min_p 0") << "min_p" << 0.0 << true;
    QTest::newRow("min_p 1") << "min_p" << 1.0 << true;
    QTest::newRow("repetition 0") << "repetition_penalty" << 0.0 << false;
    QTest::newRow("presence -2") << "presence_penalty" << -2.0 << true;
    QTest::newRow("logit bias -inf") << "logit_bias" << -double(INFINITY) << true;
    QTest::newRow("logit bias +inf") << "logit_bias" << double(INFINITY) << false;
    QTest::newRow("logit bias nan") << "logit_bias" << double(NAN) << false;
    QTest::newRow("seed -1") << "seed" << -1.0 << false;
}

void TestStageDescriptors::edgesOfTheRange()
{
    QFETCH(QString, name);
    QFETCH(double, value);
    QFETCH(bool, accepted);
    const ParameterDescriptor* d = core::parameterByName(name.toStdString());
    QVERIFY(d);
    QCOMPARE(d->accepts(value), accepted);
}

QTEST_GUILESS_MAIN(TestStageDescriptors)
#include "tst_stagedescriptors.moc"
