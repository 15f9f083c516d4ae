#pragma once

#include "DomainError.h"
#include "FieldError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace botbat {

// Checks and normalizes input fields, collecting every problem of one request (not only the
// first) so that a form can show them all at once. Each check returns the normalized value;
// it is meaningful only if ok() is still true at the end.
class InputValidator
{
public:
    static constexpr int kNameMax = 200;
    static constexpr int kCompanyMax = 200;
    static constexpr int kSubjectMax = 200;
    static constexpr int kEmailMax = 254;
    static constexpr int kEmailLocalMax = 64;
    static constexpr int kAttributeKeysMax = 50;
    static constexpr int kAttributeTextMax = 1000;
    static constexpr int kAttributesBytesMax = 16 * 1024;
    static constexpr int kBodyMax = 4096;

    explicit InputValidator(QString phoneRegion = {});

    // Trimmed; 1..maxLength characters.
    QString requiredText(const QString &field, const QString &value, int maxLength);
    // Trimmed; blank means none.
    std::optional<QString> optionalText(const QString &field, const std::optional<QString> &value,
                                        int maxLength);
    // Trimmed and lower-cased; blank means none.
    std::optional<QString> email(const QString &field, const std::optional<QString> &value);
    // E.164; blank means none.
    std::optional<QString> phone(const QString &field, const std::optional<QString> &value);
    QJsonObject attributes(const QString &field, const QJsonObject &value);
    // Kept as written (whitespace can matter in a message) but must not be blank.
    QString body(const QString &field, const QString &value, int maxLength = kBodyMax);
    // Trimmed and lower-cased; one of Conversation::channels().
    QString channel(const QString &field, const QString &value);

    void addError(const QString &field, const QString &code, const QString &message);
    bool ok() const { return m_errors.isEmpty(); }
    const QList<FieldError> &errors() const { return m_errors; }
    DomainError error() const { return DomainError::validation(m_errors); }

    // Characters as people count them: a surrogate pair (e.g. an emoji) is one.
    static qsizetype characterCount(const QString &text);

private:
    bool checkLength(const QString &field, const QString &value, int maxLength);

    QString m_phoneRegion;
    QList<FieldError> m_errors;
};

} // namespace botbat
