#pragma once
// The whole state of a window as one JSON document, for notes, scripts and checking a demo: the model, the prompt
// and its tokens, where the stepper stands (phase, op, shape, statistics, next-token predictions), the selected
// token and head, the sampling settings and the probability table the sampling lab shows, the view in front and
// the zoom. Written by File ▸ Export view ▸ Whole state as JSON and by `--export VIEW --out state.json`.
// (A read-back format is a session file's job; this is a record of what is on screen.)
#include <QByteArray>

namespace ui {

class MainWindow;

inline constexpr int kStateJsonVersion = 1;
QByteArray stateJson(MainWindow* window);

} // namespace ui
