#include "TestConnectionStepIcon.h"

#include "StatusColors.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

namespace botbat {

using State = ProbeStep::State;
using Status = IntegrationSummary::Status;

QPixmap TestConnectionStepIcon::pixmap(State state, int size, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box(1, 1, size - 2, size - 2);
    const qreal stroke = std::max<qreal>(1.5, size / 9.0);
    QColor color;
    switch (state) {
    case State::Pending:
    case State::Skipped:
        color = StatusColors::muted();
        break;
    case State::Running:
        color = StatusColors::info();
        break;
    case State::Passed:
        color = StatusColors::forStatus(Status::Connected);
        break;
    case State::Failed:
        color = StatusColors::forStatus(Status::Error);
        break;
    }
    if (state == State::Pending || state == State::Skipped) {
        painter.setPen(QPen(color, stroke));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2));
    } else {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(box);
    }
    const QPointF c = box.center();
    const qreal r = box.width() / 2;
    QPen mark(state == State::Skipped ? color : QColor(Qt::white), stroke, Qt::SolidLine,
              Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(mark);
    painter.setBrush(Qt::NoBrush);
    switch (state) {
    case State::Pending:
        break;
    case State::Running:
        // Three dots: under way.
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::white);
        for (int i = -1; i <= 1; ++i)
            painter.drawEllipse(QPointF(c.x() + i * r * 0.45, c.y()), stroke * 0.6, stroke * 0.6);
        break;
    case State::Passed: {
        QPainterPath tick;
        tick.moveTo(c.x() - r * 0.45, c.y() + r * 0.02);
        tick.lineTo(c.x() - r * 0.1, c.y() + r * 0.35);
        tick.lineTo(c.x() + r * 0.48, c.y() - r * 0.3);
        painter.drawPath(tick);
        break;
    }
    case State::Failed:
        painter.drawLine(QPointF(c.x() - r * 0.35, c.y() - r * 0.35),
                         QPointF(c.x() + r * 0.35, c.y() + r * 0.35));
        painter.drawLine(QPointF(c.x() + r * 0.35, c.y() - r * 0.35),
                         QPointF(c.x() - r * 0.35, c.y() + r * 0.35));
        break;
    case State::Skipped:
        painter.drawLine(QPointF(c.x() - r * 0.4, c.y()), QPointF(c.x() + r * 0.4, c.y()));
        break;
    }
    return pixmap;
}

QString TestConnectionStepIcon::stateText(State state)
{
    switch (state) {
    case State::Pending:
        return QCoreApplication::translate("botbat::TestConnectionStepIcon", "Waiting");
    case State::Running:
        return QCoreApplication::translate("botbat::TestConnectionStepIcon", "Running");
    case State::Passed:
        return QCoreApplication::translate("botbat::TestConnectionStepIcon", "Passed");
    case State::Failed:
        return QCoreApplication::translate("botbat::TestConnectionStepIcon", "Failed");
    case State::Skipped:
        return QCoreApplication::translate("botbat::TestConnectionStepIcon", "Skipped");
    }
    return {};
}

} // namespace botbat
