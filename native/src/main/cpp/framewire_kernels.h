// framewire photo kernels: the C ABI that the JavaCPP binding (analyzers-jni) calls.
//
// Contract (see SPEC.md in the project docs):
//  * Pixels are 8-bit, interleaved, read through (pixels, width, height, stride) and never written.
//    The kernels own none of that memory and keep no pointer to it after returning.
//  * Luminance is carried as the exact integer I = 299 R + 587 G + 114 B (0..255000), i.e. Y = I / 1000.
//    Gray pixels use I = 1000 V. Every statistic is computed from these integers, so the scalar and the
//    vector paths (and the pure-Java twin) produce bit-identical doubles.
//  * Boundary rule for the 3x3 operators: reflect including the edge pixel (row -1 reads row 0, row h reads h-1).
//  * Return value: FW_OK, or a negative FW_E* code; outputs are untouched on error.
#ifndef FRAMEWIRE_KERNELS_H
#define FRAMEWIRE_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum fw_pixel_order { FW_RGB = 0, FW_BGR = 1, FW_GRAY = 2 };

enum fw_status {
    FW_OK = 0,
    FW_EINVAL_POINTER = -1,  // pixels or an output pointer is null
    FW_EINVAL_SIZE = -2,     // width or height below 1, or width * height * channels overflows
    FW_EINVAL_STRIDE = -3,   // stride shorter than width * channels
    FW_EINVAL_ORDER = -4,    // order is not an fw_pixel_order
    FW_ENOMEM = -5           // scratch memory could not be allocated
};

// Sharpness: population variance of the 4-neighbour Laplacian of Y (0..255 scale).
// out[0] = laplacian_var
int fw_sharpness(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                 double* out);

// Exposure: out[0] = mean of Y/255, out[1] = fraction with Y/255 < 0.02, out[2] = fraction with Y/255 > 0.98.
// histogram (nullable) receives 256 counts: bin b counts pixels with b <= Y < b + 1 (Y = 255 falls in bin 255).
int fw_exposure(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                double* out, int64_t* histogram);

// Composition: Sobel magnitude E on Y, t = 85th percentile of E (linear interpolation, numpy default),
// strong = E > t.  out[0] = t, out[1] = number of strong pixels, out[2] = thirds_coverage, out[3] = center_bias
// (both 0 when no pixel is strong).
int fw_composition(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                   double* out);

// All three, sharing reads of the pixels where the math allows. out has 8 slots:
// [laplacian_var, mean, clipped_shadows, clipped_highlights, t, strong, thirds_coverage, center_bias].
int fw_analyze_all(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                   double* out, int64_t* histogram);

// Which instruction set the kernels dispatch to on this CPU: "avx2" or "scalar".
const char* fw_active_isa(void);

// Forces the scalar path (nonzero) or restores automatic dispatch (0). For tests and benchmarks.
void fw_force_scalar(int32_t force);

#ifdef __cplusplus
}
#endif

#endif
