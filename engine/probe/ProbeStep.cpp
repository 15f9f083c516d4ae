#include "ProbeStep.h"

namespace botbat {

QList<ProbeStep::Kind> ProbeStep::all()
{
    return {Kind::Url, Kind::Dns, Kind::Connect, Kind::Tls, Kind::Signature, Kind::Http};
}

QString ProbeStep::title(Kind kind)
{
    switch (kind) {
    case Kind::Url:
        return QStringLiteral("URL and request");
    case Kind::Dns:
        return QStringLiteral("DNS resolution");
    case Kind::Connect:
        return QStringLiteral("TCP connection");
    case Kind::Tls:
        return QStringLiteral("TLS handshake");
    case Kind::Signature:
        return QStringLiteral("Webhook signature");
    case Kind::Http:
        return QStringLiteral("HTTP request");
    }
    return {};
}

QString ProbeStep::key(Kind kind)
{
    switch (kind) {
    case Kind::Url:
        return QStringLiteral("url");
    case Kind::Dns:
        return QStringLiteral("dns");
    case Kind::Connect:
        return QStringLiteral("connect");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Signature:
        return QStringLiteral("signature");
    case Kind::Http:
        return QStringLiteral("http");
    }
    return {};
}

} // namespace botbat
