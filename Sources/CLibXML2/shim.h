#ifndef NOTEGATE_CLIBXML2_SHIM_H
#define NOTEGATE_CLIBXML2_SHIM_H
// xmlversion.h first, then drop ICU: libxml2's ICU types clash with Foundation's in clean builds.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

// xmlFree is a macro-like global function pointer; Swift needs a real function.
static inline void notegate_xmlFree(void *ptr) { xmlFree(ptr); }
#endif
