#ifndef LINEAGE_CSHA256_H
#define LINEAGE_CSHA256_H

// SHA-256 block compression with the x86 SHA extensions (SHA-NI): about ten times fewer
// instructions than the portable Swift code, which stays the reference and the fallback.
// The document digest of a large graph hashes several megabytes, on the critical path of a scan.
//
// Header-only (static inline, imported through the module map): Swift compiles it into its own
// object, so there is no separate C object whose DWARF 5 debug info valgrind 3.19 cannot read.

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

// Whether this CPU has the x86 SHA extensions (and the SSSE3/SSE4.1 the code around them uses).
static inline int lineage_sha256_hardware_available(void) {
  // Valgrind (callgrind, used to profile Lineage) reports the SHA extensions but cannot run
  // them; LINEAGE_PORTABLE_SHA256=1 asks for the portable code explicitly.
  const char *portable = getenv("LINEAGE_PORTABLE_SHA256");
  if (portable && strcmp(portable, "1") == 0) return 0;
  const char *preload = getenv("LD_PRELOAD");
  if (preload && strstr(preload, "vgpreload")) return 0;
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  const int sha = (ebx >> 29) & 1;
  return ssse3 && sse41 && sha;
}

static const uint32_t lineage_sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Runs the SHA-256 compression function over `blocks` 64-byte blocks at `data`, updating the
// eight state words in place. Call only when lineage_sha256_hardware_available() returned 1.
__attribute__((target("sha,sse4.1,ssse3")))
static inline void lineage_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
  // Big-endian message words into little-endian lanes.
  const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

  // The instructions keep the state as ABEF and CDGH.
  __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
  __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

  while (blocks--) {
    const __m128i abefSaved = abef, cdghSaved = cdgh;
    __m128i w[4];  // the last four groups of four message-schedule words
    for (int i = 0; i < 16; i++) {
      __m128i group;
      if (i < 4) {
        group = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byteSwap);
      } else {
        // W[t..t+3] from W[t-16..t-13] (σ0 via msg1), W[t-7..t-4] and W[t-2..t-1] (σ1 via msg2).
        const __m128i older = w[i % 4], old = w[(i + 1) % 4];
        const __m128i recent = w[(i + 2) % 4], latest = w[(i + 3) % 4];
        __m128i t = _mm_sha256msg1_epu32(older, old);
        t = _mm_add_epi32(t, _mm_alignr_epi8(latest, recent, 4));
        group = _mm_sha256msg2_epu32(t, latest);
      }
      w[i % 4] = group;
      __m128i kw = _mm_add_epi32(group, _mm_loadu_si128((const __m128i *)&lineage_sha256_k[4 * i]));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw);
      kw = _mm_shuffle_epi32(kw, 0x0E);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, kw);
    }
    abef = _mm_add_epi32(abef, abefSaved);
    cdgh = _mm_add_epi32(cdgh, cdghSaved);
    data += 64;
  }

  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  dcba = _mm_blend_epi16(feba, dchg, 0xF0);
  hgfe = _mm_alignr_epi8(dchg, feba, 8);
  _mm_storeu_si128((__m128i *)&state[0], dcba);
  _mm_storeu_si128((__m128i *)&state[4], hgfe);
}

#else

static inline int lineage_sha256_hardware_available(void) { return 0; }

static inline void lineage_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
  (void)state;
  (void)data;
  (void)blocks;
}

#endif

#endif
