#include "ui/widgets/sampling_texts.h"

#include <QCoreApplication>

namespace ui {

namespace {

    struct Text {
        const char* context;
        const char* source;
    };

    // Word for word the descriptors' texts; the contexts are where the .ts has kept them.
    constexpr Text kTexts[] = {
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "temperature") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "repetition") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "presence") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "frequency") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "bias") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "window") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "seed") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "whole history") },
        { "QObject", QT_TRANSLATE_NOOP("QObject", "0 greedy") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP(
                "ui::SamplingLab", "logits / T: low = sharper, high = flatter; 0 = greedy (only the best token)") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "keep the k most likely tokens (0 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP(
                "ui::SamplingLab", "keep the smallest set of best tokens whose probabilities add up to p (1 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP(
                "ui::SamplingLab", "drop tokens less likely than min-p × the best token's probability (0 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP("ui::SamplingLab",
                "keep the tokens whose surprise is closest to the average surprise, up to mass p (1 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP("ui::SamplingLab",
                "HF repetition penalty for tokens in the window: positive logits ÷ p, negative × p (1 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP("ui::SamplingLab", "subtracted once from every token already in the window (0 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP("ui::SamplingLab", "subtracted once per occurrence in the window (0 = off)") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP("ui::SamplingLab", "the penalties look at the last N tokens (0 = all)") },
        { "ui::SamplingLab", QT_TRANSLATE_NOOP("ui::SamplingLab", "added to the chosen token's logit") },
        { "ui::SamplingLab",
            QT_TRANSLATE_NOOP("ui::SamplingLab", "the seed of the random numbers (a new seed restarts the run)") },
    };

    const Text* find(std::string_view english)
    {
        for (const Text& t : kTexts)
            if (english == t.source)
                return &t;
        return nullptr;
    }

} // namespace

QString samplingText(std::string_view english)
{
    if (const Text* t = find(english))
        return QCoreApplication::translate(t->context, t->source);
    return QString::fromUtf8(english.data(), qsizetype(english.size()));
}

bool hasSamplingText(std::string_view english) { return find(english) != nullptr; }

} // namespace ui
