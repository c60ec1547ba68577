#pragma once
// Tokens as rich text (the generation and comparison views): one chip style for every token, coloured by its
// probability on the sequential 0…1 map, and a legend for that map. A special token (<|endoftext|>, <|im_end|>)
// is a dark-on-purple chip kept on one line (word joiners between its characters); its probability stays in the
// tooltip.
#include <QRgb>
#include <QString>

namespace ui {

// The background of a token drawn with probability p (the sequential map, its darkest end kept for text).
QRgb tokenChipColour(double probability);
// <span title=…>text</span> plus a thin space after it; probability < 0: a prompt token (no probability, lilac).
// `extraStyle`: CSS added to the chip (underline, …).
QString tokenChipHtml(
    const QString& text, bool special, double probability, const QString& title, const QString& extraStyle = {});
// "probability 0 ▮▮▮▮▮ 1" in the chips' colours, and the special-token chip.
QString probabilityLegendHtml();
// The sampling lab's table: a cell's background for probability p (the sequential map over √p, so that the few
// percent most candidates hold still show), and its legend.
QRgb tableCellColour(double probability);
QString tableLegendHtml();

} // namespace ui
