#include "ui/widgets/sampling_lab.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/decoding/probability_table_model.h"
#include "ui/widgets/color_map.h"
#include "ui/widgets/decoding_transport.h"
#include "ui/widgets/sampling_texts.h"
#include "ui/widgets/token_html.h"

#include "core/sampling/stage_descriptor.h"
#include "core/sampling/stage_order.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ui {

namespace {

    // Colours the probability table: the chosen row amber, cells a stage removed red, removed rows grey, probabilities
    // on the sequential map.
    class TableStyler : public QIdentityProxyModel {
    public:
        using QIdentityProxyModel::QIdentityProxyModel;
        QVariant data(const QModelIndex& index, int role) const override
        {
            using M = ProbabilityTableModel;
            if (role != Qt::BackgroundRole && role != Qt::ForegroundRole && role != Qt::FontRole)
                return QIdentityProxyModel::data(index, role);
            const bool chosen = index.data(M::ChosenRole).toBool();
            const bool finalKept = index.siblingAtColumn(0).data(M::KeptRole).toBool();
            const bool kept = index.data(M::KeptRole).toBool();
            const bool removedHere = index.data(M::RemovedHereRole).toBool();
            const auto type = M::ColumnType(index.data(M::ColumnTypeRole).toInt());
            const bool probColumn = type != M::ColumnType::Token && !index.data(M::ShowsLogitsRole).toBool();
            QRgb bg = 0;
            bool haveBg = false;
            if (removedHere) {
                bg = qRgb(0xf4, 0xc7, 0xc3);
                haveBg = true;
            } else if (probColumn && kept) {
                bg = tableCellColour(index.data(M::ProbabilityRole).toDouble());
                haveBg = true;
            } else if (chosen && type == M::ColumnType::Token) {
                bg = qRgb(0xff, 0xd5, 0x4f);
                haveBg = true;
            }
            if (role == Qt::BackgroundRole)
                return haveBg ? QVariant(QColor(bg)) : QVariant();
            if (role == Qt::ForegroundRole) {
                if (removedHere)
                    return QColor(0x7b, 0x24, 0x1c);
                if (!finalKept && !haveBg)
                    return QColor(0x99, 0x99, 0x99);
                return haveBg ? QVariant(ColorMap::textOn(bg)) : QVariant();
            }
            QFont f;
            f.setBold(chosen);
            f.setItalic(!finalKept);
            return f;
        }
    };

    double scaled(const QSlider* s) { return s->value() * s->property("scale").toDouble(); }

} // namespace

SamplingLab::SamplingLab(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    m_transport = new DecodingTransport(controller, this);
    layout->addWidget(m_transport);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* scroll = new QScrollArea(split);
    scroll->setWidget(buildControls());
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(250);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* right = new QSplitter(Qt::Horizontal, split);
    auto* tableBox = new QWidget(right);
    auto* tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(tableBox);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    tableLayout->addWidget(m_summary);
    m_model = new ProbabilityTableModel(this);
    auto* styler = new TableStyler(this);
    styler->setSourceModel(m_model);
    m_table = new QTableView(tableBox);
    m_table->setModel(styler);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setToolTip(tr("Click a row to choose the token the logit bias applies to"));
    tableLayout->addWidget(m_table);
    m_hideOff = new QCheckBox(tr("hide the stages that are off (they change nothing)"), tableBox);
    m_hideOff->setChecked(true);
    tableLayout->addWidget(m_hideOff);
    auto* legend = new QLabel(tableLegendHtml(), tableBox);
    legend->setTextFormat(Qt::RichText);
    tableLayout->addWidget(legend);
    connect(m_hideOff, &QCheckBox::toggled, this, &SamplingLab::updateHiddenColumns);

    m_chart = new QChart;
    m_chart->setTitle(tr("Top 10: the model vs after the pipeline"));
    m_inputSet = new QBarSet(tr("model (T = 1)"));
    m_inputSet->setColor(QColor(0x9e, 0xb9, 0xd4));
    m_finalSet = new QBarSet(tr("drawn from"));
    m_finalSet->setColor(QColor(0x08, 0x51, 0x9c));
    auto* series = new QHorizontalBarSeries;
    series->append(m_inputSet);
    series->append(m_finalSet);
    m_chart->addSeries(series);
    m_axisX = new QBarCategoryAxis;
    m_axisY = new QValueAxis;
    m_axisY->setRange(0, 1);
    m_axisY->setLabelFormat(QStringLiteral("%.2f"));
    m_axisY->setTitleText(tr("probability"));
    // Horizontal bars: the tokens read on the left, best at the top.
    m_chart->addAxis(m_axisX, Qt::AlignLeft);
    m_chart->addAxis(m_axisY, Qt::AlignBottom);
    series->attachAxis(m_axisX);
    series->attachAxis(m_axisY);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView = new QChartView(m_chart, right);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumWidth(180);
    m_chartView->setMaximumWidth(330); // the table gets the rest
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({ 600, 340 });
    right->setChildrenCollapsible(false);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({ 300, 900 });
    layout->addWidget(split, 1);

    connect(controller, &DecodingController::sampled, this, &SamplingLab::onSampled);
    connect(controller, &DecodingController::modelDefaults, this, &SamplingLab::applyModelDefaults);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, &SamplingLab::fitChart);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (!current.isValid())
                return;
            m_biasId = current.data(ProbabilityTableModel::TokenIdRole).toInt();
            m_biasToken->setText(tr("token %1").arg(current.siblingAtColumn(0).data().toString().mid(3)));
            if (m_bias->value() != 0)
                sendSampling();
        });
    m_building = false;
}

QSlider* SamplingLab::addSlider(QFormLayout* form, core::SamplingParameter id)
{
    // Range, default, "off" and special values, label and tooltip: all from the parameter's descriptor.
    const core::ParameterDescriptor& d = core::parameterDescriptor(id);
    const double scale = d.slider.scale;
    const int decimals = d.slider.decimals;
    const auto position = [scale](double value) { return int(std::lround(value / scale)); };
    auto* s = new QSlider(Qt::Horizontal);
    s->setRange(d.slider.min, d.slider.max);
    s->setValue(position(d.defaultValue));
    s->setProperty("scale", scale);
    s->setToolTip(samplingText(d.help));
    auto* v = new QLabel;
    v->setMinimumWidth(v->fontMetrics().horizontalAdvance(QStringLiteral("-00.00")));
    v->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const std::optional<int> off = d.off ? std::optional(position(*d.off)) : std::nullopt;
    const std::optional<int> special = d.special ? std::optional(position(*d.special)) : std::nullopt;
    const QString specialText = samplingText(d.specialText);
    auto show = [s, v, scale, decimals, off, special, specialText] {
        if (off && s->value() == *off)
            v->setText(QObject::tr("off"));
        else if (special && s->value() == *special)
            v->setText(specialText);
        else
            v->setText(QString::number(s->value() * scale, 'f', decimals));
    };
    show();
    connect(s, &QSlider::valueChanged, v, show);
    connect(s, &QSlider::valueChanged, this, [this] {
        if (!m_building)
            sendSampling();
    });
    auto* row = new QHBoxLayout;
    row->addWidget(s, 1);
    row->addWidget(v);
    auto* name = new QLabel(samplingText(d.label));
    name->setToolTip(samplingText(d.help));
    form->addRow(name, row);
    m_sliders.insert(id, s);
    return s;
}

QWidget* SamplingLab::buildControls()
{
    using P = core::SamplingParameter;
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);

    auto* shape = new QGroupBox(tr("Shape the distribution"), box);
    auto* f1 = new QFormLayout(shape);
    m_temperature = addSlider(f1, P::Temperature);
    m_topK = addSlider(f1, P::TopK);
    m_topP = addSlider(f1, P::TopP);
    m_minP = addSlider(f1, P::MinP);
    m_typicalP = addSlider(f1, P::TypicalP);
    v->addWidget(shape);

    auto* rep = new QGroupBox(tr("Avoid repeating"), box);
    auto* f2 = new QFormLayout(rep);
    m_repetition = addSlider(f2, P::RepetitionPenalty);
    m_presence = addSlider(f2, P::PresencePenalty);
    m_frequency = addSlider(f2, P::FrequencyPenalty);
    const core::ParameterDescriptor& window = core::parameterDescriptor(P::PenaltyWindow);
    m_window = new QSpinBox;
    m_window->setRange(window.slider.min, window.slider.max);
    m_window->setValue(int(window.defaultValue));
    m_window->setSpecialValueText(samplingText(window.specialText));
    m_window->setSuffix(tr(" tokens"));
    m_window->setToolTip(samplingText(window.help));
    f2->addRow(samplingText(window.label), m_window);
    connect(m_window, &QSpinBox::valueChanged, this, &SamplingLab::sendSampling);
    v->addWidget(rep);

    auto* bias = new QGroupBox(tr("Logit bias"), box);
    auto* f3 = new QFormLayout(bias);
    m_biasToken = new QLabel(tr("click a table row"));
    f3->addRow(tr("for"), m_biasToken);
    m_bias = addSlider(f3, P::LogitBias);
    v->addWidget(bias);

    // What the loaded model's generation_config.json asks for, when it states anything (applyModelDefaults).
    m_defaultsNote = new QLabel(box);
    m_defaultsNote->setWordWrap(true);
    m_defaultsNote->setVisible(false);
    v->addWidget(m_defaultsNote);

    auto* run = new QGroupBox(tr("Run"), box);
    auto* f4 = new QFormLayout(run);
    m_order = new QComboBox;
    for (const auto& n : core::StageOrder::presetNames())
        m_order->addItem(QString::fromStdString(n));
    m_order->setToolTip(tr("the order of the stages: Hugging Face transformers or llama.cpp"));
    f4->addRow(tr("stage order"), m_order);
    connect(m_order, &QComboBox::currentIndexChanged, this, &SamplingLab::sendSampling);
    const core::ParameterDescriptor& seed = core::parameterDescriptor(P::Seed);
    m_seed = new QSpinBox;
    m_seed->setRange(seed.slider.min, seed.slider.max);
    m_seed->setToolTip(samplingText(seed.help));
    f4->addRow(samplingText(seed.label), m_seed);
    connect(m_seed, &QSpinBox::valueChanged, this, &SamplingLab::sendSampling);
    m_rows = new QSpinBox;
    m_rows->setRange(1, 100);
    m_rows->setValue(m_controller->tableRows());
    f4->addRow(tr("table rows"), m_rows);
    connect(m_rows, &QSpinBox::valueChanged, m_controller, &DecodingController::setTableRows);
    m_maxNew = new QSpinBox;
    m_maxNew->setRange(1, 4096);
    m_maxNew->setValue(m_controller->options().maxNewTokens);
    f4->addRow(tr("max new tokens"), m_maxNew);
    m_stops = new QLineEdit;
    m_stops->setPlaceholderText(tr("e.g. .|\\n"));
    m_stops->setToolTip(tr("stop sequences separated by |; \\n is a newline"));
    f4->addRow(tr("stop sequences"), m_stops);
    m_stopAtEos = new QCheckBox(tr("stop at EOS"));
    m_stopAtEos->setChecked(true);
    f4->addRow(QString(), m_stopAtEos);
    connect(m_maxNew, &QSpinBox::editingFinished, this, &SamplingLab::sendOptions);
    connect(m_stops, &QLineEdit::editingFinished, this, &SamplingLab::sendOptions);
    connect(m_stopAtEos, &QCheckBox::toggled, this, &SamplingLab::sendOptions);
    v->addWidget(run);
    v->addStretch(1);
    return box;
}

core::SamplingParameters SamplingLab::parameters() const
{
    core::SamplingParameters p;
    // Every number with a slider, through its descriptor; the window, the bias and the seed have their own controls.
    for (auto it = m_sliders.cbegin(); it != m_sliders.cend(); ++it) {
        const core::ParameterDescriptor& d = core::parameterDescriptor(it.key());
        if (d.isNumber())
            d.set(p, scaled(it.value()));
    }
    p.penaltyWindow = m_window->value();
    if (m_biasId >= 0 && m_bias->value() != 0)
        p.logitBias[m_biasId] = float(scaled(m_bias));
    p.seed = std::uint64_t(m_seed->value());
    return p;
}

bool SamplingLab::applySettings(const QString& spec)
{
    bool ok = true;
    m_building = true; // one re-sample at the end, not one per control
    for (const QString& item : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = item.section(QLatin1Char('='), 0, 0).trimmed();
        const double value = item.section(QLatin1Char('='), 1).toDouble();
        // A parameter by its JSON name ("top_k", "repetition_penalty") or its label ("repetition", "window").
        const core::ParameterDescriptor* d = core::parameterByName(key.toStdString());
        for (const core::ParameterDescriptor& candidate : core::parameterDescriptors())
            if (!d && key == QLatin1String(candidate.label.data(), qsizetype(candidate.label.size())))
                d = &candidate;
        if (!d || d->type == core::ParameterType::TokenBias)
            ok = false;
        else if (QSlider* sl = m_sliders.value(d->id))
            sl->setValue(int(std::lround(value / sl->property("scale").toDouble())));
        else if (d->id == core::SamplingParameter::Seed)
            m_seed->setValue(int(value));
        else if (d->id == core::SamplingParameter::PenaltyWindow)
            m_window->setValue(int(value));
    }
    m_building = false;
    sendSampling();
    return ok;
}

bool SamplingLab::setParameters(const core::SamplingParameters& p, const QString& order, QString* why)
{
    const auto refuse = [why](const QString& text) {
        if (why)
            *why = text;
        return false;
    };
    // Check everything first, so a refused set leaves every control as it was.
    QHash<QSlider*, int> positions;
    for (auto it = m_sliders.cbegin(); it != m_sliders.cend(); ++it) {
        const core::ParameterDescriptor& d = core::parameterDescriptor(it.key());
        double value = d.isNumber() ? d.get(p) : 0.0;
        if (d.type == core::ParameterType::TokenBias) {
            if (p.logitBias.size() > 1)
                return refuse(
                    tr("logit_bias: the sampling lab holds one biased token, not %1").arg(p.logitBias.size()));
            value = p.logitBias.empty() ? 0.0 : double(p.logitBias.begin()->second);
        }
        const double scale = it.value()->property("scale").toDouble();
        const int position = int(std::lround(value / scale));
        if (position < it.value()->minimum() || position > it.value()->maximum()
            || std::abs(position * scale - value) > 1e-4 * std::max(1.0, std::abs(value)))
            return refuse(tr("%1 = %2 is not a value of its slider")
                              .arg(QString::fromUtf8(d.name.data(), qsizetype(d.name.size())))
                              .arg(value));
        positions.insert(it.value(), position);
    }
    if (m_order->findText(order) < 0)
        return refuse(tr("unknown stage order “%1”").arg(order));
    if (p.seed > std::uint64_t(m_seed->maximum()) || p.penaltyWindow < m_window->minimum()
        || p.penaltyWindow > m_window->maximum())
        return refuse(tr("seed %1 or penalty window %2 is outside its box").arg(p.seed).arg(p.penaltyWindow));
    m_building = true; // one re-sample at the end
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        it.key()->setValue(it.value());
    m_biasId = p.logitBias.empty() ? -1 : p.logitBias.begin()->first;
    m_biasToken->setText(m_biasId < 0 ? tr("click a table row") : tr("token %1").arg(m_biasId));
    m_window->setValue(p.penaltyWindow);
    m_seed->setValue(int(p.seed));
    m_order->setCurrentText(order);
    m_building = false;
    sendSampling();
    return true;
}

core::GenerationOptions SamplingLab::generationOptions() const
{
    core::GenerationOptions o = m_controller->options();
    o.maxNewTokens = m_maxNew->value();
    o.stopAtEos = m_stopAtEos->isChecked();
    o.stopSequences.clear();
    for (QString s : m_stops->text().split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        s.replace(QLatin1String("\\n"), QLatin1String("\n"));
        o.stopSequences.push_back(s.toStdString());
    }
    return o;
}

bool SamplingLab::setGenerationOptions(const core::GenerationOptions& options, QString* why)
{
    QStringList stops;
    for (const std::string& s : options.stopSequences) {
        QString stop = QString::fromStdString(s);
        if (stop.contains(QLatin1Char('|')) || stop.contains(QLatin1String("\\n"))) {
            if (why)
                *why = tr("the stop sequence “%1” cannot be typed in the lab's box").arg(stop);
            return false;
        }
        stops << stop.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    }
    if (options.maxNewTokens < m_maxNew->minimum() || options.maxNewTokens > m_maxNew->maximum()) {
        if (why)
            *why = tr("max new tokens %1 is outside %2..%3")
                       .arg(options.maxNewTokens)
                       .arg(m_maxNew->minimum())
                       .arg(m_maxNew->maximum());
        return false;
    }
    {
        const QSignalBlocker b(m_stopAtEos);
        m_maxNew->setValue(options.maxNewTokens);
        m_stops->setText(stops.join(QLatin1Char('|')));
        m_stopAtEos->setChecked(options.stopAtEos);
    }
    sendOptions();
    return true;
}

void SamplingLab::sendSampling()
{
    if (m_building)
        return;
    m_controller->setSampling(parameters(), m_order->currentText());
}

void SamplingLab::sendOptions()
{
    const core::GenerationOptions o = generationOptions();
    if (o.maxNewTokens == m_controller->options().maxNewTokens && o.stopAtEos == m_controller->options().stopAtEos
        && o.stopSequences == m_controller->options().stopSequences)
        return;
    m_controller->setOptions(o);
}

void SamplingLab::onSampled(const SamplingSnapshot& s)
{
    m_model->setSnapshot(s);
    const int chosen = m_model->chosenRow();
    m_summary->setText(
        tr("<b>Token %1</b> of the answer · drawn: <b style='background:#ffd54f'>&nbsp;%2&nbsp;</b> with p = %3 "
           "(random number %4) · %5 of %6 tokens survive the pipeline · order <i>%7</i>")
            .arg(s.step + 1)
            .arg(s.chosenText.toHtmlEscaped())
            .arg(s.table.chosenProbability, 0, 'f', 3)
            .arg(s.table.uniform, 0, 'f', 3)
            .arg(s.keptPerColumn.isEmpty() ? 0 : s.keptPerColumn.back())
            .arg(s.keptPerColumn.isEmpty() ? 0 : s.keptPerColumn.front())
            .arg(QString::fromStdString(s.table.order)));
    Q_UNUSED(chosen);
    updateHiddenColumns();
    updateChart(s);
}

void SamplingLab::resizeEvent(QResizeEvent* e)
{
    QWidget::resizeEvent(e);
    fitChart();
}

void SamplingLab::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    fitChart();
}

void SamplingLab::fitChart()
{
    if (!m_table->model() || m_table->model()->columnCount() == 0)
        return;
    const int tableNeeds = m_table->horizontalHeader()->length() + m_table->verticalHeader()->width()
        + 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    auto* right = qobject_cast<QSplitter*>(m_chartView->parentWidget());
    const int room = right ? right->width() : 0;
    const bool both = room >= tableNeeds + m_chartView->minimumWidth() + right->handleWidth();
    if (room > 0 && m_chartView->isVisibleTo(right) != both)
        m_chartView->setVisible(both);
}

void SamplingLab::updateHiddenColumns()
{
    const auto& settings = m_model->snapshot().table.settings;
    for (int col = 1; col + 1 < m_model->columnCount(); ++col) {
        const std::size_t tc = std::size_t(col - 1);
        const bool off = tc > 0 && tc < settings.size() && settings[tc] == "off";
        m_table->setColumnHidden(col, m_hideOff->isChecked() && off);
    }
}

void SamplingLab::updateChart(const SamplingSnapshot& s)
{
    const int n = std::min<int>(int(s.table.rows.size()), 10);
    QStringList categories;
    QList<qreal> input, final;
    double top = 0;
    for (int r = n - 1; r >= 0; --r) {
        const auto& row = s.table.rows[std::size_t(r)];
        const bool chosen = row.token == s.table.chosenToken;
        categories << (chosen ? QStringLiteral("▶") : QString()) + s.rowText.value(r).left(12)
                + QString(QChar(0x200B)).repeated(r); // unique
        input << row.cells.front().probability;
        final << row.cells.back().probability;
        top = std::max({ top, row.cells.front().probability, row.cells.back().probability });
    }
    if (categories != m_axisX->categories()) {
        m_axisX->clear();
        m_axisX->append(categories);
    }
    if (m_inputSet->count() != n) {
        m_inputSet->remove(0, m_inputSet->count());
        m_finalSet->remove(0, m_finalSet->count());
        m_inputSet->append(input);
        m_finalSet->append(final);
    } else {
        for (int i = 0; i < n; ++i) {
            m_inputSet->replace(i, input[i]);
            m_finalSet->replace(i, final[i]);
        }
    }
    m_axisY->setRange(0, std::min(1.0, std::max(0.05, std::ceil(top * 10.0 + 0.5) / 10.0)));
}

// A model that states its sampling (generation_config.json) starts with it, as `generate` does: do_sample false is
// greedy (T = 0), else its temperature / top_k / top_p; every other control stays. Values no slider can show
// exactly are not approximated: the controls stay and the note says why.
void SamplingLab::applyModelDefaults(const ModelDefaults& defaults)
{
    m_defaultsNote->setVisible(!defaults.stated.isEmpty());
    if (defaults.stated.isEmpty())
        return;
    core::SamplingParameters p = parameters();
    p.temperature = defaults.sampling.temperature;
    p.topK = defaults.sampling.topK;
    p.topP = defaults.sampling.topP;
    QString why;
    if (setParameters(p, m_order->currentText(), &why))
        m_defaultsNote->setText(
            tr("The model's generation_config.json: %1. The controls start there.").arg(defaults.stated));
    else
        m_defaultsNote->setText(tr("The model's generation_config.json: %1, not used: %2.").arg(defaults.stated, why));
}

} // namespace ui
