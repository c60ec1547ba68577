#include "ui/interventions/intervention_snapshot.h"

namespace ui {

void registerInterventionMetaTypes()
{
    qRegisterMetaType<ui::BeforeAfterSnapshot>();
    qRegisterMetaType<ui::PatchingSnapshot>();
}

} // namespace ui
