#ifndef TALLER_CCSV_SHIM_H
#define TALLER_CCSV_SHIM_H
#include <stddef.h>
#include <csv.h>
#endif
