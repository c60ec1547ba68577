#pragma once
// The intervention list as an editor: type a spec ("blk.1.head.2", "blk.1.head.2:mean", "blk.0.mlp", "blk.1.attn",
// "blk.1.head.2:8->4") and Add, select and Remove, or Clear. Entries also come from the context menus of the
// diagram and the attention grid; a bad spec is refused with the core's message.
#include "core/exec/intervention.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ui {

class InterventionController;

class InterventionListEditor : public QWidget {
    Q_OBJECT
public:
    explicit InterventionListEditor(InterventionController* controller, QWidget* parent = nullptr);

    // In the interface language: "layer 1 · head 2 zeroed".
    static QString describe(const core::Intervention& i);
    static QString describe(const core::InterventionList& list); // each described, joined by ", "

    bool addSpec(const QString& spec); // what Add does with the typed text; false (and the message shown) if refused
    QListWidget* list() const { return m_list; }
    QLineEdit* specEdit() const { return m_spec; }
    QString errorText() const;

private:
    void refresh();

    InterventionController* m_controller;
    QLineEdit* m_spec;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_clear;
    QListWidget* m_list;
    QLabel* m_error;
};

} // namespace ui
