#pragma once
// One token of the prompt as the token strip shows it (copied values).
#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace ui {

struct TokenInfo {
    int id = 0;
    QString display; // showable text of the piece ("<0xE2>" for a lone byte)
    QString piece; // the vocabulary string ("Ġthe", "▁the", "<|im_end|>")
    QByteArray bytes; // the bytes the token stands for in text
    int byteBegin = 0; // span in the prompt's UTF-8 bytes ([begin, end); equal for inserted tokens)
    int byteEnd = 0;
    bool special = false;
    int decodeStep = 0; // > 0: appended by decode pass N (1, 2, …), not typed in the prompt

    bool generated() const { return decodeStep > 0; }

    // Display text with whitespace made visible: " " -> "␣", "\n" -> "↵", "\t" -> "⇥".
    QString visibleText() const;
    // "20 74 68 65"
    QString bytesHex() const;
    // What a tooltip says about the token at `position`: its visible text (the strip's spelling, "␣France" — never
    // the vocabulary's "ĠFrance"), position, id, bytes, and whether it is special.
    QString toolTip(int position) const;
};

using TokenList = QVector<TokenInfo>;

} // namespace ui

Q_DECLARE_METATYPE(ui::TokenInfo)
Q_DECLARE_METATYPE(ui::TokenList)
