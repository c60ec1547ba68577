#include "ui/decoding/decoding_snapshot.h"

namespace ui {

QString visiblePiece(const QString& piece)
{
    QString s = piece;
    s.replace(QLatin1Char(' '), QChar(0x2423));
    s.replace(QLatin1Char('\n'), QChar(0x21B5));
    s.replace(QLatin1Char('\t'), QChar(0x21E5));
    return s;
}

void registerDecodingMetaTypes()
{
    qRegisterMetaType<ui::SamplingSnapshot>();
    qRegisterMetaType<ui::GenerationSnapshot>();
    qRegisterMetaType<ui::BeamSnapshot>();
    qRegisterMetaType<ui::ComparisonSnapshot>();
    qRegisterMetaType<ui::ContextCurve>();
    qRegisterMetaType<ui::BatchCurve>();
    qRegisterMetaType<ui::ModelDefaults>();
}

} // namespace ui
