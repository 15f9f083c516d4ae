#include "security/Crypto.h"

#include <QElapsedTimer>
#include <QSet>
#include <QtTest>

using namespace botbat;

namespace {
QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray flipped(QByteArray data, qsizetype index)
{
    data[index] = char(data.at(index) ^ 0x01);
    return data;
}
} // namespace

class CryptoTest : public QObject
{
    Q_OBJECT
private slots:
    void sha256KnownAnswers();
    void hmacSha256Rfc4231_data();
    void hmacSha256Rfc4231();
    void constantTimeEquals();
    void randomBytesHaveLengthAndDiffer();
    void gcmDecryptsKnownVector();
    void gcmRoundTrip_data();
    void gcmRoundTrip();
    void gcmUsesAFreshNonceEachTime();
    void gcmRejectsTampering();
    void gcmRejectsBadKeySizes();
    void scryptRfc7914Vectors();
    void scryptDependsOnPassphraseAndSalt();
    void scryptRefusesUnsafeParameters();
    void recommendedScryptCost();
};

void CryptoTest::sha256KnownAnswers()
{
    // FIPS 180-2 examples.
    QCOMPARE(Crypto::sha256({}),
             hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(Crypto::sha256("abc"),
             hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(Crypto::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(Crypto::sha256(QByteArray(1000000, 'a')),
             hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

void CryptoTest::hmacSha256Rfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("mac");
    QTest::addColumn<int>("compareBytes"); // case 5 publishes a truncated MAC
    QTest::newRow("case 1")
        << QByteArray(20, '\x0b') << QByteArray("Hi There")
        << hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7") << 32;
    QTest::newRow("case 2")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843") << 32;
    QTest::newRow("case 3")
        << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
        << hex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe") << 32;
    QTest::newRow("case 4")
        << hex("0102030405060708090a0b0c0d0e0f10111213141516171819") << QByteArray(50, '\xcd')
        << hex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b") << 32;
    QTest::newRow("case 5") << QByteArray(20, '\x0c') << QByteArray("Test With Truncation")
                            << hex("a3b6167473100ee06e0c796c2955552b") << 16;
    QTest::newRow("case 6")
        << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54") << 32;
    QTest::newRow("case 7")
        << QByteArray(131, '\xaa')
        << QByteArray("This is a test using a larger than block-size key and a larger than "
                      "block-size data. The key needs to be hashed before being used by the HMAC "
                      "algorithm.")
        << hex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2") << 32;
}

void CryptoTest::hmacSha256Rfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac);
    QFETCH(int, compareBytes);
    const QByteArray result = Crypto::hmacSha256(key, data);
    QCOMPARE(result.size(), Crypto::kSha256Size);
    QCOMPARE(result.left(compareBytes).toHex(), mac.toHex());
}

void CryptoTest::constantTimeEquals()
{
    const QByteArray mac = Crypto::hmacSha256("key", "message");
    QVERIFY(Crypto::constantTimeEquals(mac, QByteArray(mac.constData(), mac.size())));
    QVERIFY(!Crypto::constantTimeEquals(mac, flipped(mac, 0)));
    QVERIFY(!Crypto::constantTimeEquals(mac, flipped(mac, mac.size() - 1)));
    QVERIFY(!Crypto::constantTimeEquals(mac, mac.left(mac.size() - 1)));
    QVERIFY(!Crypto::constantTimeEquals(mac.left(8), mac));
    QVERIFY(!Crypto::constantTimeEquals(mac, {}));
    QVERIFY(Crypto::constantTimeEquals({}, QByteArray("")));
}

void CryptoTest::randomBytesHaveLengthAndDiffer()
{
    for (int size : {1, 12, 16, 32, 1000})
        QCOMPARE(Crypto::randomBytes(size).size(), size);
    QVERIFY(Crypto::randomBytes(0).isEmpty());
    QSet<QByteArray> seen;
    for (int i = 0; i < 100; ++i)
        seen.insert(Crypto::randomBytes(16));
    QCOMPARE(seen.size(), 100);
    // 4096 random bytes with fewer than 8 distinct values would mean a broken generator.
    const QByteArray large = Crypto::randomBytes(4096);
    QSet<char> values(large.cbegin(), large.cend());
    QVERIFY2(values.size() > 200, qPrintable(QString::number(values.size())));
}

void CryptoTest::gcmDecryptsKnownVector()
{
    // The GCM specification (McGrew and Viega), test case 16: AES-256, 96-bit IV, with AAD.
    const QByteArray key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const QByteArray nonce = hex("cafebabefacedbaddecaf888");
    const QByteArray plain =
        hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e"
            "2449a6b525b16aedf5aa0de657ba637b39");
    const QByteArray aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const QByteArray cipher =
        hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b"
            "1056828838c5f61e6393ba7a0abcc9f662");
    const QByteArray tag = hex("76fc6ece0f4e1768cddf8853bb2d551b");
    const auto decrypted = Crypto::decrypt(key, nonce + cipher + tag, aad);
    QVERIFY(decrypted);
    QCOMPARE(decrypted->toHex(), plain.toHex());
    QVERIFY(!Crypto::decrypt(key, nonce + cipher + flipped(tag, 15), aad));
}

void CryptoTest::gcmRoundTrip_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("aad");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("text") << QByteArray("signing secret") << QByteArray();
    QTest::newRow("with aad") << QByteArray("token") << QByteArray("header v1");
    QByteArray everyByte;
    for (int i = 0; i < 256; ++i)
        everyByte.append(char(i));
    QTest::newRow("binary, 1 MiB") << everyByte.repeated(4096) << everyByte;
}

void CryptoTest::gcmRoundTrip()
{
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, aad);
    const QByteArray key = Crypto::randomBytes(Crypto::kKeySize);
    const auto sealed = Crypto::encrypt(key, plain, aad);
    QVERIFY(sealed);
    QCOMPARE(sealed->size(), plain.size() + Crypto::kNonceSize + Crypto::kTagSize);
    if (plain.size() >= 8)
        QVERIFY(!sealed->contains(plain.left(8)));
    const auto opened = Crypto::decrypt(key, *sealed, aad);
    QVERIFY(opened);
    QCOMPARE(*opened, plain);
}

void CryptoTest::gcmUsesAFreshNonceEachTime()
{
    const QByteArray key = Crypto::randomBytes(Crypto::kKeySize);
    const auto a = Crypto::encrypt(key, "same message");
    const auto b = Crypto::encrypt(key, "same message");
    QVERIFY(a && b);
    QVERIFY(a->left(Crypto::kNonceSize) != b->left(Crypto::kNonceSize));
    QVERIFY(*a != *b);
}

void CryptoTest::gcmRejectsTampering()
{
    const QByteArray key = Crypto::randomBytes(Crypto::kKeySize);
    const QByteArray aad = "format 1";
    const auto sealedOrNot = Crypto::encrypt(key, "the CRM refresh token", aad);
    QVERIFY(sealedOrNot);
    const QByteArray sealed = *sealedOrNot;
    QVERIFY(Crypto::decrypt(key, sealed, aad));

    // Every single bit flip anywhere (nonce, ciphertext, tag) must be detected.
    for (qsizetype i = 0; i < sealed.size(); ++i)
        QVERIFY2(!Crypto::decrypt(key, flipped(sealed, i), aad), qPrintable(QString::number(i)));
    QVERIFY(!Crypto::decrypt(key, sealed, "format 2"));     // other AAD
    QVERIFY(!Crypto::decrypt(key, sealed, {}));             // AAD dropped
    QVERIFY(!Crypto::decrypt(key, sealed.chopped(1), aad)); // truncated tag
    QVERIFY(!Crypto::decrypt(key, sealed + "x", aad));      // extended
    QVERIFY(!Crypto::decrypt(key, sealed.left(Crypto::kNonceSize + Crypto::kTagSize - 1), aad));
    QVERIFY(!Crypto::decrypt(flipped(key, 0), sealed, aad)); // other key
    const auto noAad = Crypto::encrypt(key, "x");
    QVERIFY(noAad);
    QVERIFY(!Crypto::decrypt(key, *noAad, "added later"));
}

void CryptoTest::gcmRejectsBadKeySizes()
{
    QVERIFY(!Crypto::encrypt(QByteArray(16, 'k'), "data"));
    QVERIFY(!Crypto::encrypt({}, "data"));
    const auto sealed = Crypto::encrypt(QByteArray(32, 'k'), "data");
    QVERIFY(sealed);
    QVERIFY(!Crypto::decrypt(QByteArray(31, 'k'), *sealed));
}

void CryptoTest::scryptRfc7914Vectors()
{
    // RFC 7914, section 12 (the third vector; the fourth needs 1 GiB).
    const auto first = Crypto::deriveKey("password", "NaCl", {10, 8, 16}, 64);
    QVERIFY(first);
    QCOMPARE(first->toHex(), QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634"
                                        "b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d83"
                                        "60cbdfa2cc0640"));
    const auto second = Crypto::deriveKey("pleaseletmein", "SodiumChloride", {14, 8, 1}, 64);
    QVERIFY(second);
    QCOMPARE(second->toHex(), QByteArray("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f65"
                                         "45da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40d"
                                         "fcf017b45575887"));
}

void CryptoTest::scryptDependsOnPassphraseAndSalt()
{
    const Crypto::ScryptParams cheap{10, 8, 1};
    const auto key = Crypto::deriveKey("correct horse battery", "salt-one", cheap);
    QVERIFY(key);
    QCOMPARE(key->size(), Crypto::kKeySize);
    QCOMPARE(*Crypto::deriveKey("correct horse battery", "salt-one", cheap), *key);
    QVERIFY(*Crypto::deriveKey("correct horse batterz", "salt-one", cheap) != *key);
    QVERIFY(*Crypto::deriveKey("correct horse battery", "salt-two", cheap) != *key);
    QVERIFY(*Crypto::deriveKey("correct horse battery", "salt-one", {11, 8, 1}) != *key);
}

void CryptoTest::scryptRefusesUnsafeParameters()
{
    QVERIFY(!Crypto::deriveKey("passphrase", "salt", {40, 8, 1}));  // 2^40: unbounded memory
    QVERIFY(!Crypto::deriveKey("passphrase", "salt", {24, 64, 1})); // 8 GiB
    QVERIFY(!Crypto::deriveKey("passphrase", "salt", {4, 8, 1}));   // too cheap to protect
    QVERIFY(!Crypto::deriveKey("passphrase", "salt", {15, 0, 1}));
    QVERIFY(!Crypto::deriveKey("passphrase", "salt", {15, 8, 0}));
    QVERIFY(!Crypto::deriveKey("passphrase", {}, {15, 8, 1})); // no salt
    QVERIFY(!Crypto::isAcceptable({40, 8, 1}));
    QVERIFY(Crypto::isAcceptable(Crypto::recommendedScryptParams()));
}

void CryptoTest::recommendedScryptCost()
{
    const Crypto::ScryptParams params = Crypto::recommendedScryptParams();
    // At least scrypt's interactive-login cost from its paper: N = 2^14, r = 8 (16 MiB).
    QVERIFY(params.logN >= 14);
    QVERIFY(params.r >= 8);
    QElapsedTimer timer;
    timer.start();
    const int rounds = 3;
    for (int i = 0; i < rounds; ++i)
        QVERIFY(Crypto::deriveKey("a passphrase of some length", Crypto::randomBytes(16), params));
    qInfo("scrypt N=2^%d r=%d p=%d: %lld ms per key", params.logN, params.r, params.p,
          timer.elapsed() / rounds);
}

QTEST_GUILESS_MAIN(CryptoTest)
#include "CryptoTest.moc"
