#include "Crypto.h"

#include <QtGlobal>
#include <climits>
#include <cstring>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

namespace botbat {

namespace {

constexpr quint64 kMaxScryptMemory = quint64(1) << 30;

struct CipherContextDeleter
{
    void operator()(EVP_CIPHER_CTX *context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

// OpenSSL takes int lengths; larger inputs are refused rather than truncated.
bool fitsInt(const QByteArray &data)
{
    return data.size() <= INT_MAX - Crypto::kNonceSize - Crypto::kTagSize;
}

quint64 scryptMemory(const Crypto::ScryptParams &params)
{
    // What OpenSSL allocates: B = 128 * r * p, V = 128 * r * (N + 2).
    const quint64 n = quint64(1) << params.logN;
    return 128 * quint64(params.r) * (n + 2 + quint64(params.p));
}

} // namespace

QByteArray Crypto::randomBytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(bytes(out), count) != 1)
        qFatal("The system random generator failed (OpenSSL error %lu); refusing to continue "
               "with weak keys.",
               ERR_get_error());
    return out;
}

QByteArray Crypto::sha256(const QByteArray &data)
{
    QByteArray out(kSha256Size, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), bytes(out), &length, EVP_sha256(),
                   nullptr) != 1 ||
        length != unsigned(kSha256Size))
        qFatal("OpenSSL could not compute SHA-256 (error %lu).", ERR_get_error());
    return out;
}

QByteArray Crypto::hmacSha256(const QByteArray &key, const QByteArray &data)
{
    QByteArray out(kSha256Size, Qt::Uninitialized);
    unsigned int length = 0;
    // constData() is never null, not even for an empty key, which HMAC() needs.
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()), bytes(data), size_t(data.size()),
              bytes(out), &length) ||
        length != unsigned(kSha256Size))
        qFatal("OpenSSL could not compute HMAC-SHA256 (error %lu).", ERR_get_error());
    return out;
}

bool Crypto::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

std::optional<QByteArray> Crypto::encrypt(const QByteArray &key, const QByteArray &plaintext,
                                          const QByteArray &aad)
{
    if (key.size() != kKeySize || !fitsInt(plaintext) || !fitsInt(aad))
        return std::nullopt;
    CipherContext context(EVP_CIPHER_CTX_new());
    if (!context)
        return std::nullopt;
    const QByteArray nonce = randomBytes(kNonceSize);
    QByteArray out(kNonceSize + plaintext.size() + kTagSize, Qt::Uninitialized);
    unsigned char *cursor = bytes(out);
    std::memcpy(cursor, nonce.constData(), size_t(kNonceSize));
    cursor += kNonceSize;
    int length = 0;
    int total = 0;
    if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) != 1 ||
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1)
        return std::nullopt;
    if (!aad.isEmpty() &&
        EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(aad), int(aad.size())) != 1)
        return std::nullopt;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(context.get(), cursor, &length, bytes(plaintext),
                              int(plaintext.size())) != 1)
            return std::nullopt;
        total = length;
    }
    if (EVP_EncryptFinal_ex(context.get(), cursor + total, &length) != 1)
        return std::nullopt;
    total += length;
    if (total != plaintext.size() ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, cursor + total) != 1)
        return std::nullopt;
    return out;
}

std::optional<QByteArray> Crypto::decrypt(const QByteArray &key, const QByteArray &sealed,
                                          const QByteArray &aad)
{
    if (key.size() != kKeySize || sealed.size() < kNonceSize + kTagSize || !fitsInt(sealed) ||
        !fitsInt(aad))
        return std::nullopt;
    CipherContext context(EVP_CIPHER_CTX_new());
    if (!context)
        return std::nullopt;
    const int cipherSize = int(sealed.size()) - kNonceSize - kTagSize;
    const unsigned char *nonce = bytes(sealed);
    const unsigned char *cipher = nonce + kNonceSize;
    // The tag buffer is only read by OpenSSL, but the ctrl API takes a non-const pointer.
    QByteArray tag = sealed.right(kTagSize);
    QByteArray out(cipherSize, Qt::Uninitialized);
    int length = 0;
    int total = 0;
    if (EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) != 1 ||
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, bytes(key), nonce) != 1)
        return std::nullopt;
    if (!aad.isEmpty() &&
        EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(aad), int(aad.size())) != 1)
        return std::nullopt;
    if (cipherSize > 0) {
        if (EVP_DecryptUpdate(context.get(), bytes(out), &length, cipher, cipherSize) != 1)
            return std::nullopt;
        total = length;
    }
    const bool authentic =
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, bytes(tag)) == 1 &&
        EVP_DecryptFinal_ex(context.get(), bytes(out) + total, &length) == 1;
    if (!authentic) {
        // GCM decrypts before it verifies: wipe what was produced from a forged input.
        OPENSSL_cleanse(out.data(), size_t(out.size()));
        return std::nullopt;
    }
    return out;
}

Crypto::ScryptParams Crypto::recommendedScryptParams()
{
    return ScryptParams{};
}

bool Crypto::isAcceptable(const ScryptParams &params)
{
    // logN >= 10 and r, p small rule out both useless and absurd costs; the memory bound
    // keeps a hostile header from exhausting RAM.
    return params.logN >= 10 && params.logN <= 24 && params.r >= 1 && params.r <= 64 &&
           params.p >= 1 && params.p <= 16 && scryptMemory(params) <= kMaxScryptMemory;
}

std::optional<QByteArray> Crypto::deriveKey(const QByteArray &passphrase, const QByteArray &salt,
                                            const ScryptParams &params, int keyLength)
{
    if (!isAcceptable(params) || salt.isEmpty() || keyLength <= 0 || keyLength > 1024)
        return std::nullopt;
    QByteArray key(keyLength, Qt::Uninitialized);
    // Headroom over the exact figure: OpenSSL's own accounting differs by a few bytes.
    const quint64 maxMemory = scryptMemory(params) + (quint64(1) << 20);
    if (EVP_PBE_scrypt(passphrase.constData(), size_t(passphrase.size()), bytes(salt),
                       size_t(salt.size()), quint64(1) << params.logN, quint64(params.r),
                       quint64(params.p), maxMemory, bytes(key), size_t(keyLength)) != 1)
        return std::nullopt;
    return key;
}

} // namespace botbat
