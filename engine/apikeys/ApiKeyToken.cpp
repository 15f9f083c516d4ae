#include "ApiKeyToken.h"

#include "security/Crypto.h"

namespace botbat {

namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kAlphabetSize = 62;
// Largest multiple of 62 below 256: bytes at or above it are dropped, so every character is
// equally likely (no modulo bias).
constexpr int kUnbiasedLimit = 248;
} // namespace

QString ApiKeyToken::generate()
{
    QString token = Marker;
    while (token.size() < Marker.size() + kRandomLength) {
        const QByteArray bytes = Crypto::randomBytes(64);
        for (char byte : bytes) {
            const int value = static_cast<unsigned char>(byte);
            if (value >= kUnbiasedLimit)
                continue;
            token.append(QLatin1Char(kAlphabet[value % kAlphabetSize]));
            if (token.size() == Marker.size() + kRandomLength)
                break;
        }
    }
    return token;
}

bool ApiKeyToken::isWellFormed(const QString &token)
{
    if (token.size() != Marker.size() + kRandomLength || !token.startsWith(Marker))
        return false;
    for (qsizetype i = Marker.size(); i < token.size(); ++i) {
        const QChar c = token.at(i);
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('z'))))
            return false;
    }
    return true;
}

QString ApiKeyToken::prefixOf(const QString &token)
{
    return token.left(kPrefixLength);
}

QByteArray ApiKeyToken::hash(const QString &token)
{
    return Crypto::sha256(token.toLatin1()).toHex();
}

} // namespace botbat
