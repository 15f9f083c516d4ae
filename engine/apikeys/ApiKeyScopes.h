#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace botbat {

// The permissions an API key can hold, for least privilege. A key may hold all of them.
class ApiKeyScopes
{
public:
    static inline const QString ContactsRead = QStringLiteral("contacts:read");
    static inline const QString ContactsWrite = QStringLiteral("contacts:write");
    static inline const QString MessagesWrite = QStringLiteral("messages:write");
    static inline const QString ConversationsWrite = QStringLiteral("conversations:write");
    static inline const QString CampaignsWrite = QStringLiteral("campaigns:write");
    static inline const QString WorkflowsTrigger = QStringLiteral("workflows:trigger");
    static inline const QString WebhooksManage = QStringLiteral("webhooks:manage");
    static inline const QString AnalyticsRead = QStringLiteral("analytics:read");

    static const QStringList &all();
    static QString describe(const QString &scope); // one line for tooltips and --help
    // Parses "contacts:read,messages:write" or space separated; "all" or "*" means every scope.
    // Unknown scopes are an error naming them and the valid ones. Result is sorted, unique.
    static std::optional<QStringList> parse(const QString &text, QString *error);
};

} // namespace botbat
