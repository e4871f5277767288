// glibc's allocator tuning (`mallopt`), which the Swift Glibc module does not export.
#include <malloc.h>
