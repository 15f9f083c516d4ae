#include "TestSupport.h"
#include "core/Engine.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// Optional TLS: the engine serves HTTPS from a PEM certificate and key.
class HttpsServerTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void servesHttpsWithTheGivenCertificate();
    void badCertificateFilesAreClearErrors();

private:
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
};

void HttpsServerTest::initTestCase()
{
    m_cert = m_dir.filePath(QStringLiteral("server.pem"));
    m_key = m_dir.filePath(QStringLiteral("server.key"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                   QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), m_key,
                   QStringLiteral("-out"), m_cert});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
}

void HttpsServerTest::servesHttpsWithTheGivenCertificate()
{
    QTemporaryDir data;
    EngineConfig config = test::engineConfig(data);
    config.tlsCertificateFile = m_cert;
    config.tlsKeyFile = m_key;
    Engine engine(config);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    QVERIFY(engine.status().httpUrl.startsWith(QStringLiteral("https://127.0.0.1:")));

    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(engine.status().httpUrl + QStringLiteral("/healthz")));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromPath(m_cert)); // trust only our test certificate
    request.setSslConfiguration(ssl);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->sslConfiguration().peerCertificate(), QSslCertificate::fromPath(m_cert).first());
    delete reply;

    // Plain HTTP to the HTTPS port gets no HTTP answer.
    const auto plain = test::httpRequest(
        "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(engine.httpPort())), {}, {}, 3000);
    QCOMPARE(plain.status, 0);
}

void HttpsServerTest::badCertificateFilesAreClearErrors()
{
    QTemporaryDir data;
    EngineConfig config = test::engineConfig(data);
    config.tlsCertificateFile = m_dir.filePath(QStringLiteral("missing.pem"));
    config.tlsKeyFile = m_key;
    Engine engine(config);
    QString error;
    QVERIFY(!engine.start(&error));
    QVERIFY2(error.contains(QStringLiteral("No PEM certificate")), qPrintable(error));

    config.tlsCertificateFile = m_cert;
    config.tlsKeyFile = m_cert; // a certificate is not a key
    Engine second(config);
    QVERIFY(!second.start(&error));
    QVERIFY2(error.contains(QStringLiteral("private key")), qPrintable(error));

    config.tlsKeyFile.clear();
    Engine third(config);
    QVERIFY(!third.start(&error));
    QVERIFY2(error.contains(QStringLiteral("both")), qPrintable(error));
}

QTEST_GUILESS_MAIN(HttpsServerTest)
#include "HttpsServerTest.moc"
