#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace botbat {

// Colours JSON for reading in the delivery details: keys, strings, numbers and literals. Line by
// line, which fits the indented JSON the panes show; a document that is not JSON stays plain.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    QRegularExpression m_string;
    QRegularExpression m_number;
    QRegularExpression m_literal;
    QTextCharFormat m_keyFormat;
    QTextCharFormat m_stringFormat;
    QTextCharFormat m_numberFormat;
    QTextCharFormat m_literalFormat;
};

} // namespace botbat
