#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace botbat {

// One row of the Overview: an integration the engine runs, and how it is doing.
struct IntegrationSummary
{
    enum class Category { Crm, WebhookOut, WebhookIn, ApiKey, Channel };
    enum class Status { Connected, Error, Inactive, ReferenceOnly };

    qint64 id = 0; // 0 for reference-only entries that are not stored
    Category category = Category::Crm;
    QString kind; // "salesforce", "https", "bearer", "whatsapp", ...
    QString name;
    Status status = Status::Inactive;
    QString detail;     // what it is connected to, in a few words
    QString lastError;  // what went wrong and what to do, when status is Error
    QDateTime lastSuccessAt;
    QDateTime updatedAt;

    static QString categoryKey(Category category); // the stored value, e.g. "webhook_out"
    static std::optional<Category> categoryFromKey(const QString &key);
    static QString categoryTitle(Category category); // e.g. "Webhooks (outgoing)"
    static QString statusKey(Status status);
    static std::optional<Status> statusFromKey(const QString &key);
    static QString statusTitle(Status status); // "Connected", "Error", "Inactive", "Reference"
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::IntegrationSummary)
