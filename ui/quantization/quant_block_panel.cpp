#include "ui/quantization/quant_block_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {
    QString number(double v) { return QString::number(v, 'g', 5); }

    // The formula the block's values follow, in the words of the table's columns.
    QString formula(const QString& type)
    {
        if (type == QLatin1String("Q8_0"))
            return QStringLiteral("value = d · q");
        if (type == QLatin1String("Q4_0"))
            return QStringLiteral("value = d · (q − 8)");
        if (type == QLatin1String("Q5_0"))
            return QStringLiteral("value = d · (q − 16)");
        if (type == QLatin1String("Q4_1") || type == QLatin1String("Q5_1"))
            return QStringLiteral("value = d · q + m");
        if (type == QLatin1String("Q6_K"))
            return QStringLiteral("value = (d · sc) · (q − 32)");
        if (type == QLatin1String("Q3_K"))
            return QObject::tr("Q3_K: values only (its scales are not taken apart here)");
        return QStringLiteral("value = (d · sc) · q − dmin · m");
    }
}

QuantBlockPanel::QuantBlockPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("quantBlockPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* row = new QHBoxLayout;
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_block = new QSpinBox(this);
    m_block->setPrefix(tr("block "));
    m_block->setToolTip(tr("Which block of the row to take apart"));
    row->addWidget(m_header, 1);
    row->addWidget(m_block, 0, Qt::AlignTop);
    layout->addLayout(row);
    m_table = new QTableWidget(this);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        { tr("value #"), tr("sub-block"), tr("code q"), tr("scale"), tr("min"), tr("value") });
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6); // compact: more values in sight
    m_table->setMinimumHeight(6 * (fontMetrics().height() + 6));
    layout->addWidget(m_table, 1);
    connect(m_block, &QSpinBox::valueChanged, this, [this] { fill(); });
    hide();
}

void QuantBlockPanel::setWeight(const StoredWeight& weight)
{
    const bool sameTensor = weight.tensor == m_weight.tensor;
    m_weight = weight;
    setVisible(weight.isValid());
    if (!weight.isValid())
        return;
    const QSignalBlocker block(m_block);
    m_block->setRange(0, int(weight.blocks.size()) - 1);
    if (!sameTensor)
        m_block->setValue(0);
    fill();
}

void QuantBlockPanel::setBlock(int block) { m_block->setValue(block); }

QString QuantBlockPanel::headerText() const { return m_header->text(); }

void QuantBlockPanel::fill()
{
    const int index = m_block->value();
    if (index < 0 || index >= m_weight.blocks.size())
        return;
    const StoredBlock& b = m_weight.blocks[index];
    const int per = int(b.values.size());
    QString scales = tr("d = %1").arg(number(double(b.d)));
    if (b.hasMin)
        scales += m_weight.type.endsWith(QLatin1String("_K")) ? tr(", dmin = %1").arg(number(double(b.min)))
                                                              : tr(", m = %1").arg(number(double(b.min)));
    m_header->setText(tr("<b>Stored weight</b> <code>%1</code>: <b>%2</b>, %3 × %4, %5 values per block. Row %6, "
                         "block %7 of its %8 (values %9–%10): %11 · %12")
                          .arg(m_weight.tensor.toHtmlEscaped(), m_weight.type)
                          .arg(m_weight.rows)
                          .arg(m_weight.cols)
                          .arg(per)
                          .arg(m_weight.row)
                          .arg(index)
                          .arg(m_weight.blocksPerRow)
                          .arg(qint64(index) * per)
                          .arg(qint64(index + 1) * per - 1)
                          .arg(scales, formula(m_weight.type).toHtmlEscaped()));
    m_table->setRowCount(per);
    const auto put = [this](int r, int c, const QString& text) {
        auto* item = m_table->item(r, c);
        if (!item) {
            item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
        item->setText(text);
    };
    for (int i = 0; i < per; ++i) {
        // The sub-block the value belongs to (k-quants), and what it contributes: d · sc and dmin · m.
        const StoredBlock::SubBlock* sub = nullptr;
        for (const StoredBlock::SubBlock& s : b.subBlocks)
            if (i >= s.first && i < s.first + s.count)
                sub = &s;
        put(i, 0, QString::number(qint64(index) * per + i));
        put(i, 1, sub ? QString::number(sub->first / std::max(1, sub->count)) : QStringLiteral("—"));
        put(i, 2,
            i < b.codes.size()
                ? (b.codeOffset ? QStringLiteral("%1 (%2)").arg(b.codes[i]).arg(b.codes[i] - b.codeOffset)
                                : QString::number(b.codes[i]))
                : QStringLiteral("—"));
        put(i, 3,
            sub ? QStringLiteral("%1 → %2").arg(sub->scale).arg(number(double(b.d) * sub->scale))
                : number(double(b.d)));
        put(i, 4,
            sub && sub->min >= 0 ? QStringLiteral("%1 → %2").arg(sub->min).arg(number(double(b.min) * sub->min))
                : b.hasMin       ? number(double(b.min))
                                 : QStringLiteral("—"));
        put(i, 5, number(double(b.values[i])));
    }
}

} // namespace ui
