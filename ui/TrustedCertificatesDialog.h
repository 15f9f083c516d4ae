#pragma once

#include <QDialog>
#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace botbat {

class Engine;
class TrustedCertificateModel;

// The extra CA certificates that webhook endpoints' certificates may chain to (a corporate CA,
// a test CA), beside the system's: listed with subject, issuer, expiry and fingerprint; added
// from a PEM file; removed after a confirmation. Certificates given to the engine with
// --trusted-ca are named too, read-only.
class TrustedCertificatesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TrustedCertificatesDialog(Engine &engine, QWidget *parent = nullptr);

    TrustedCertificateModel &model() const { return *m_model; }
    QTreeView *table() const { return m_table; }

    // Asks for a PEM file (a QFileDialog unless a chooser was set) and adds what it holds.
    void addFromFile();
    void addFile(const QString &path);
    void removeSelected();
    // Tests answer the file dialog with this instead; it returns the path, or empty to cancel.
    void setFileChooser(std::function<QString()> chooser) { m_chooser = std::move(chooser); }

private:
    void updateView();
    void showMessage(const QString &text, bool error);

    TrustedCertificateModel *m_model;
    std::function<QString()> m_chooser;
    QAction *m_addAction = nullptr;
    QAction *m_removeAction = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_removeButton = nullptr;
};

} // namespace botbat
