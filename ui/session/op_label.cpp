#include "ui/session/op_label.h"

#include "core/plan/execution_plan.h"

#include <QCoreApplication>
#include <QTranslator>

namespace ui {

namespace {
    // What the op is, in English: the source text of its translation. The same words as core::nodePartWords().
    const char* partWords(core::NodePart part)
    {
        using P = core::NodePart;
        switch (part) {
        case P::TokenEmbedding:
            return QT_TRANSLATE_NOOP("OpLabel", "token embedding");
        case P::Positions:
            return QT_TRANSLATE_NOOP("OpLabel", "positional encoding");
        case P::AttnNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "attention norm");
        case P::QProj:
            return QT_TRANSLATE_NOOP("OpLabel", "q projection");
        case P::KProj:
            return QT_TRANSLATE_NOOP("OpLabel", "k projection");
        case P::VProj:
            return QT_TRANSLATE_NOOP("OpLabel", "v projection");
        case P::RopeQ:
            return QT_TRANSLATE_NOOP("OpLabel", "RoPE on q");
        case P::RopeK:
            return QT_TRANSLATE_NOOP("OpLabel", "RoPE on k");
        case P::KvStore:
            return QT_TRANSLATE_NOOP("OpLabel", "append k, v to the KV cache");
        case P::Scores:
            return QT_TRANSLATE_NOOP("OpLabel", "attention scores");
        case P::Mask:
            return QT_TRANSLATE_NOOP("OpLabel", "causal mask");
        case P::Softmax:
            return QT_TRANSLATE_NOOP("OpLabel", "attention probabilities");
        case P::Mix:
            return QT_TRANSLATE_NOOP("OpLabel", "weighted sum of values");
        case P::ConcatHeads:
            return QT_TRANSLATE_NOOP("OpLabel", "concatenate heads");
        case P::AttnOut:
            return QT_TRANSLATE_NOOP("OpLabel", "attention output projection");
        case P::AttnResidual:
            return QT_TRANSLATE_NOOP("OpLabel", "residual add (attention)");
        case P::MlpNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "MLP norm");
        case P::GateProj:
            return QT_TRANSLATE_NOOP("OpLabel", "MLP gate projection");
        case P::UpProj:
            return QT_TRANSLATE_NOOP("OpLabel", "MLP up projection");
        case P::Activation:
            return QT_TRANSLATE_NOOP("OpLabel", "activation");
        case P::DownProj:
            return QT_TRANSLATE_NOOP("OpLabel", "MLP down projection");
        case P::MlpResidual:
            return QT_TRANSLATE_NOOP("OpLabel", "residual add (MLP)");
        case P::FinalNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "final norm");
        case P::LmHead:
            return QT_TRANSLATE_NOOP("OpLabel", "LM head (logits)");
        case P::OutputSoftmax:
            return QT_TRANSLATE_NOOP("OpLabel", "softmax over the vocabulary");
        case P::EmbedScale:
            return QT_TRANSLATE_NOOP("OpLabel", "embedding scale");
        case P::QNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "q norm (per head)");
        case P::KNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "k norm (per head)");
        case P::SlidingMask:
            return QT_TRANSLATE_NOOP("OpLabel", "sliding-window mask");
        case P::ScoresSoftcap:
            return QT_TRANSLATE_NOOP("OpLabel", "soft-cap of the scores");
        case P::AttnPostNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "attention output norm");
        case P::MlpPostNorm:
            return QT_TRANSLATE_NOOP("OpLabel", "MLP output norm");
        case P::LogitSoftcap:
            return QT_TRANSLATE_NOOP("OpLabel", "soft-cap of the logits");
        }
        return core::nodePartWords(part);
    }

    const char* const kLayerPrefix = QT_TRANSLATE_NOOP("OpLabel", "layer %1 · ");
    const char* const kHeadPrefix = QT_TRANSLATE_NOOP("OpLabel", "head %1 · ");
    const char* const kLearned = QT_TRANSLATE_NOOP("OpLabel", "learned");

    // The fields a label is made of, as a core node (so that English is core::nodeLabel() itself).
    template <class Op> core::PlanNode fieldsOf(const Op& op)
    {
        core::PlanNode n;
        n.kind = op.opKind;
        n.part = op.part;
        n.layer = op.layer;
        n.head = op.head;
        n.norm = op.norm;
        n.activation = op.activation;
        n.positional = op.positional;
        n.variant = op.variant;
        return n;
    }

    QString compose(const core::PlanNode& n, const QTranslator* translator)
    {
        const auto words = [translator](const char* source) {
            if (!translator)
                return QCoreApplication::translate("OpLabel", source);
            const QString t = translator->translate("OpLabel", source);
            return t.isEmpty() ? QString::fromUtf8(source) : t;
        };
        // No translation installed (the "layer" prefix is the marker): core's own English words.
        if (words(kLayerPrefix) == QString::fromUtf8(kLayerPrefix))
            return QString::fromStdString(core::nodeLabel(n));
        QString label;
        if (n.layer >= 0)
            label += words(kLayerPrefix).arg(n.layer);
        if (n.head >= 0)
            label += words(kHeadPrefix).arg(n.head);
        label += words(partWords(n.part));
        // The variant stays in core's words: LayerNorm / RMSNorm, the activation function, the kind of positions.
        switch (n.part) {
        case core::NodePart::AttnNorm:
        case core::NodePart::MlpNorm:
            label += QStringLiteral(" (%1)").arg(QString::fromStdString(core::nodeVariantWords(n)));
            break;
        case core::NodePart::Activation:
            label += QStringLiteral(": ") + QString::fromStdString(core::nodeVariantWords(n));
            break;
        case core::NodePart::Positions:
            label += QStringLiteral(" (%1)").arg(
                n.positional == core::Positional::Learned ? words(kLearned) : QStringLiteral("sin/cos"));
            break;
        default:
            // The variants of today's models (window, soft-cap, partial rotary...), in core's words.
            if (const std::string v = core::nodeVariantWords(n); !v.empty())
                label += QStringLiteral(" (%1)").arg(QString::fromStdString(v));
            break;
        }
        return label;
    }
} // namespace

QString opLabel(const PlanNodeInfo& node, const QTranslator* translator) { return compose(fieldsOf(node), translator); }

QString opLabel(const StepSnapshot& step, const QTranslator* translator) { return compose(fieldsOf(step), translator); }

QString englishOpLabel(const StepSnapshot& step) { return QString::fromStdString(core::nodeLabel(fieldsOf(step))); }

QString opLabelInLayer(const PlanNodeInfo& node)
{
    core::PlanNode n = fieldsOf(node);
    n.layer = -1;
    return compose(n, nullptr);
}

} // namespace ui
