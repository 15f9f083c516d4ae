#pragma once

#include "webhooks/WebhookEndpoint.h"

#include <QList>
#include <QWizardPage>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace botbat {

class Engine;

// The connection test's first page: an existing webhook endpoint (its URL, signed as its
// deliveries are) or a new HTTPS URL, which is checked as it is typed (http:// is refused).
class TestConnectionTargetPage : public QWizardPage
{
    Q_OBJECT
public:
    TestConnectionTargetPage(Engine &engine, qint64 endpointId, QWidget *parent = nullptr);

    // 0 when a new URL is tested.
    qint64 endpointId() const;
    std::optional<WebhookEndpoint> endpoint() const;
    QString url() const;
    bool isComplete() const override;
    bool isLoaded() const { return m_loaded; }

signals:
    void endpointsLoaded();

private:
    void load();
    void update();
    QString urlProblem() const;

    Engine &m_engine;
    qint64 m_preselect;
    QList<WebhookEndpoint> m_endpoints;
    bool m_loaded = false;
    QRadioButton *m_existing;
    QRadioButton *m_new;
    QComboBox *m_endpoint;
    QLabel *m_endpointInfo;
    QLineEdit *m_url;
    QLabel *m_urlProblem;
};

} // namespace botbat
