// SHA-256 from libcrypto. The direct SHA256_* functions are deprecated in OpenSSL 3 in favour of
// EVP, but EVP's first use loads every provider and object table; Podium hashes only SHA-256.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
