#ifndef LOSSATLAS_CGD_SHIM_H
#define LOSSATLAS_CGD_SHIM_H
#include <gd.h>
#include <gdfontl.h>
#endif
