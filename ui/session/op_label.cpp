#include "ui/session/op_label.h"

#include <QCoreApplication>
#include <QHash>
#include <QTranslator>

namespace ui {

namespace {
    // The last part of a node's name -> what the op is, in English (the source text of the translation).
    const QHash<QString, const char*>& opWords()
    {
        static const QHash<QString, const char*> words {
            { QStringLiteral("token_embd"), QT_TRANSLATE_NOOP("OpLabel", "token embedding") },
            { QStringLiteral("pos_embd"), QT_TRANSLATE_NOOP("OpLabel", "positional encoding") },
            { QStringLiteral("attn_norm"), QT_TRANSLATE_NOOP("OpLabel", "attention norm") },
            { QStringLiteral("attn_q"), QT_TRANSLATE_NOOP("OpLabel", "q projection") },
            { QStringLiteral("attn_k"), QT_TRANSLATE_NOOP("OpLabel", "k projection") },
            { QStringLiteral("attn_v"), QT_TRANSLATE_NOOP("OpLabel", "v projection") },
            { QStringLiteral("rope_q"), QT_TRANSLATE_NOOP("OpLabel", "RoPE on q") },
            { QStringLiteral("rope_k"), QT_TRANSLATE_NOOP("OpLabel", "RoPE on k") },
            { QStringLiteral("kv_store"), QT_TRANSLATE_NOOP("OpLabel", "append k, v to the KV cache") },
            { QStringLiteral("scores"), QT_TRANSLATE_NOOP("OpLabel", "attention scores") },
            { QStringLiteral("mask"), QT_TRANSLATE_NOOP("OpLabel", "causal mask") },
            { QStringLiteral("softmax"), QT_TRANSLATE_NOOP("OpLabel", "attention probabilities") },
            { QStringLiteral("mix"), QT_TRANSLATE_NOOP("OpLabel", "weighted sum of values") },
            { QStringLiteral("concat_heads"), QT_TRANSLATE_NOOP("OpLabel", "concatenate heads") },
            { QStringLiteral("attn_out"), QT_TRANSLATE_NOOP("OpLabel", "attention output projection") },
            { QStringLiteral("attn_residual"), QT_TRANSLATE_NOOP("OpLabel", "residual add (attention)") },
            { QStringLiteral("ffn_norm"), QT_TRANSLATE_NOOP("OpLabel", "MLP norm") },
            { QStringLiteral("ffn_gate"), QT_TRANSLATE_NOOP("OpLabel", "MLP gate projection") },
            { QStringLiteral("ffn_up"), QT_TRANSLATE_NOOP("OpLabel", "MLP up projection") },
            { QStringLiteral("ffn_act"), QT_TRANSLATE_NOOP("OpLabel", "activation") },
            { QStringLiteral("ffn_down"), QT_TRANSLATE_NOOP("OpLabel", "MLP down projection") },
            { QStringLiteral("ffn_residual"), QT_TRANSLATE_NOOP("OpLabel", "residual add (MLP)") },
            { QStringLiteral("output_norm"), QT_TRANSLATE_NOOP("OpLabel", "final norm") },
            { QStringLiteral("output"), QT_TRANSLATE_NOOP("OpLabel", "LM head (logits)") },
            { QStringLiteral("output_softmax"), QT_TRANSLATE_NOOP("OpLabel", "softmax over the vocabulary") },
        };
        return words;
    }
}

QString opLabel(const QString& name, const QString& coreLabel, int layer, int head, const QTranslator* translator)
{
    const auto words = [translator](const char* source) {
        if (!translator)
            return QCoreApplication::translate("OpLabel", source);
        const QString t = translator->translate("OpLabel", source);
        return t.isEmpty() ? QString::fromUtf8(source) : t;
    };
    const QString last = name.section(QLatin1Char('.'), -1);
    const auto it = opWords().constFind(last);
    if (it == opWords().constEnd())
        return coreLabel;
    const QString word = words(it.value());
    if (word == QLatin1String(it.value()))
        return coreLabel; // no translation installed: core's own words
    QString label;
    if (layer >= 0)
        label += words(QT_TRANSLATE_NOOP("OpLabel", "layer %1 · ")).arg(layer);
    if (head >= 0)
        label += words(QT_TRANSLATE_NOOP("OpLabel", "head %1 · ")).arg(head);
    label += word;
    // The variant core names in its label stays: LayerNorm / RMSNorm, the activation function, the kind of positions.
    const QString own = coreLabel.section(QStringLiteral(" · "), -1); // core's words for the op itself
    if (last == QLatin1String("attn_norm") || last == QLatin1String("ffn_norm"))
        label += QStringLiteral(" (%1)").arg(own.section(QLatin1Char(' '), -1));
    else if (last == QLatin1String("ffn_act"))
        label += QStringLiteral(": ") + own;
    else if (last == QLatin1String("pos_embd"))
        label += QStringLiteral(" (%1)").arg(own.startsWith(QLatin1String("learned"))
                ? words(QT_TRANSLATE_NOOP("OpLabel", "learned"))
                : QStringLiteral("sin/cos"));
    return label;
}

} // namespace ui
