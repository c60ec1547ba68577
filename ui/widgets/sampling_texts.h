#pragma once
// The English texts of core's sampler descriptors (core/sampling/stage_descriptor.h: labels, help, special
// values) in the interface language. core has no Qt, so the texts are listed here once more for lupdate (in the
// context the .ts keeps them in); a test checks that every descriptor's help is listed.
#include <QString>

#include <string_view>

namespace ui {

// The translation of a descriptor text, or the text itself when it is not listed (e.g. "top-k", shown as is).
QString samplingText(std::string_view english);
bool hasSamplingText(std::string_view english);

} // namespace ui
