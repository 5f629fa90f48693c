// Unity file: the whole kernel library as one translation unit, for JavaCPP's
// @Platform(include = {"framewire_kernels.h", "framewire_kernels_all.cpp"}, compiler = "cpp17").
// Each included file keeps its internals in namespace fw::detail (no file-static names), so they combine
// cleanly; the Makefile also compiles every file on its own.
#include "fw_rows.cpp"
#include "fw_sharpness.cpp"
#include "fw_exposure.cpp"
#include "fw_composition.cpp"
#include "fw_dispatch.cpp"
#include "fw_jpeg.cpp"
