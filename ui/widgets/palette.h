#pragma once
// Light and dark palettes for the whole application (Fusion style).
#include <QPalette>

namespace ui {

class Palette {
public:
    static QPalette light();
    static QPalette dark();
    static void apply(bool dark); // sets the style and palette of qApp
};

} // namespace ui
