// DecodingWorker's answers: the copied value snapshots (sampling table, generation, beam tree) it sends to the UI.
#include "ui/decoding/decoding_worker.h"

#include "core/exec/kv_cache.h"
#include "core/loader/loaded_model.h"

#include "core/common/error.h"
#include "core/decoding/comparison.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/model/model.h"
#include "core/sampling/penalty_window.h"
#include "core/tokenizer/tokenizer.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
namespace ui {

QString DecodingWorker::pieceText(std::int32_t id) const
{
    if (m_tokenizer && m_tokenizer->isValidId(id))
        return visiblePiece(QString::fromStdString(m_tokenizer->displayPiece(id)));
    return QStringLiteral("#%1").arg(id);
}

SamplingSnapshot DecodingWorker::samplingSnapshot() const
{
    SamplingSnapshot s;
    const core::SamplingRecord& r = m_session->pendingRecord();
    s.table = r.table(std::size_t(m_tableRows));
    for (const auto& c : r.columns()) {
        s.stageKinds << QString::fromStdString(c.name);
        s.stages << c.kind;
        s.keptPerColumn << int(c.kept);
    }
    for (const auto& row : s.table.rows) {
        s.rowText << pieceText(row.token);
        s.rowSpecial << (m_tokenizer && m_tokenizer->isSpecial(row.token));
    }
    s.chosenText = pieceText(s.table.chosenToken);
    s.step = int(m_session->generated().size());
    s.forwardPasses = m_session->forwardPasses();
    return s;
}

GenerationSnapshot DecodingWorker::generationSnapshot() const
{
    const core::GenerationSession& ss = *m_session;
    GenerationSnapshot g;
    for (int i = 0; i < ss.promptLength(); ++i) {
        GeneratedPiece p;
        p.id = ss.tokens()[std::size_t(i)];
        p.text = pieceText(p.id);
        p.special = m_tokenizer && m_tokenizer->isSpecial(p.id);
        g.prompt << p;
    }
    for (const auto& t : ss.generated()) {
        GeneratedPiece p;
        p.id = t.id;
        p.text = visiblePiece(QString::fromStdString(t.piece));
        p.probability = t.probability;
        p.seconds = t.seconds;
        p.special = m_tokenizer && m_tokenizer->isSpecial(t.id);
        g.generated << p;
    }
    g.text = QString::fromStdString(ss.text());
    g.rawText = QString::fromStdString(ss.rawText());
    g.stopReason = QString::fromLatin1(core::stopReasonName(ss.stopReason()));
    g.stop = ss.stopReason();
    g.finished = ss.finished();
    g.maxNewTokens = ss.options().maxNewTokens;
    switch (ss.stopReason()) {
    case core::StopReason::None:
        g.stopDetail = tr("running");
        break;
    case core::StopReason::Eos:
        g.stopDetail = tr("end-of-sequence token %1 (id %2)").arg(pieceText(ss.eosHit())).arg(ss.eosHit());
        break;
    case core::StopReason::StopSequence: {
        const auto& m = ss.stopMatch();
        g.stopSequence = QString::fromStdString(m.sequence);
        const std::string raw = ss.rawText();
        g.stopBegin = int(QString::fromUtf8(raw.data(), qsizetype(std::min(m.begin, raw.size()))).size());
        g.stopEnd = g.stopBegin + int(g.stopSequence.size());
        g.stopDetail = tr("stop sequence \"%1\" matched").arg(visiblePiece(g.stopSequence));
        break;
    }
    case core::StopReason::MaxNewTokens:
        g.stopDetail = tr("max new tokens (%1) reached").arg(ss.options().maxNewTokens);
        break;
    case core::StopReason::ContextFull:
        g.stopDetail = tr("context full (%1 positions)").arg(ss.cache().capacity());
        break;
    case core::StopReason::Cancelled:
        g.stopDetail = tr("cancelled");
        break;
    }
    const core::PositionRange penalised = core::penalisedPositions(m_parameters, ss.tokens().size());
    for (std::size_t i = penalised.begin; i < penalised.end; ++i)
        g.penalisedPositions << int(i);
    g.metrics = ss.metrics();
    g.forwardPasses = ss.forwardPasses();

    const core::KvCache& c = ss.cache();
    KvCacheSnapshot& k = g.cache;
    k.layers = c.layers();
    k.length = c.length();
    k.capacity = c.capacity();
    k.rowWidth = c.rowWidth();
    k.shownWidth = std::min(c.rowWidth(), 48);
    k.bytesUsed = c.bytesUsed();
    k.bytesReserved = c.bytesReserved();
    for (int l = 0; l < k.layers; ++l) {
        QVector<float> keys, values;
        keys.reserve(k.length * k.shownWidth);
        values.reserve(k.length * k.shownWidth);
        for (int r = 0; r < k.length; ++r)
            for (int j = 0; j < k.shownWidth; ++j) {
                keys << c.keys(l)[std::size_t(r) * std::size_t(k.rowWidth) + std::size_t(j)];
                values << c.values(l)[std::size_t(r) * std::size_t(k.rowWidth) + std::size_t(j)];
            }
        k.keys << keys;
        k.values << values;
    }
    return g;
}

BeamSnapshot DecodingWorker::beamSnapshot() const
{
    BeamSnapshot b;
    const core::BeamTree& t = m_beam->tree();
    b.nodes = t.nodes();
    for (const auto& n : b.nodes)
        b.nodeText << (n.parent < 0 ? tr("prompt") : pieceText(n.token));
    int rank = 1;
    for (const auto& h : m_beam->hypotheses()) {
        BeamHypothesisInfo i;
        i.rank = rank++;
        i.node = h.node;
        i.text = m_tokenizer ? visiblePiece(QString::fromStdString(m_tokenizer->decode(h.tokens))) : QString();
        i.sumLogProb = h.sumLogProb;
        i.length = h.length;
        i.score = h.score;
        i.eos = h.endedWithEos;
        b.hypotheses << i;
    }
    for (int id : m_beam->liveNodes())
        b.live << id;
    b.steps = m_beam->stepCount();
    b.numBeams = m_beam->parameters().numBeams;
    b.forwardPasses = m_beamBackend->forwardPasses();
    b.weightPasses = m_beamBackend->weightPasses();
    b.finished = m_beam->finished();
    b.stopReason = QString::fromLatin1(core::stopReasonName(m_beam->stopReason()));
    b.interventions = m_interventions;
    return b;
}

} // namespace ui
