#pragma once
// An op's label in the interface language. core/ names every plan node in English ("layer 1 · head 2 · attention
// probabilities"); with a translator installed for the context "OpLabel" the label is composed again from the
// node's name ("blk.1.head.2.softmax") in that language ("katman 1 · baş 2 · dikkat olasılıkları"). Without one
// (English) the core label is returned unchanged. The diagram, the Ops list, the status line and the tensor header
// all show PlanNodeInfo::label, which ModelInfo::from() fills from here.
#include <QString>

class QTranslator;

namespace ui {

// `translator`: translate with this one instead of the application's (the explanation panel shows Turkish op
// names for Turkish explanations whatever the interface language is).
QString opLabel(
    const QString& name, const QString& coreLabel, int layer, int head, const QTranslator* translator = nullptr);

} // namespace ui
