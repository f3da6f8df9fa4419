// SHA-256 (FIPS 180-4): the portable kernel, run-time dispatch, and the RFC 9162 hashes.

#include "csha256.h"

#include <stdatomic.h>
#include <string.h>

// A compression kernel: csha256_compress_portable or csha256_compress_shani.
typedef void (*csha256_compress_fn)(uint32_t state[8], const uint8_t *data, size_t blocks);

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes.
static const uint32_t csha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// FIPS 180-4 §5.3.3: the initial hash value H(0).
static const uint32_t csha256_iv[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t csha256_load_be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline void csha256_store_be32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

#define CSHA256_ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
// Σ1 and Σ0 written as nested rotations: the same value as the three-rotation form of
// FIPS 180-4 §4.1.2, with a shorter instruction sequence on two-operand machines.
#define CSHA256_BSIG0(x) \
  CSHA256_ROTR(CSHA256_ROTR(CSHA256_ROTR((x), 9) ^ (x), 11) ^ (x), 2)
#define CSHA256_BSIG1(x) \
  CSHA256_ROTR(CSHA256_ROTR(CSHA256_ROTR((x), 14) ^ (x), 5) ^ (x), 6)
#define CSHA256_SSIG0(x) (CSHA256_ROTR((x), 7) ^ CSHA256_ROTR((x), 18) ^ ((x) >> 3))
#define CSHA256_SSIG1(x) (CSHA256_ROTR((x), 17) ^ CSHA256_ROTR((x), 19) ^ ((x) >> 10))
#define CSHA256_CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))

// One round. Maj(a, b, c) is computed as b ^ ((a ^ b) & (b ^ c)), where b ^ c is the
// previous round's a ^ b (kept in `bc`), which saves an operation per round.
#define CSHA256_ROUND(a, b, c, d, e, f, g, h, i) \
  do { \
    uint32_t t1 = (h) + CSHA256_BSIG1(e) + CSHA256_CH(e, f, g) + csha256_k[i] + w[(i) & 15]; \
    uint32_t ab = (a) ^ (b); \
    uint32_t t2 = CSHA256_BSIG0(a) + ((ab & bc) ^ (b)); \
    bc = ab; \
    (d) += t1; \
    (h) = t1 + t2; \
  } while (0)

// Message schedule for rounds 16 ... 63, kept in a 16-word ring.
#define CSHA256_SCHEDULE(i) \
  (w[(i) & 15] += CSHA256_SSIG1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + \
                  CSHA256_SSIG0(w[((i) - 15) & 15]))

// Rounds i ... i+7; the variables rotate instead of moving.
#define CSHA256_ROUNDS8(i) \
  do { \
    CSHA256_ROUND(a, b, c, d, e, f, g, h, (i) + 0); \
    CSHA256_ROUND(h, a, b, c, d, e, f, g, (i) + 1); \
    CSHA256_ROUND(g, h, a, b, c, d, e, f, (i) + 2); \
    CSHA256_ROUND(f, g, h, a, b, c, d, e, (i) + 3); \
    CSHA256_ROUND(e, f, g, h, a, b, c, d, (i) + 4); \
    CSHA256_ROUND(d, e, f, g, h, a, b, c, (i) + 5); \
    CSHA256_ROUND(c, d, e, f, g, h, a, b, (i) + 6); \
    CSHA256_ROUND(b, c, d, e, f, g, h, a, (i) + 7); \
  } while (0)

// Rounds i ... i+7 for i >= 16, each extending the schedule just before it uses the word
// (measured faster than extending it eight words at a time).
#define CSHA256_SCHEDULED_ROUNDS8(i) \
  do { \
    CSHA256_SCHEDULE((i) + 0); \
    CSHA256_ROUND(a, b, c, d, e, f, g, h, (i) + 0); \
    CSHA256_SCHEDULE((i) + 1); \
    CSHA256_ROUND(h, a, b, c, d, e, f, g, (i) + 1); \
    CSHA256_SCHEDULE((i) + 2); \
    CSHA256_ROUND(g, h, a, b, c, d, e, f, (i) + 2); \
    CSHA256_SCHEDULE((i) + 3); \
    CSHA256_ROUND(f, g, h, a, b, c, d, e, (i) + 3); \
    CSHA256_SCHEDULE((i) + 4); \
    CSHA256_ROUND(e, f, g, h, a, b, c, d, (i) + 4); \
    CSHA256_SCHEDULE((i) + 5); \
    CSHA256_ROUND(d, e, f, g, h, a, b, c, (i) + 5); \
    CSHA256_SCHEDULE((i) + 6); \
    CSHA256_ROUND(c, d, e, f, g, h, a, b, (i) + 6); \
    CSHA256_SCHEDULE((i) + 7); \
    CSHA256_ROUND(b, c, d, e, f, g, h, a, (i) + 7); \
  } while (0)

void csha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  while (blocks > 0) {
    uint32_t w[16];
    for (int i = 0; i < 16; i++) {
      w[i] = csha256_load_be32(data + 4 * i);
    }
    uint32_t bc = b ^ c;
    CSHA256_ROUNDS8(0);
    CSHA256_ROUNDS8(8);
    CSHA256_SCHEDULED_ROUNDS8(16);
    CSHA256_SCHEDULED_ROUNDS8(24);
    CSHA256_SCHEDULED_ROUNDS8(32);
    CSHA256_SCHEDULED_ROUNDS8(40);
    CSHA256_SCHEDULED_ROUNDS8(48);
    CSHA256_SCHEDULED_ROUNDS8(56);
    a += state[0];
    b += state[1];
    c += state[2];
    d += state[3];
    e += state[4];
    f += state[5];
    g += state[6];
    h += state[7];
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
    state[4] = e;
    state[5] = f;
    state[6] = g;
    state[7] = h;
    data += 64;
    blocks--;
  }
}

// The kernel chosen at first use. Any thread may race to fill it; every racer stores the
// same value, and the atomic makes the race well defined.
static _Atomic(csha256_compress_fn) csha256_chosen_kernel = NULL;

static inline csha256_compress_fn csha256_kernel(void) {
  csha256_compress_fn kernel =
    atomic_load_explicit(&csha256_chosen_kernel, memory_order_relaxed);
  if (kernel == NULL) {
    kernel = csha256_has_shani() ? csha256_compress_shani : csha256_compress_portable;
    atomic_store_explicit(&csha256_chosen_kernel, kernel, memory_order_relaxed);
  }
  return kernel;
}

void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
  if (blocks > 0) {
    csha256_kernel()(state, data, blocks);
  }
}

// Pads the last `used` (at most 119) message bytes, already at the start of `block`
// (128 bytes), compresses the one or two final blocks, and writes the digest to `out`.
static inline void csha256_finish(
  csha256_compress_fn kernel, uint32_t state[8], uint8_t block[128], size_t used,
  uint64_t message_bytes, uint8_t out[32]
) {
  size_t blocks = (used + 8) / 64 + 1;
  size_t end = 64 * blocks;
  block[used] = 0x80;
  memset(block + used + 1, 0, end - 8 - used - 1);
  uint64_t bits = message_bytes << 3;
  csha256_store_be32(block + end - 8, (uint32_t)(bits >> 32));
  csha256_store_be32(block + end - 4, (uint32_t)bits);
  kernel(state, block, blocks);
  for (int i = 0; i < 8; i++) {
    csha256_store_be32(out + 4 * i, state[i]);
  }
}

void csha256_leaf_hash(const uint8_t *data, size_t length, uint8_t out[32]) {
  csha256_compress_fn kernel = csha256_kernel();
  uint32_t state[8];
  memcpy(state, csha256_iv, sizeof state);
  uint8_t block[128];
  block[0] = 0x00;
  if (length < 64) {
    if (length > 0) {
      memcpy(block + 1, data, length);
    }
    csha256_finish(kernel, state, block, length + 1, (uint64_t)length + 1, out);
    return;
  }
  // The first block is the prefix and 63 data bytes; after it the message's blocks are
  // the data's bytes from offset 63 on, compressed in place.
  memcpy(block + 1, data, 63);
  kernel(state, block, 1);
  size_t rest = length - 63;
  size_t blocks = rest / 64;
  if (blocks > 0) {
    kernel(state, data + 63, blocks);
  }
  size_t tail = rest - 64 * blocks;
  if (tail > 0) {
    memcpy(block, data + 63 + 64 * blocks, tail);
  }
  csha256_finish(kernel, state, block, tail, (uint64_t)length + 1, out);
}

void csha256_node_hash(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]) {
  uint32_t state[8];
  memcpy(state, csha256_iv, sizeof state);
  // 0x01, left, right (65 bytes), then the padding to two blocks.
  uint8_t block[128];
  block[0] = 0x01;
  memcpy(block + 1, left, 32);
  memcpy(block + 33, right, 32);
  csha256_finish(csha256_kernel(), state, block, 65, 65, out);
}
