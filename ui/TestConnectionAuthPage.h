#pragma once

#include "probe/ProbeRequest.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace botbat {

class Engine;

// How the test authenticates: none, a bearer token, an API key in a named header, or Basic.
// Secrets are typed into masked fields and shown masked afterwards; they are remembered for the
// URL only when asked, and then only in the secret store (ProbeCredentials), never in settings.
class TestConnectionAuthPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit TestConnectionAuthPage(Engine &engine, QWidget *parent = nullptr);

    // Fills the request's authentication fields.
    void apply(ProbeRequest &request) const;
    ProbeRequest::Auth auth() const;
    bool isComplete() const override;
    void initializePage() override;
    // When the test starts: remembers the credentials for url in the secret store, or forgets
    // them there when Remember was unticked.
    void persist(const QString &url);
    // Whether credentials for the current URL are being read from the secret store.
    bool isLoading() const { return m_loading; }

signals:
    // persist() finished; error is empty when it worked.
    void credentialsPersisted(const QString &error);

private:
    void load(const QString &url);
    void updateRemember();
    // The engine runs and has a secret store to remember credentials in.
    bool secretsAvailable() const;
    QLineEdit *secretEdit(const QString &objectName, const QString &toolTip);

    QComboBox *m_type;
    QStackedWidget *m_fields;
    QLineEdit *m_token;
    QLineEdit *m_keyHeader;
    QLineEdit *m_key;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_note;
    QCheckBox *m_remember;
    QLabel *m_rememberStatus;
    Engine &m_engine;
    QString m_loadedFor;   // the URL whose remembered credentials were looked up
    bool m_stored = false; // credentials for m_loadedFor are in the secret store
    bool m_loading = false;
};

} // namespace botbat
