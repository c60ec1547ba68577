#include "ui/lessons/lesson_highlight.h"

#include <QEvent>
#include <QPainter>

namespace ui {

LessonHighlight::LessonHighlight(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    hide();
}

void LessonHighlight::setTarget(QWidget* target)
{
    if (m_target)
        m_target->removeEventFilter(this);
    m_target = target;
    if (!target) {
        hide();
        return;
    }
    setParent(target);
    target->installEventFilter(this);
    setGeometry(target->rect());
    show();
    raise();
}

bool LessonHighlight::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_target && event->type() == QEvent::Resize)
        setGeometry(m_target->rect());
    return false;
}

void LessonHighlight::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xff, 0x8f, 0x00), 4)); // the lessons' amber, visible on light and dark themes
    p.drawRoundedRect(QRectF(rect()).adjusted(2, 2, -2, -2), 6, 6);
}

} // namespace ui
