#include "AuditLogItemDelegate.h"

#include "BadgePainter.h"
#include "StatusColors.h"
#include "models/AuditLogModel.h"

#include <QFontDatabase>

namespace botbat {

namespace {
using Model = AuditLogModel;
constexpr int kRowHeight = 28;
} // namespace

QColor AuditLogItemDelegate::colorFor(const QString &action)
{
    if (action == AuditEntry::KeyCreated)
        return StatusColors::forKeyState(ApiKey::State::Active);
    if (action == AuditEntry::KeyRotated)
        return StatusColors::info();
    if (action == AuditEntry::KeyRevoked)
        return StatusColors::forKeyState(ApiKey::State::Revoked);
    if (action == AuditEntry::KeyExpired)
        return StatusColors::forKeyState(ApiKey::State::Expired);
    if (action == AuditEntry::AuthFailed)
        return StatusColors::warning();
    return StatusColors::muted();
}

void AuditLogItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    switch (index.column()) {
    case Model::KeyPrefixColumn:
    case Model::ClientColumn: {
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        mono.setPointSizeF(option->font.pointSizeF());
        option->font = mono;
        break;
    }
    case Model::TimeColumn:
    case Model::ActorColumn:
    case Model::DetailColumn:
        option->palette.setColor(QPalette::Text, StatusColors::muted());
        break;
    default:
        break;
    }
}

void AuditLogItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    if (index.column() != Model::ActionColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QRect cell = BadgePainter::paintCell(painter, opt);
    BadgePainter::paint(painter, cell, cell.left(), opt.text,
                        colorFor(index.data(Model::ActionRole).toString()), opt.font,
                        opt.state.testFlag(QStyle::State_Selected));
}

QSize AuditLogItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 6, kRowHeight));
    if (index.column() == Model::ActionColumn)
        size.setWidth(
            std::max(size.width(), BadgePainter::width(option.font, index.data().toString()) + 8));
    return size;
}

} // namespace botbat
