#include "ApiKeyScopes.h"

#include <QRegularExpression>

namespace botbat {

const QStringList &ApiKeyScopes::all()
{
    static const QStringList scopes = {ContactsRead,     ContactsWrite,    MessagesWrite,
                                       ConversationsWrite, CampaignsWrite, WorkflowsTrigger,
                                       WebhooksManage,   AnalyticsRead};
    return scopes;
}

QString ApiKeyScopes::describe(const QString &scope)
{
    if (scope == ContactsRead)
        return QStringLiteral("Read contacts");
    if (scope == ContactsWrite)
        return QStringLiteral("Create, update and delete contacts");
    if (scope == MessagesWrite)
        return QStringLiteral("Send messages and record inbound messages and receipts");
    if (scope == ConversationsWrite)
        return QStringLiteral("Open and close conversations");
    if (scope == CampaignsWrite)
        return QStringLiteral("Create and complete campaigns");
    if (scope == WorkflowsTrigger)
        return QStringLiteral("Trigger workflows");
    if (scope == WebhooksManage)
        return QStringLiteral("Manage outgoing webhooks");
    if (scope == AnalyticsRead)
        return QStringLiteral("Read analytics");
    return {};
}

std::optional<QStringList> ApiKeyScopes::parse(const QString &text, QString *error)
{
    const QStringList words =
        text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    if (words.isEmpty()) {
        *error = QStringLiteral("Give at least one scope: %1, or all.").arg(all().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    QStringList scopes;
    QStringList unknown;
    for (const QString &word : words) {
        if (word == QLatin1String("all") || word == QLatin1String("*"))
            scopes.append(all());
        else if (all().contains(word))
            scopes.append(word);
        else
            unknown.append(word);
    }
    if (!unknown.isEmpty()) {
        *error = QStringLiteral("Unknown scope %1. Valid scopes: %2, or all.")
                     .arg(unknown.join(QStringLiteral(", ")), all().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    scopes.sort();
    scopes.removeDuplicates();
    return scopes;
}

} // namespace botbat
