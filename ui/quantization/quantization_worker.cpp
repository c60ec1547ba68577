#include "ui/quantization/quantization_worker.h"

#include "core/analysis/weight_format_comparison.h"

namespace ui {

QuantizationWorker::QuantizationWorker(const std::atomic<quint64>* validFrom, const std::atomic<bool>* stop)
    : m_validFrom(validFrom)
    , m_stop(stop)
{
}

void QuantizationWorker::adopt(quint64, std::shared_ptr<const core::LoadedModel> model)
{
    m_reference = std::move(model);
}

void QuantizationWorker::compare(quint64 job, const QString& otherPath, const QVector<int>& ids)
{
    if (!m_reference || ids.isEmpty()) {
        emit failed(job,
            !m_reference ? tr("Open a model first (File ▸ Open model…): it is the reference the other file is compared "
                              "with.")
                         : tr("Type a prompt first: both models run on its tokens."));
        emit jobDone(job);
        return;
    }
    try {
        if (!m_other || m_otherPath != otherPath) {
            m_other.reset(); // the old one goes before the new one is read (two big models, not three)
            m_otherPath.clear();
            emit progress(job, int(Stage::Opening), 0);
            m_other = core::openModel(otherPath.toStdString(),
                [&](int percent, core::OpenStage) { emit progress(job, int(Stage::Opening), percent); });
            m_otherPath = otherPath;
        }
        if (stopped(job)) {
            emit jobDone(job);
            return;
        }
        const std::vector<std::int32_t> tokens(ids.begin(), ids.end());
        int lastPercent = -1;
        const std::optional<core::WeightFormatComparison> c
            = core::compareWeightFormats(*m_reference, *m_other, tokens, [&](int done, int total) {
                  const int percent = total > 0 ? done * 100 / total : 100;
                  if (percent != lastPercent)
                      emit progress(job, int(Stage::Running), lastPercent = percent);
                  return !stopped(job);
              });
        if (c)
            emit compared(job, QuantizationSnapshot::from(*m_reference, *m_other, ids, *c));
    } catch (const std::exception& e) { // core::Error, and anything a broken file provokes
        emit failed(job, QString::fromUtf8(e.what()));
    }
    emit jobDone(job);
}

} // namespace ui
