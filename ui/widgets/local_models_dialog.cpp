#include "ui/widgets/local_models_dialog.h"

#include "ui/session/local_models_model.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace ui {

namespace {
    const QString kFoldersKey = QStringLiteral("localModels/folders");
}

LocalModelsDialog::LocalModelsDialog(QWidget* parent)
    : QDialog(parent)
    , m_model(new LocalModelsModel(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Models on this computer"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(false);
    connect(m_table, &QTableView::doubleClicked, this, [this] { openSelected(); });

    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    QPushButton* add = buttons->addButton(tr("&Add folder…"), QDialogButtonBox::ActionRole);
    QPushButton* again = buttons->addButton(tr("&Scan again"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(m_open, &QPushButton::clicked, this, [this] { openSelected(); });
    connect(add, &QPushButton::clicked, this, [this] { addFolder(); });
    connect(again, &QPushButton::clicked, this, [this] { rescan(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(1000, 420);
    rescan();
}

LocalModelsDialog::~LocalModelsDialog()
{
    // The scan cannot be interrupted (it only reads headers); wait for it rather than leave it writing to a
    // deleted dialog. Its result is delivered through a QPointer, so nothing arrives after this.
    if (m_thread)
        m_thread->wait();
}

QStringList LocalModelsDialog::extraFolders() { return QSettings().value(kFoldersKey).toStringList(); }

void LocalModelsDialog::rescan()
{
    const int id = ++m_scanId;
    m_scanning = true;
    m_open->setEnabled(false);
    m_status->setText(tr("Looking in the Hugging Face cache, Ollama, LM Studio, llama.cpp's cache and your folders…"));
    std::vector<std::string> folders;
    for (const QString& f : extraFolders())
        folders.push_back(f.toStdString());
    QPointer<LocalModelsDialog> self(this);
    QThread* thread = QThread::create([self, id, folders] {
        std::vector<core::LocalModel> found = core::findLocalModels(folders); // never throws
        QMetaObject::invokeMethod(
            qApp,
            [self, id, found = std::move(found)]() mutable {
                if (!self || id != self->m_scanId)
                    return; // closed, or a newer scan is running
                const int n = int(found.size());
                int openable = 0;
                for (const auto& m : found)
                    openable += m.openable ? 1 : 0;
                self->m_model->setModels(std::move(found));
                self->m_table->resizeColumnsToContents();
                self->m_scanning = false;
                self->m_open->setEnabled(openable > 0);
                self->m_status->setText(n == 0
                        ? tr("No models found. Add a folder that holds some.")
                        : tr("%1 models found, %2 of them can be opened here.").arg(n).arg(openable));
                emit self->scanFinished(n);
            },
            Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    if (m_thread)
        m_thread->wait(); // one scan at a time: the previous one is nearly always done
    m_thread = thread;
    thread->start();
}

void LocalModelsDialog::openSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const core::LocalModel* m = rows.isEmpty() ? nullptr : m_model->modelAt(rows.front().row());
    if (!m)
        return;
    if (!m->openable) {
        m_status->setText(
            tr("%1 cannot be opened here: %2").arg(QString::fromStdString(m->name), QString::fromStdString(m->why)));
        return;
    }
    emit modelChosen(QString::fromStdString(m->path));
    accept();
}

void LocalModelsDialog::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("A folder that holds models"));
    if (dir.isEmpty())
        return;
    QStringList folders = extraFolders();
    if (!folders.contains(dir)) {
        folders.push_back(dir);
        QSettings().setValue(kFoldersKey, folders);
    }
    rescan();
}

} // namespace ui
