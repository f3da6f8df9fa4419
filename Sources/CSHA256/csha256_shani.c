// SHA-256 compression with the x86 SHA extensions (SHA-NI), and their detection.
//
// The kernel is compiled for SHA, SSE4.1 and SSSE3 through a target attribute on the function
// alone, so the rest of the package needs no -msha flag and runs on any x86 CPU; callers
// check csha256_has_shani() first. On other CPUs the kernel is the portable one.

#include "csha256.h"

#include <stdatomic.h>

#if defined(__x86_64__) || defined(__i386__)

#include <cpuid.h>
#include <immintrin.h>

// 0 until detected, then 1 (absent) or 2 (present). Racing threads store the same value.
static atomic_int csha256_shani_detected = 0;

static int csha256_detect_shani(void) {
  unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
    return 0;
  }
  int sse41 = (ecx & (1u << 19)) != 0;
  int ssse3 = (ecx & (1u << 9)) != 0;
  // Leaf 7, sub-leaf 0, EBX bit 29: SHA. __get_cpuid_count checks the highest leaf.
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
    return 0;
  }
  int sha = (ebx & (1u << 29)) != 0;
  return sha && sse41 && ssse3;
}

int csha256_has_shani(void) {
  int detected = atomic_load_explicit(&csha256_shani_detected, memory_order_relaxed);
  if (detected == 0) {
    detected = csha256_detect_shani() ? 2 : 1;
    atomic_store_explicit(&csha256_shani_detected, detected, memory_order_relaxed);
  }
  return detected == 2;
}

// FIPS 180-4 §4.2.2, four words per 128-bit lane group.
static const uint32_t csha256_shani_k[64] __attribute__((aligned(16))) = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Rounds 4q ... 4q+3 on the message words `cur` (W[4q ... 4q+3], byte-swapped).
#define CSHA256_SHANI_ROUNDS(q, cur)                                                  \
  msg = _mm_add_epi32((cur), _mm_load_si128((const __m128i *)&csha256_shani_k[4 * (q)])); \
  state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                                \
  msg = _mm_shuffle_epi32(msg, 0x0E);                                                 \
  state0 = _mm_sha256rnds2_epu32(state0, state1, msg)

// The second half of the schedule step: next = W[4q+4 ... 4q+7] from its msg1 part.
#define CSHA256_SHANI_MSG2(cur, prev, next)         \
  next = _mm_add_epi32(next, _mm_alignr_epi8(cur, prev, 4)); \
  next = _mm_sha256msg2_epu32(next, cur)

// The first half of a later schedule step, started on `prev`.
#define CSHA256_SHANI_MSG1(cur, prev) prev = _mm_sha256msg1_epu32(prev, cur)

__attribute__((target("sha,sse4.1,ssse3")))
void csha256_compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
  // Byte swap of each 32-bit word: the message is big-endian.
  const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

  // The instructions keep the state as ABEF and CDGH, highest word first.
  __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);     // DCBA
  __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]);  // HGFE
  tmp = _mm_shuffle_epi32(tmp, 0xB1);                            // CDAB
  state1 = _mm_shuffle_epi32(state1, 0x1B);                      // EFGH
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);              // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);                   // CDGH

  while (blocks > 0) {
    __m128i abef = state0;
    __m128i cdgh = state1;
    __m128i msg;
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), swap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), swap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), swap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), swap);

    CSHA256_SHANI_ROUNDS(0, m0);
    CSHA256_SHANI_ROUNDS(1, m1);
    CSHA256_SHANI_MSG1(m1, m0);
    CSHA256_SHANI_ROUNDS(2, m2);
    CSHA256_SHANI_MSG1(m2, m1);
    // From here each step finishes W for the next quad and starts it for a later one.
    CSHA256_SHANI_ROUNDS(3, m3);
    CSHA256_SHANI_MSG2(m3, m2, m0);
    CSHA256_SHANI_MSG1(m3, m2);
    CSHA256_SHANI_ROUNDS(4, m0);
    CSHA256_SHANI_MSG2(m0, m3, m1);
    CSHA256_SHANI_MSG1(m0, m3);
    CSHA256_SHANI_ROUNDS(5, m1);
    CSHA256_SHANI_MSG2(m1, m0, m2);
    CSHA256_SHANI_MSG1(m1, m0);
    CSHA256_SHANI_ROUNDS(6, m2);
    CSHA256_SHANI_MSG2(m2, m1, m3);
    CSHA256_SHANI_MSG1(m2, m1);
    CSHA256_SHANI_ROUNDS(7, m3);
    CSHA256_SHANI_MSG2(m3, m2, m0);
    CSHA256_SHANI_MSG1(m3, m2);
    CSHA256_SHANI_ROUNDS(8, m0);
    CSHA256_SHANI_MSG2(m0, m3, m1);
    CSHA256_SHANI_MSG1(m0, m3);
    CSHA256_SHANI_ROUNDS(9, m1);
    CSHA256_SHANI_MSG2(m1, m0, m2);
    CSHA256_SHANI_MSG1(m1, m0);
    CSHA256_SHANI_ROUNDS(10, m2);
    CSHA256_SHANI_MSG2(m2, m1, m3);
    CSHA256_SHANI_MSG1(m2, m1);
    CSHA256_SHANI_ROUNDS(11, m3);
    CSHA256_SHANI_MSG2(m3, m2, m0);
    CSHA256_SHANI_MSG1(m3, m2);
    CSHA256_SHANI_ROUNDS(12, m0);
    CSHA256_SHANI_MSG2(m0, m3, m1);
    CSHA256_SHANI_MSG1(m0, m3);
    CSHA256_SHANI_ROUNDS(13, m1);
    CSHA256_SHANI_MSG2(m1, m0, m2);
    CSHA256_SHANI_ROUNDS(14, m2);
    CSHA256_SHANI_MSG2(m2, m1, m3);
    CSHA256_SHANI_ROUNDS(15, m3);

    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
    data += 64;
    blocks--;
  }

  tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
  state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
  state1 = _mm_alignr_epi8(state1, tmp, 8);     // HGFE
  _mm_storeu_si128((__m128i *)&state[0], state0);
  _mm_storeu_si128((__m128i *)&state[4], state1);
}

#else

int csha256_has_shani(void) {
  return 0;
}

void csha256_compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
  // Never chosen here (csha256_has_shani() is 0); stays correct if called anyway.
  csha256_compress_portable(state, data, blocks);
}

#endif
