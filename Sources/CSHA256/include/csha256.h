// SHA-256 (FIPS 180-4) compression kernels and the RFC 9162 leaf and node hashes.
//
// The state is eight 32-bit words in FIPS 180-4 order (H0 ... H7), in host byte order.
// Input blocks are 64 bytes each, read byte by byte (no alignment required).

#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Compress `blocks` 64-byte blocks from `data` into `state` (8 words, FIPS 180-4 order).
// Uses the fastest kernel this CPU supports, chosen once at first use.
void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

// Same as csha256_compress, in plain C on every CPU.
void csha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

// 1 when the CPU has the SHA extensions (SHA-NI) together with SSE4.1 and SSSE3, else 0.
// Always 0 on CPUs other than x86.
int csha256_has_shani(void);

// Same as csha256_compress, with the SHA-NI instructions.
// Only valid when csha256_has_shani() returns 1.
void csha256_compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks);

// Leaf hash of RFC 9162: SHA-256(0x00 || data[0..<length]) written to out[32].
// `data` may be NULL when `length` is 0.
void csha256_leaf_hash(const uint8_t *data, size_t length, uint8_t out[32]);

// Node hash of RFC 9162: SHA-256(0x01 || left[32] || right[32]) written to out[32].
void csha256_node_hash(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]);

#ifdef __cplusplus
}
#endif

#endif  // CSHA256_H
