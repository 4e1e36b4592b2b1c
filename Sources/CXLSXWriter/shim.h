#ifndef TALLER_CXLSXWRITER_SHIM_H
#define TALLER_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
