#include "ui/widgets/view_export.h"

#include <QAbstractItemModel>
#include <QBuffer>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace ui::ViewExport {

bool kindOf(const QString& file, Kind* kind)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("png"))
        *kind = Kind::Png;
    else if (suffix == QLatin1String("svg"))
        *kind = Kind::Svg;
    else if (suffix == QLatin1String("csv"))
        *kind = Kind::Csv;
    else if (suffix == QLatin1String("json"))
        *kind = Kind::Json;
    else
        return false;
    return true;
}

QImage renderImage(QWidget* widget, double scale)
{
    if (!widget || widget->size().isEmpty() || !(scale >= 1.0 && scale <= kMaxScale))
        return {};
    // A device pixel ratio makes every painter draw at the higher resolution (crisp text, thin lines stay thin).
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(widget->palette().window().color());
    widget->render(&image);
    return image;
}

QByteArray renderSvg(QWidget* widget, const QString& title)
{
    if (!widget || widget->size().isEmpty())
        return {};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(widget->size());
    svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
    svg.setResolution(widget->logicalDpiX()); // fonts in points come out the size they are on screen
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("Inference Explorer"));
    QPainter painter(&svg);
    painter.fillRect(QRect(QPoint(0, 0), widget->size()), widget->palette().window());
    widget->render(&painter);
    painter.end();
    // Token text can hold control characters (a byte-level vocabulary has all 256 bytes) that XML 1.0 forbids
    // and QSvgGenerator writes as they are: each becomes U+FFFD, so the file parses. (UTF-8 continuation bytes
    // are never below 0x20, so a byte test is exact.)
    QByteArray clean;
    clean.reserve(bytes.size());
    for (char ch : std::as_const(bytes)) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
            clean += "\xEF\xBF\xBD";
        else
            clean += ch;
    }
    return clean;
}

CsvTable tableFromModel(const QAbstractItemModel* model)
{
    CsvTable table;
    if (!model)
        return table;
    const int columns = model->columnCount();
    for (int c = 0; c < columns; ++c)
        table.header << model->headerData(c, Qt::Horizontal, Qt::DisplayRole)
                            .toString()
                            .replace(QLatin1Char('\n'), QLatin1Char(' '));
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < columns; ++c)
            row << model->index(r, c).data(Qt::DisplayRole).toString();
        table.rows << row;
    }
    return table;
}

namespace {
    QString csvField(const QString& field)
    {
        if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
            && !field.contains(QLatin1Char('\r')))
            return field;
        QString quoted = field;
        quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }

    QString csvLine(const QStringList& fields)
    {
        QStringList out;
        for (const QString& f : fields)
            out << csvField(f);
        return out.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
}

QString toCsv(const CsvTable& table)
{
    QString text;
    if (!table.header.isEmpty())
        text += csvLine(table.header);
    for (const QStringList& row : table.rows)
        text += csvLine(row);
    return text;
}

QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false; // the current line has a field
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (quoted) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += ch;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += ch;
            }
        } else if (ch == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (ch == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (ch == QLatin1Char('\r') || ch == QLatin1Char('\n')) {
            if (ch == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            row << field;
            rows << row;
            row.clear();
            field.clear();
            any = false;
        } else {
            field += ch;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

bool write(
    const QString& file, QWidget* widget, const CsvTable& table, double scale, const QString& title, QString* error)
{
    Kind kind;
    if (!kindOf(file, &kind) || kind == Kind::Json) {
        *error = QObject::tr("%1: the file name must end in .png, .svg or .csv").arg(file);
        return false;
    }
    QByteArray bytes;
    switch (kind) {
    case Kind::Png: {
        if (!(scale >= 1.0 && scale <= kMaxScale)) {
            *error = QObject::tr("%1: scale %2 is not supported (1 to %3)").arg(file).arg(scale).arg(kMaxScale);
            return false;
        }
        const QImage image = renderImage(widget, scale);
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (image.isNull() || !image.save(&buffer, "PNG")) {
            *error = QObject::tr("%1: the view has nothing to draw").arg(file);
            return false;
        }
        break;
    }
    case Kind::Svg:
        bytes = renderSvg(widget, title);
        if (bytes.isEmpty()) {
            *error = QObject::tr("%1: the view has nothing to draw").arg(file);
            return false;
        }
        break;
    case Kind::Csv:
        if (table.isEmpty()) {
            *error = QObject::tr("%1: this view has no table to export (PNG or SVG instead)").arg(file);
            return false;
        }
        bytes = toCsv(table).toUtf8();
        break;
    case Kind::Json:
        break;
    }
    return writeBytes(file, bytes, error);
}

bool writeBytes(const QString& file, const QByteArray& bytes, QString* error)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        *error = QObject::tr("%1: could not write (%2)").arg(file, out.errorString());
        return false;
    }
    return true;
}

void copyImage(QWidget* widget)
{
    const QImage image = renderImage(widget, widget ? widget->devicePixelRatioF() : 1.0);
    if (!image.isNull())
        QGuiApplication::clipboard()->setImage(image);
}

} // namespace ui::ViewExport
