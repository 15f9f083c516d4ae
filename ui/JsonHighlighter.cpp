#include "JsonHighlighter.h"

#include <QTextDocument>

namespace botbat {

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document), m_string(QStringLiteral(R"("(?:[^"\\]|\\.)*")")),
      m_number(QStringLiteral(R"((?<![\w."])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w"]))")),
      m_literal(QStringLiteral(R"(\b(?:true|false|null)\b)"))
{
    m_keyFormat.setForeground(QColor(0x0b, 0x4f, 0x9c));
    m_keyFormat.setFontWeight(QFont::DemiBold);
    m_stringFormat.setForeground(QColor(0x1e, 0x7e, 0x34));
    m_numberFormat.setForeground(QColor(0xa0, 0x40, 0x00));
    m_literalFormat.setForeground(QColor(0x80, 0x20, 0x90));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    // Only a document that is JSON (its first character opens an object or array) is coloured.
    const QString first = document()->firstBlock().text().trimmed();
    if (!first.startsWith(QLatin1Char('{')) && !first.startsWith(QLatin1Char('[')))
        return;
    for (auto it = m_number.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_numberFormat);
    }
    for (auto it = m_literal.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_literalFormat);
    }
    // Strings last: numbers and words inside them are text.
    for (auto it = m_string.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const int end = int(match.capturedEnd());
        int next = end;
        while (next < text.size() && text.at(next).isSpace())
            ++next;
        const bool key = next < text.size() && text.at(next) == QLatin1Char(':');
        setFormat(int(match.capturedStart()), int(match.capturedLength()),
                  key ? m_keyFormat : m_stringFormat);
    }
}

} // namespace botbat
