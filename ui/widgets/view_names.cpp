#include "ui/widgets/view_names.h"

namespace ui {

const QList<ViewEntry>& viewTable()
{
    static const QList<ViewEntry> table {
        { View::Tensor, "tensor", ViewSide::Stepper },
        { View::Attention, "attention", ViewSide::Stepper },
        { View::Lines, "lines", ViewSide::Stepper },
        { View::Diagram, "diagram", ViewSide::Stepper },
        { View::Explanation, "explanation", ViewSide::Stepper },
        { View::Model, "model", ViewSide::Stepper },
        { View::Ops, "ops", ViewSide::Stepper },
        { View::Rope, "rope", ViewSide::Stepper },
        { View::Gqa, "gqa", ViewSide::Stepper },
        { View::Sampling, "sampling", ViewSide::Decoding },
        { View::Generation, "generation", ViewSide::Decoding },
        { View::Kv, "kv", ViewSide::Decoding },
        { View::Beam, "beam", ViewSide::Decoding },
        { View::Compare, "compare", ViewSide::Decoding },
        { View::Metrics, "metrics", ViewSide::Decoding },
        { View::Lens, "lens", ViewSide::Interp },
        { View::Attribution, "attribution", ViewSide::Interp },
        { View::Heads, "heads", ViewSide::Interp },
        { View::Interventions, "interventions", ViewSide::Interventions },
        { View::Patching, "patching", ViewSide::Interventions },
        { View::Quantization, "quantization", ViewSide::Stepper },
    };
    return table;
}

namespace {
    const ViewEntry& entry(View view)
    {
        const QList<ViewEntry>& table = viewTable();
        Q_ASSERT(table[int(view)].view == view);
        return table[int(view)];
    }
}

QString viewName(View view) { return QString::fromLatin1(entry(view).name); }

ViewSide viewSide(View view) { return entry(view).side; }

QStringList viewNames()
{
    QStringList names;
    for (const ViewEntry& e : viewTable())
        names << QString::fromLatin1(e.name);
    return names;
}

std::optional<View> viewFromName(const QString& name)
{
    const QString head = name.section(QLatin1Char(':'), 0, 0);
    for (const ViewEntry& e : viewTable())
        if (head == QLatin1String(e.name))
            return head.size() == name.size() || e.view == View::Sampling || e.side == ViewSide::Interp
                    || e.view == View::Rope
                ? std::optional<View>(e.view)
                : std::nullopt;
    return std::nullopt;
}

QString viewSettings(const QString& name) { return name.section(QLatin1Char(':'), 1); }

} // namespace ui
