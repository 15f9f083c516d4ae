#include "TestCa.h"

#include <QSaveFile>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace botbat::test {

namespace {

template<typename T, void (*Free)(T *)> struct OpenSslFree
{
    void operator()(T *pointer) const { Free(pointer); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO, BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BIGNUM, BN_free>>;
using ExtensionPtr =
    std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION, X509_EXTENSION_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslFree<GENERAL_NAMES, GENERAL_NAMES_free>>;

[[noreturn]] void fail(const char *what)
{
    qFatal("TestCa: OpenSSL could not %s (%s)", what, ERR_error_string(ERR_get_error(), nullptr));
}

void check(int result, const char *what)
{
    if (result <= 0)
        fail(what);
}

KeyPtr generateKey()
{
    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        fail("generate a P-256 key");
    return key;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

BioPtr memoryBio(const QByteArray &contents = {})
{
    BioPtr bio(contents.isNull() ? BIO_new(BIO_s_mem())
                                 : BIO_new_mem_buf(contents.constData(), int(contents.size())));
    if (!bio)
        fail("allocate a memory BIO");
    return bio;
}

QByteArray certificatePem(X509 *certificate)
{
    const BioPtr bio = memoryBio();
    check(PEM_write_bio_X509(bio.get(), certificate), "write a certificate as PEM");
    return bioContents(bio.get());
}

// The "traditional" form (BEGIN EC PRIVATE KEY) is the one QSslKey reads without guessing.
QByteArray keyPem(EVP_PKEY *key)
{
    const BioPtr bio = memoryBio();
    check(
        PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
        "write a private key as PEM");
    return bioContents(bio.get());
}

void addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
    if (!extension)
        fail("build a certificate extension");
    check(X509_add_ext(certificate, extension.get(), -1), "add a certificate extension");
}

void addSubjectAltNames(X509 *certificate, const QStringList &dnsNames,
                        const QList<QHostAddress> &ips)
{
    if (dnsNames.isEmpty() && ips.isEmpty())
        return;
    NamesPtr names(sk_GENERAL_NAME_new_null());
    const auto add = [&](int type, const QByteArray &value) {
        GENERAL_NAME *name =
            a2i_GENERAL_NAME(nullptr, nullptr, nullptr, type, value.constData(), 0);
        if (!name)
            fail("encode a subject alternative name");
        sk_GENERAL_NAME_push(names.get(), name);
    };
    for (const QString &dns : dnsNames)
        add(GEN_DNS, dns.toUtf8());
    for (const QHostAddress &ip : ips)
        add(GEN_IPADD, ip.toString().toLatin1());
    check(X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT),
          "add the subject alternative names");
}

struct CertificateSpec
{
    QString commonName;
    QStringList dnsNames;
    QList<QHostAddress> ips;
    QDateTime notBefore;
    QDateTime notAfter;
    bool isCa = false;
};

// Signs with issuerKey; a null issuer makes the certificate self-signed.
X509Ptr makeCertificate(const CertificateSpec &spec, EVP_PKEY *subjectKey, X509 *issuer,
                        EVP_PKEY *issuerKey)
{
    X509Ptr certificate(X509_new());
    if (!certificate)
        fail("allocate a certificate");
    check(X509_set_version(certificate.get(), X509_VERSION_3), "set the certificate version");

    // Random serials: clients may cache by issuer and serial, and every run makes a new CA.
    const BignumPtr serial(BN_new());
    check(serial && BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY),
          "make a serial number");
    if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        fail("set the serial number");

    if (!ASN1_TIME_set(X509_getm_notBefore(certificate.get()), spec.notBefore.toSecsSinceEpoch()) ||
        !ASN1_TIME_set(X509_getm_notAfter(certificate.get()), spec.notAfter.toSecsSinceEpoch()))
        fail("set the validity period");

    const QByteArray commonName = spec.commonName.toUtf8();
    X509_NAME *subject = X509_get_subject_name(certificate.get());
    check(X509_NAME_add_entry_by_txt(
              subject, "CN", MBSTRING_UTF8,
              reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0),
          "set the subject name");
    check(X509_set_issuer_name(certificate.get(), issuer ? X509_get_subject_name(issuer) : subject),
          "set the issuer name");
    check(X509_set_pubkey(certificate.get(), subjectKey), "set the public key");

    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : certificate.get(), certificate.get(), nullptr,
                   nullptr, 0);
    if (spec.isCa) {
        addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(certificate.get(), &context, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(certificate.get(), &context, NID_key_usage, "critical,digitalSignature");
        addExtension(certificate.get(), &context, NID_ext_key_usage, "serverAuth");
    }
    addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash");
    if (issuer)
        addExtension(certificate.get(), &context, NID_authority_key_identifier, "keyid:always");
    addSubjectAltNames(certificate.get(), spec.dnsNames, spec.ips);

    if (X509_sign(certificate.get(), issuerKey, EVP_sha256()) <= 0)
        fail("sign a certificate");
    return certificate;
}

CertificateSpec leafSpec(const QStringList &dnsNames, const QList<QHostAddress> &ips,
                         const QDateTime &notBefore, const QDateTime &notAfter)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CertificateSpec spec;
    spec.commonName = !dnsNames.isEmpty() ? dnsNames.first()
                      : !ips.isEmpty()    ? ips.first().toString()
                                          : QStringLiteral("BotBat test server");
    spec.dnsNames = dnsNames;
    spec.ips = ips;
    spec.notBefore = notBefore.isValid() ? notBefore : now.addSecs(-3600);
    spec.notAfter = notAfter.isValid() ? notAfter : now.addDays(1);
    return spec;
}

IssuedCertificate toIssued(X509 *certificate, EVP_PKEY *key)
{
    IssuedCertificate issued;
    issued.certificatePem = certificatePem(certificate);
    issued.keyPem = keyPem(key);
    issued.certificate = QSslCertificate(issued.certificatePem, QSsl::Pem);
    issued.key = QSslKey(issued.keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (issued.certificate.isNull() || issued.key.isNull())
        qFatal("TestCa: Qt could not read back a certificate or key made by OpenSSL; is the Qt "
               "TLS backend OpenSSL?");
    return issued;
}

} // namespace

TestCa::TestCa(const QString &commonName)
{
    const KeyPtr key = generateKey();
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.notBefore = QDateTime::currentDateTimeUtc().addDays(-7); // covers back-dated leaves
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    spec.isCa = true;
    const X509Ptr certificate = makeCertificate(spec, key.get(), nullptr, key.get());
    m_caPem = certificatePem(certificate.get());
    m_caKeyPem = keyPem(key.get());
    m_caCertificate = QSslCertificate(m_caPem, QSsl::Pem);
}

bool TestCa::writeCaPem(const QString &path) const
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(m_caPem) == m_caPem.size() &&
           file.commit();
}

IssuedCertificate TestCa::issue(const QStringList &dnsNames, const QList<QHostAddress> &ips,
                                const QDateTime &notBefore, const QDateTime &notAfter) const
{
    const BioPtr keyBio = memoryBio(m_caKeyPem);
    const KeyPtr caKey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    const BioPtr certificateBio = memoryBio(m_caPem);
    const X509Ptr caCertificate(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    if (!caKey || !caCertificate)
        fail("read back the CA");

    const KeyPtr key = generateKey();
    const X509Ptr certificate = makeCertificate(leafSpec(dnsNames, ips, notBefore, notAfter),
                                                key.get(), caCertificate.get(), caKey.get());
    return toIssued(certificate.get(), key.get());
}

IssuedCertificate TestCa::issueExpired() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return issue(defaultDnsNames(), defaultIps(), now.addDays(-2), now.addDays(-1));
}

IssuedCertificate TestCa::issueForWrongHost() const
{
    return issue({QStringLiteral("wrong.example")}, {});
}

IssuedCertificate TestCa::selfSigned(const QStringList &dnsNames, const QList<QHostAddress> &ips,
                                     const QDateTime &notBefore, const QDateTime &notAfter)
{
    const KeyPtr key = generateKey();
    const X509Ptr certificate = makeCertificate(leafSpec(dnsNames, ips, notBefore, notAfter),
                                                key.get(), nullptr, key.get());
    return toIssued(certificate.get(), key.get());
}

QStringList TestCa::defaultDnsNames()
{
    return {QStringLiteral("localhost")};
}

QList<QHostAddress> TestCa::defaultIps()
{
    return {QHostAddress(QHostAddress::LocalHost)};
}

} // namespace botbat::test
