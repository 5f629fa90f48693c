// Exposure: mean luminance, clipped shadows and highlights, and a 256-bin luminance histogram.
//
// In I units (I = 1000 Y, 0..255000), over the N pixels:
//   mean_brightness    = (double)sum(I) / (double)N / 255000.0
//   clipped_shadows    = (double)count(I < 5100)   / (double)N     (Y/255 < 0.02, strict)
//   clipped_highlights = (double)count(I > 249900) / (double)N     (Y/255 > 0.98, strict)
//   histogram bin      = min(I / 1000, 255)  (integer division: b <= Y < b+1; Y = 255 lands in bin 255)
#include <algorithm>

#include "fw_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FW_X86 1
#endif

namespace fw {
namespace detail {

void exposure_row_scalar(const int32_t* row, int32_t w, ExpoSums& acc, int64_t* hist) {
    int64_t sum = 0, shadows = 0, highlights = 0;
    for (int32_t c = 0; c < w; ++c) {
        const int32_t i = row[c];
        sum += i;
        shadows += i < kShadowLimit;
        highlights += i > kHighlightLimit;
        hist[std::min(i / 1000, 255)] += 1;
    }
    acc.sum += sum;
    acc.shadows += shadows;
    acc.highlights += highlights;
}

#ifdef FW_X86
// Sums and threshold counts in eight int32 lanes per chunk (kChunk/8 * 255000 < 2^31). The bin I/1000 is
// computed as ((I >> 3) * 33555) >> 22, equal to I/1000 for every I in 0..255000 (checked exhaustively by
// the tests), and the increments go to four interleaved sub-histograms so that consecutive equal bins do
// not wait on each other's store.
__attribute__((target("avx2"))) void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc, int64_t* hist) {
    alignas(32) int32_t bins[kChunk];
    uint32_t sub[4][256];
    for (auto& s : sub) std::fill(s, s + 256, 0u);
    const __m256i shadow = _mm256_set1_epi32(kShadowLimit);
    const __m256i highlight = _mm256_set1_epi32(kHighlightLimit);
    const __m256i magic = _mm256_set1_epi32(33555);
    for (int32_t c0 = 0; c0 < w; c0 += kChunk) {
        const int32_t c1 = std::min(w, c0 + kChunk);
        __m256i vsum = _mm256_setzero_si256(), vsh = _mm256_setzero_si256(), vhi = _mm256_setzero_si256();
        int32_t c = c0;
        for (; c + 8 <= c1; c += 8) {
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + c));
            vsum = _mm256_add_epi32(vsum, v);
            vsh = _mm256_sub_epi32(vsh, _mm256_cmpgt_epi32(shadow, v));
            vhi = _mm256_sub_epi32(vhi, _mm256_cmpgt_epi32(v, highlight));
            const __m256i b = _mm256_srli_epi32(_mm256_mullo_epi32(_mm256_srli_epi32(v, 3), magic), 22);
            _mm256_store_si256(reinterpret_cast<__m256i*>(bins + (c - c0)), b);
        }
        const int32_t vec_end = c - c0;
        alignas(32) int32_t s[8], sh[8], hi[8];
        _mm256_store_si256(reinterpret_cast<__m256i*>(s), vsum);
        _mm256_store_si256(reinterpret_cast<__m256i*>(sh), vsh);
        _mm256_store_si256(reinterpret_cast<__m256i*>(hi), vhi);
        for (int k = 0; k < 8; ++k) {
            acc.sum += s[k];
            acc.shadows += sh[k];
            acc.highlights += hi[k];
        }
        int32_t k = 0;
        for (; k + 4 <= vec_end; k += 4) {
            sub[0][bins[k]] += 1;
            sub[1][bins[k + 1]] += 1;
            sub[2][bins[k + 2]] += 1;
            sub[3][bins[k + 3]] += 1;
        }
        for (; k < vec_end; ++k) sub[0][bins[k]] += 1;
        for (; c < c1; ++c) {
            const int32_t i = row[c];
            acc.sum += i;
            acc.shadows += i < kShadowLimit;
            acc.highlights += i > kHighlightLimit;
            sub[0][std::min(i / 1000, 255)] += 1;
        }
    }
    // A row has at most 2^31 - 1 pixels, so the uint32 sub-histograms cannot overflow within it.
    for (int b = 0; b < 256; ++b) hist[b] += static_cast<int64_t>(sub[0][b]) + sub[1][b] + sub[2][b] + sub[3][b];
}
#else
void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc, int64_t* hist) {
    exposure_row_scalar(row, w, acc, hist);
}
#endif

void exposure_results(const ExpoSums& sums, int64_t n, double* out) {
    const double dn = static_cast<double>(n);
    out[0] = static_cast<double>(sums.sum) / dn / 255000.0;
    out[1] = static_cast<double>(sums.shadows) / dn;
    out[2] = static_cast<double>(sums.highlights) / dn;
}

}  // namespace detail
}  // namespace fw

extern "C" int fw_exposure(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                           double* out, int64_t* histogram) {
    using namespace fw::detail;
    if (out == nullptr) return FW_EINVAL_POINTER;
    Frame f{};
    const int status = validate(pixels, width, height, stride, order, f);
    if (status != FW_OK) return status;
    const RowOps& ops = active_ops();
    // One padded luminance row is all exposure needs.
    std::unique_ptr<int32_t[]> row = try_alloc<int32_t>(static_cast<size_t>(f.width) + 2);
    if (row == nullptr) return FW_ENOMEM;
    int64_t hist[256] = {};
    ExpoSums sums;
    for (int32_t r = 0; r < f.height; ++r) {
        ops.luma(f.row(r), f.width, f.order, row.get() + 1);
        ops.exposure(row.get() + 1, f.width, sums, hist);
    }
    exposure_results(sums, f.count, out);
    if (histogram != nullptr) std::copy(hist, hist + 256, histogram);
    return FW_OK;
}
