#include "ui/interp/interp_snapshot.h"

namespace ui {

void registerInterpMetaTypes()
{
    qRegisterMetaType<LensSnapshot>();
    qRegisterMetaType<LensCellTop>();
    qRegisterMetaType<AttributionSnapshot>();
    qRegisterMetaType<HeadsSnapshot>();
    qRegisterMetaType<RopeVectors>();
}

} // namespace ui
