#pragma once

#include "probe/ProbeRequest.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace botbat {

// How the test authenticates: none, a bearer token, an API key in a named header, or Basic.
// Secrets are typed into masked fields, kept only for this test, and shown masked afterwards.
class TestConnectionAuthPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit TestConnectionAuthPage(QWidget *parent = nullptr);

    // Fills the request's authentication fields.
    void apply(ProbeRequest &request) const;
    ProbeRequest::Auth auth() const;
    bool isComplete() const override;
    void initializePage() override;

private:
    QLineEdit *secretEdit(const QString &objectName, const QString &toolTip);

    QComboBox *m_type;
    QStackedWidget *m_fields;
    QLineEdit *m_token;
    QLineEdit *m_keyHeader;
    QLineEdit *m_key;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_note;
};

} // namespace botbat
