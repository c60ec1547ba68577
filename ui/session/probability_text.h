#pragma once
// One way to write a probability everywhere (tables, bar labels, tooltips, exports): a percentage with enough
// digits to tell small values apart, and scientific notation below 0.1% — with a 32k-token vocabulary most
// probabilities are far below 0.05% and "0.0%" would say nothing.
#include <QString>

namespace ui {

// 0.988 -> "98.8%", 0.0234 -> "2.34%", 0.00123 -> "0.123%", 3.2e-05 -> "3.2e-05", 0 -> "0".
QString probabilityText(double p);

} // namespace ui
