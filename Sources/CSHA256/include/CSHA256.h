#ifndef LINEAGE_CSHA256_H
#define LINEAGE_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the x86 SHA extensions (and the SSSE3/SSE4.1 the code around them uses).
int lineage_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks at `data`, updating the
/// eight state words in place, with the CPU's SHA instructions. Call only when
/// `lineage_sha256_hardware_available()` returned 1.
void lineage_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
