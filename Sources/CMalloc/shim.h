#ifndef LOSSATLAS_CMALLOC_SHIM_H
#define LOSSATLAS_CMALLOC_SHIM_H
// glibc's allocator tuning (mallopt), used once by the CLI at start-up.
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
