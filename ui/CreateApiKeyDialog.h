#pragma once

#include <QDateTime>
#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace botbat {

// Asks for what a new API key needs: a name, an optional expiry and its scopes. Create stays
// disabled until the form is valid, and problems are said next to the field. The dialog does
// not create the key itself: it emits submitted(), stays open (busy) while the page creates the
// key, and shows the store's error inline if that fails, so nothing typed is lost.
class CreateApiKeyDialog : public QDialog
{
    Q_OBJECT
public:
    // now: the engine's clock, for "in 30 days"; existingNames: names of keys still working,
    // to warn (not block) about a name that would be ambiguous.
    CreateApiKeyDialog(const QDateTime &now, const QStringList &existingNames,
                       QWidget *parent = nullptr);

    QString name() const;
    QStringList scopes() const;
    QDateTime expiresAt() const; // UTC; invalid: never expires

    bool isValid() const;
    void setBusy(bool busy);
    void showError(const QString &error);

signals:
    void submitted();

private:
    enum Expiry
    {
        Never,
        Days30,
        Days90,
        Days365,
        CustomDate
    };

    QWidget *createScopes();
    void onAllScopesClicked();
    void validate();
    void updateExpiryHint();

    QDateTime m_now;
    QStringList m_existingNames;
    bool m_nameEdited = false;
    bool m_scopesEdited = false;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameMessage = nullptr;
    QComboBox *m_expiry = nullptr;
    QDateEdit *m_expiryDate = nullptr;
    QLabel *m_expiryHint = nullptr;
    QCheckBox *m_allScopes = nullptr;
    QHash<QString, QCheckBox *> m_scopeChecks;
    QLabel *m_scopesMessage = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_createButton = nullptr;
};

} // namespace botbat
