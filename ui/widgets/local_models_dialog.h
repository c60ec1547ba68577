#pragma once
// File ▸ Models on this computer: what core::findLocalModels finds (Hugging Face cache, Ollama, LM Studio,
// llama.cpp's cache, folders the user added), scanned on a thread of its own so the window never waits on a slow
// disk. Double-click or Open opens the chosen model; Add folder… remembers a folder to search from now on.
#include <QDialog>
#include <QPointer>
#include <QStringList>

class QLabel;
class QPushButton;
class QTableView;
class QThread;

namespace ui {

class LocalModelsModel;

class LocalModelsDialog : public QDialog {
    Q_OBJECT
public:
    explicit LocalModelsDialog(QWidget* parent = nullptr);
    ~LocalModelsDialog() override;

    // Starts a scan (the previous one's result, if it arrives later, is dropped).
    void rescan();
    bool scanning() const { return m_scanning; }
    LocalModelsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

    // The folders searched besides the standard places (QSettings "localModels/folders").
    static QStringList extraFolders();

signals:
    void modelChosen(const QString& path);
    void scanFinished(int models);

private:
    void openSelected();
    void addFolder();

    LocalModelsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_open = nullptr;
    QPointer<QThread> m_thread;
    int m_scanId = 0;
    bool m_scanning = false;
};

} // namespace ui
