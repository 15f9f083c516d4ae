#pragma once

#include <QByteArray>
#include <optional>

namespace botbat {

// The engine's only door to cryptography: thin wrappers over OpenSSL 3, no hand-written
// primitives. Everything is QByteArray in, QByteArray out, so webhook signatures, API keys and
// the secret file share one audited implementation.
class Crypto
{
public:
    static constexpr int kKeySize = 32;   // AES-256
    static constexpr int kNonceSize = 12; // GCM's native IV size: no GHASH of the IV
    static constexpr int kTagSize = 16;
    static constexpr int kSha256Size = 32;

    // scrypt cost, stored next to whatever it protects so it can be raised later without
    // breaking old data. Memory is about 128 * r * 2^logN bytes.
    struct ScryptParams
    {
        int logN = 15;
        int r = 8;
        int p = 1;
        bool operator==(const ScryptParams &other) const
        {
            return logN == other.logN && r == other.r && p == other.p;
        }
    };

    // count cryptographically strong random bytes. Aborts the process if the system's random
    // generator fails: carrying on with weak keys or nonces would be worse than stopping.
    static QByteArray randomBytes(int count);

    static QByteArray sha256(const QByteArray &data);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
    // Time depends only on the length, never on where the inputs differ. Different lengths
    // compare unequal (a length is not a secret for MACs and tokens of fixed size).
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

    // AES-256-GCM with a fresh random nonce. Returns nonce || ciphertext || tag; nullopt only
    // when the key is not kKeySize bytes or OpenSSL fails. aad is authenticated, not encrypted.
    static std::optional<QByteArray> encrypt(const QByteArray &key, const QByteArray &plaintext,
                                             const QByteArray &aad = {});
    // Reverses encrypt(). nullopt when the key, nonce, ciphertext, tag or aad do not match:
    // a tampered input never yields plaintext.
    static std::optional<QByteArray> decrypt(const QByteArray &key, const QByteArray &sealed,
                                             const QByteArray &aad = {});

    // The cost used for new data: N = 2^15, r = 8, p = 1 (32 MiB), measured at 100-140 ms per
    // key on the 2-core development machine (test_crypto prints it; N = 2^16 took 270-300 ms,
    // the top of our 100-300 ms budget, before any load). The key is derived once per start,
    // so this only slows down someone guessing passphrases against a stolen file.
    static ScryptParams recommendedScryptParams();
    // Whether params are within the limits deriveKey() accepts (at most 1 GiB of memory), so
    // a damaged or hostile file header cannot make us allocate without bound.
    static bool isAcceptable(const ScryptParams &params);
    // scrypt(passphrase, salt) -> keyLength bytes; nullopt if params are not acceptable, the
    // salt is empty, or OpenSSL fails.
    static std::optional<QByteArray> deriveKey(const QByteArray &passphrase, const QByteArray &salt,
                                               const ScryptParams &params,
                                               int keyLength = kKeySize);
};

} // namespace botbat
