#pragma once
// The generation transport shared by the sampling lab and the generation view: step one token (F11 in the window),
// generate to a stop condition with progress and cancel, step back, draw again, restart; and one line saying what
// happened last (the stop reason once the run has stopped).
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ui {

class DecodingController;
struct GenerationSnapshot;

class DecodingTransport : public QWidget {
    Q_OBJECT
public:
    explicit DecodingTransport(DecodingController* controller, QWidget* parent = nullptr);

    QPushButton* stepButton() const { return m_step; }
    QPushButton* generateButton() const { return m_generate; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* drawButton() const { return m_draw; }
    QLabel* stopLabel() const { return m_stop; }

    // "Stopped: end-of-sequence token <|im_end|>" etc., the words the views show for a snapshot.
    static QString stopText(const GenerationSnapshot& g);

private:
    void onGeneration(const GenerationSnapshot& g);
    void updateButtons();

    DecodingController* m_controller;
    QPushButton* m_step = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_draw = nullptr;
    QPushButton* m_restart = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stop = nullptr;
    bool m_finished = false;
    bool m_hasRun = false;
};

} // namespace ui
