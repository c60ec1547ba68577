#include "ui/positions/rope_panel.h"

#include "core/analysis/rope_geometry.h"
#include "ui/positions/rope_canvas.h"
#include "ui/widgets/tensor_heatmap.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ui {

RopePanel::RopePanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    m_layerLabel = new QLabel(this);
    m_queryLabel = new QLabel(this);
    m_keyLabel = new QLabel(this);
    m_headLabel = new QLabel(this);
    m_head = new QSpinBox(this);
    m_head->setObjectName(QStringLiteral("ropeHead"));
    m_headLabel->setBuddy(m_head);
    m_layer = new QSpinBox(this);
    m_query = new QSpinBox(this);
    m_key = new QSpinBox(this);
    m_layer->setObjectName(QStringLiteral("ropeLayer"));
    m_query->setObjectName(QStringLiteral("ropeQuery"));
    m_key->setObjectName(QStringLiteral("ropeKey"));
    m_layerLabel->setBuddy(m_layer);
    m_queryLabel->setBuddy(m_query);
    m_keyLabel->setBuddy(m_key);
    for (auto [label, box] : { std::pair { m_layerLabel, m_layer }, std::pair { m_headLabel, m_head },
             std::pair { m_queryLabel, m_query }, std::pair { m_keyLabel, m_key } }) {
        controls->addWidget(label);
        controls->addWidget(box);
        controls->addSpacing(12);
        connect(box, &QSpinBox::valueChanged, this, [this] { recompute(); });
    }
    controls->addStretch(1);
    layout->addLayout(controls);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    // The drawing needs about 22 lines of its font; where the pane is shorter (1280x720 with the presentation zoom)
    // it scrolls instead of drawing its rows over each other.
    m_canvas = new RopeCanvas;
    m_canvasScroll = new QScrollArea(this);
    m_canvasScroll->setWidget(m_canvas);
    m_canvasScroll->setWidgetResizable(true);
    m_canvasScroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_canvasScroll, 1);
    m_table = new TensorHeatmap(this);
    m_table->setObjectName(QStringLiteral("positionTable"));
    layout->addWidget(m_table, 1);
    m_explanation = new QLabel(this);
    m_explanation->setWordWrap(true);
    layout->addWidget(m_explanation);
    m_query->setValue(5);
    retranslate();
}

void RopePanel::retranslate()
{
    m_layerLabel->setText(tr("&Layer"));
    m_headLabel->setText(tr("&Head"));
    m_queryLabel->setText(tr("&Query position"));
    m_keyLabel->setText(tr("&Key position"));
    m_explanation->setText(
        tr("RoPE turns each 2-D pair of a head's q and k by its position times the pair's own frequency ω. The score "
           "q·k only sees the angle between the two turned vectors, so it depends on the distance between the "
           "positions, not on where they stand. Fast pairs (short wavelength λ) tell close neighbours apart; slow "
           "pairs hardly turn and carry meaning across the whole context. Inside the prompt q and k are the model's "
           "own (the line above says whose); past it they are the same textbook vector (every pair at (1, 0)), and "
           "the curve is RoPE's own effect. Either way the curve keeps the two vectors and moves only the distance."));
    recompute();
}

void RopePanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void RopePanel::setModel(const ModelInfo& info)
{
    m_config = info.config;
    m_rope = info.isValid() && m_config.positional == core::Positional::Rope && m_config.headDim >= 2;
    const QSignalBlocker a(m_layer), b(m_query), c(m_key), d(m_head);
    m_layer->setRange(0, std::max(0, m_config.nLayers - 1));
    m_head->setRange(0, std::max(0, m_config.nHeads - 1));
    m_vectors.reset();
    m_query->setRange(0, std::max(0, m_config.maxPositions - 1));
    m_key->setRange(0, std::max(0, m_config.maxPositions - 1));
    m_tableRows = info.positionRows;
    if (m_tableRows > 0) {
        QStringList labels;
        for (int r = 0; r < m_tableRows; ++r)
            labels << QString::number(r);
        m_table->setTensor(m_tableRows, m_config.dim, info.positionTable, labels);
    } else {
        m_table->clear();
    }
    recompute();
}

void RopePanel::setLayer(int layer) { m_layer->setValue(layer); }

void RopePanel::setPositions(int query, int key)
{
    const QSignalBlocker b(m_key);
    m_query->setValue(query);
    m_key->setValue(key);
    recompute();
}

bool RopePanel::applySettings(const QString& settings)
{
    int layer = m_layer->value(), head = m_head->value(), query = m_query->value(), key = m_key->value();
    for (const QString& item : settings.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int value = item.section(QLatin1Char('='), 1).toInt(&ok);
        const QString name = item.section(QLatin1Char('='), 0, 0).trimmed();
        if (!ok || value < 0)
            return false;
        if (name == QLatin1String("layer"))
            layer = value;
        else if (name == QLatin1String("query"))
            query = value;
        else if (name == QLatin1String("key"))
            key = value;
        else if (name == QLatin1String("head"))
            head = value;
        else
            return false;
    }
    setLayer(layer);
    setHead(head);
    setPositions(query, key);
    return true;
}

void RopePanel::recompute()
{
    if (m_key->value() > m_query->value()) {
        const QSignalBlocker b(m_key);
        m_key->setValue(m_query->value()); // a query never sees a later key
    }
    m_canvasScroll->setVisible(m_rope);
    m_table->setVisible(!m_rope && m_tableRows > 0);
    m_explanation->setVisible(m_rope);
    for (QWidget* w : { static_cast<QWidget*>(m_layer), static_cast<QWidget*>(m_head), static_cast<QWidget*>(m_query),
             static_cast<QWidget*>(m_key) })
        w->setEnabled(m_rope);
    if (!m_rope) {
        if (m_config.nLayers == 0)
            m_summary->setText(tr("Open a model to see how it encodes positions."));
        else if (m_config.positional == core::Positional::Sinusoidal)
            m_summary->setText(tr("This model adds a sin/cos vector to each token's embedding instead of rotating q "
                                  "and k. Below: that table on its own, positions 0–%1 (rows) × %2 dims (columns). "
                                  "Each pair of columns is one sine and cosine; the left ones change fast from row to "
                                  "row, the right ones slowly: the stripes.")
                                   .arg(m_tableRows - 1)
                                   .arg(m_config.dim));
        else
            m_summary->setText(tr("This model adds a learned vector to each token's embedding instead of rotating q "
                                  "and k. Below: that table on its own, positions 0–%1 of %2 (rows) × %3 dims "
                                  "(columns), as training left it.")
                                   .arg(m_tableRows - 1)
                                   .arg(m_config.maxPositions)
                                   .arg(m_config.dim));
        return;
    }
    const int layer = m_layer->value(), head = m_head->value(), posQ = m_query->value(), posK = m_key->value();
    const bool inPrompt = posQ < m_promptLength && posK < m_promptLength;
    const bool answered = m_vectors && m_vectors->layer == layer && m_vectors->head == head && m_vectors->posQ == posQ
        && m_vectors->posK == posK && int(m_vectors->q.size()) == m_config.headDim;
    if (inPrompt && answered) {
        m_shown = m_vectors;
        m_canvas->setGeometry(m_config, layer, m_shown->q, m_shown->k, posQ, posK);
    } else {
        m_shown.reset();
        const std::vector<float> v = core::unitPairVector(m_config.headDim, m_config.rotaryDim());
        m_canvas->setGeometry(m_config, layer, v, v, posQ, posK);
        if (inPrompt && m_canvas->ropeGeometry().rotates)
            emit vectorsWanted(layer, head, posQ, posK); // shown when they come (setVectors)
    }
    const core::RopeGeometry& g = m_canvas->ropeGeometry();
    QStringList parts;
    if (!g.rotates) {
        parts << tr("layer %1: no positional encoding (NoPE layer)").arg(layer);
    } else {
        const double theta = g.local ? m_config.ropeThetaLocal : m_config.ropeTheta;
        parts << tr("base θ %1%2")
                     .arg(
                         QString::number(theta, 'g', 8), g.local ? tr(" (the sliding-window layers' own)") : QString());
        const core::RopeScaling& s = m_config.ropeScaling;
        if (!g.local && s.kind == core::RopeScalingKind::Llama3)
            parts << tr("Llama 3 scaling: wavelengths above %1 positions slowed %2×, below %3 kept, blended between")
                         .arg(QString::number(s.originalContext / s.lowFreqFactor, 'g', 6),
                             QString::number(s.factor, 'g', 6),
                             QString::number(s.originalContext / s.highFreqFactor, 'g', 6));
        else if (!g.local && s.kind == core::RopeScalingKind::Linear)
            parts << tr("linear scaling: every frequency divided by %1").arg(QString::number(s.factor, 'g', 6));
    }
    if (g.rotates)
        parts << (m_shown ? tr("q, k: the model's own, head %1's query at %2 and K/V head %3's key at %4")
                                .arg(head)
                                .arg(posQ)
                                .arg(m_shown->kvHead)
                                .arg(posK)
                          : tr("q, k: textbook vectors (every pair at (1, 0)); positions inside the prompt use the "
                               "model's own"));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void RopePanel::setPromptLength(int tokens)
{
    m_promptLength = tokens;
    m_vectors.reset(); // another prompt: other vectors
    recompute();
}

void RopePanel::setVectors(const RopeVectors& vectors)
{
    m_vectors = vectors;
    recompute();
}

void RopePanel::setHead(int head) { m_head->setValue(head); }

} // namespace ui
