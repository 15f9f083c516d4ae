#pragma once

#include "TrustedCertificate.h"
#include "WebhookAttempt.h"
#include "WebhookDelivery.h"
#include "WebhookEndpoint.h"
#include "WebhookEndpointInput.h"
#include "domain/DomainResult.h"
#include "domain/Page.h"

#include <QObject>

namespace botbat {

class Clock;
class Database;
class IntegrationRegistry;
class SecretStore;

// Outgoing-webhook endpoints, their deliveries and attempts, and the extra trusted CAs, in the
// database; signing secrets in the secret store. Callable from any thread (uses that thread's
// connection), like the other stores. Changes are announced with the signals below, which the
// dispatcher follows; they are emitted in the calling thread after COMMIT.
class WebhookStore : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultRotationOverlapMs = 24LL * 60 * 60 * 1000;
    static constexpr int kMaxUrlLength = 2048;
    static constexpr int kMaxDescriptionLength = 500;
    static constexpr double kMaxRatePerSecond = 10000;

    struct Saved
    {
        WebhookEndpoint endpoint;
        QString generatedSecret; // set only when this call generated a secret: show it once
    };

    WebhookStore(Database &database, SecretStore &secrets, const Clock &clock,
                 IntegrationRegistry *registry = nullptr, QObject *parent = nullptr);

    // Validates every field at once (an http:// URL is refused with an explanation). Save
    // activates at once: the endpoint receives events committed after it.
    DomainResult<Saved> create(const WebhookEndpointInput &input);
    DomainResult<Saved> update(qint64 id, const WebhookEndpointInput &input);
    // Deletes the endpoint, its delivery log and its secrets.
    DomainResult<qint64> remove(qint64 id);
    DomainResult<WebhookEndpoint> get(qint64 id);
    DomainResult<QList<WebhookEndpoint>> list();
    // Enabling clears the reason and the failure streak; disabling records reason.
    DomainResult<WebhookEndpoint> setEnabled(qint64 id, bool enabled, const QString &reason);
    // A new generated secret; the old one keeps signing beside it for overlapMs.
    DomainResult<Saved> rotateSecret(qint64 id, qint64 overlapMs = kDefaultRotationOverlapMs);
    // The current secret, for "reveal"/"copy" on demand. Empty when the endpoint has none.
    DomainResult<QString> secret(qint64 id);
    // The secrets that sign now: current first, then the previous one during an overlap.
    QList<QString> signingSecrets(const WebhookEndpoint &endpoint, QString *error);

    struct DeliveryFilter
    {
        qint64 endpointId = 0; // 0 = all
        std::optional<WebhookDelivery::State> state;
        std::optional<bool> isTest;
        QString eventType;
        QDateTime since;     // created at or after
        qint64 beforeId = 0; // paging, newest first: Page::nextCursor of the previous page
        int limit = 50;
    };
    DomainResult<Page<WebhookDelivery>> deliveries(const DeliveryFilter &filter);
    DomainResult<WebhookDelivery> delivery(qint64 id);
    // Every attempt of a delivery, oldest first, with request and response details.
    DomainResult<QList<WebhookAttempt>> attempts(qint64 deliveryId);
    DomainResult<WebhookAttempt> attempt(qint64 attemptId);

    struct AttemptFilter
    {
        enum class Outcome
        {
            Any,
            Succeeded,
            Failed
        };
        qint64 endpointId = 0;
        Outcome outcome = Outcome::Any;
        qint64 beforeId = 0;
        int limit = 50;
    };
    // Newest first, without headers and bodies.
    DomainResult<QList<WebhookAttempt>> recentAttempts(const AttemptFilter &filter);

    // A test delivery of a sample eventType payload: attempted once, never retried.
    DomainResult<WebhookDelivery> createTest(qint64 endpointId, const QString &eventType);
    // Attempts a delivery again now (its attempt count goes on; a failure of a delivery that has
    // used its retries leaves it permanently failed again).
    DomainResult<WebhookDelivery> resend(qint64 deliveryId);
    // Requeues the endpoint's permanently failed deliveries last changed at or after since.
    DomainResult<int> retryFailedSince(qint64 endpointId, const QDateTime &since);
    // Requeues those of deliveryIds that are permanently failed (tests are never retried); how
    // many were. For "retry all failed in this filter" in the Delivery Log.
    DomainResult<int> retryFailedDeliveries(const QList<qint64> &deliveryIds);

    DomainResult<TrustedCertificate> addTrustedCertificate(const QByteArray &pem);
    DomainResult<QList<TrustedCertificate>> trustedCertificates();
    DomainResult<qint64> removeTrustedCertificate(qint64 id);

    // Health, from the dispatcher: stores the endpoint's health columns and its Overview entry.
    bool storeHealth(const WebhookEndpoint &endpoint, QString *error);
    // A number that changes when any endpoint changes (other engines' edits are seen by it).
    QString endpointsVersion(QString *error = nullptr);

signals:
    void endpointChanged(const botbat::WebhookEndpoint &endpoint);
    void endpointRemoved(qint64 id);
    void deliveriesQueued(); // tests, resends, retries: something is due now
    void trustedCertificatesChanged();

private:
    struct Impl;
    Database &m_database;
    SecretStore &m_secrets;
    const Clock &m_clock;
    IntegrationRegistry *m_registry;
};

} // namespace botbat
