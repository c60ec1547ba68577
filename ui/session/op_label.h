#pragma once
// An op's label in the interface language, composed from the node's fields (its NodePart, layer, head and variant),
// never from its name or from core's English label. Without a translation installed for the context "OpLabel" the
// label is core::nodeLabel() of those fields ("layer 1 · head 2 · attention probabilities"); with one it is composed
// in that language ("katman 1 · baş 2 · dikkat olasılıkları"). The diagram, the Ops list, the status line and the
// tensor header all show PlanNodeInfo::label, which ModelInfo::from() fills from here.
#include "ui/session/model_info.h"
#include "ui/session/step_snapshot.h"

#include <QString>

class QTranslator;

namespace ui {

// `translator`: translate with this one instead of the application's (the explanation panel shows Turkish op
// names for Turkish explanations whatever the interface language is).
QString opLabel(const PlanNodeInfo& node, const QTranslator* translator = nullptr);
QString opLabel(const StepSnapshot& step, const QTranslator* translator = nullptr);
// In English whatever the interface language (core::nodeLabel() of the step's fields).
QString englishOpLabel(const StepSnapshot& step);
// The label without its "layer N · " part (the diagram draws the ops inside a block that names the layer).
QString opLabelInLayer(const PlanNodeInfo& node);

} // namespace ui
