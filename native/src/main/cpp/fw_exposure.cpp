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

void exposure_row_scalar(const int32_t* row, int32_t w, ExpoSums& acc) {
    acc.hist.reserve(w);
    int64_t sum = 0, shadows = 0, highlights = 0;
    for (int32_t c = 0; c < w; ++c) {
        const int32_t i = row[c];
        sum += i;
        shadows += i < kShadowLimit;
        highlights += i > kHighlightLimit;
        acc.hist.sub[c & 7][std::min(i / 1000, 255)] += 1;
    }
    acc.sum += sum;
    acc.shadows += shadows;
    acc.highlights += highlights;
}

#ifdef FW_X86
// Sums and threshold counts in eight int32 lanes per chunk (kChunk/8 * 255000 < 2^31). The bin I/1000 is
// computed as ((I >> 3) * 33555) >> 22, equal to I/1000 for every I in 0..255000 (checked exhaustively by
// the tests); the bins of eight pixels are packed into two 32-bit words, one sub-histogram per lane.
__attribute__((target("avx2"))) void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc) {
    acc.hist.reserve(w);
    uint32_t(&sub)[8][256] = acc.hist.sub;
    const __m256i shadow = _mm256_set1_epi32(kShadowLimit);
    const __m256i highlight = _mm256_set1_epi32(kHighlightLimit);
    const __m256i magic = _mm256_set1_epi32(33555);
    // bytes 0, 4, 8, 12 of each 128-bit lane: the four bins of that lane, as one 32-bit word
    const __m256i pack = _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                          0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    for (int32_t c0 = 0; c0 < w; c0 += kChunk) {
        const int32_t c1 = std::min(w, c0 + kChunk);
        __m256i vsum = _mm256_setzero_si256(), vsh = _mm256_setzero_si256(), vhi = _mm256_setzero_si256();
        int32_t c = c0;
        for (; c + 8 <= c1; c += 8) {
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + c));
            vsum = _mm256_add_epi32(vsum, v);
            vsh = _mm256_sub_epi32(vsh, _mm256_cmpgt_epi32(shadow, v));
            vhi = _mm256_sub_epi32(vhi, _mm256_cmpgt_epi32(v, highlight));
            const __m256i b = _mm256_shuffle_epi8(
                _mm256_srli_epi32(_mm256_mullo_epi32(_mm256_srli_epi32(v, 3), magic), 22), pack);
            const uint32_t lo = static_cast<uint32_t>(_mm256_cvtsi256_si32(b));
            const uint32_t hi = static_cast<uint32_t>(_mm256_extract_epi32(b, 4));
            sub[0][lo & 0xFF] += 1;
            sub[1][(lo >> 8) & 0xFF] += 1;
            sub[2][(lo >> 16) & 0xFF] += 1;
            sub[3][lo >> 24] += 1;
            sub[4][hi & 0xFF] += 1;
            sub[5][(hi >> 8) & 0xFF] += 1;
            sub[6][(hi >> 16) & 0xFF] += 1;
            sub[7][hi >> 24] += 1;
        }
        alignas(32) int32_t s[8], sh[8], hi[8];
        _mm256_store_si256(reinterpret_cast<__m256i*>(s), vsum);
        _mm256_store_si256(reinterpret_cast<__m256i*>(sh), vsh);
        _mm256_store_si256(reinterpret_cast<__m256i*>(hi), vhi);
        for (int k = 0; k < 8; ++k) {
            acc.sum += s[k];
            acc.shadows += sh[k];
            acc.highlights += hi[k];
        }
        for (; c < c1; ++c) {
            const int32_t i = row[c];
            acc.sum += i;
            acc.shadows += i < kShadowLimit;
            acc.highlights += i > kHighlightLimit;
            sub[c & 7][std::min(i / 1000, 255)] += 1;
        }
    }
}
#else
void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc) { exposure_row_scalar(row, w, acc); }
#endif

void exposure_results(ExpoSums& sums, int64_t n, double* out) {
    sums.hist.flush();
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
    ExpoSums sums;
    sums.hist.clear();
    for (int32_t r = 0; r < f.height; ++r) {
        ops.luma(f.row(r), f.width, f.order, row.get() + 1);
        ops.exposure(row.get() + 1, f.width, sums);
    }
    exposure_results(sums, f.count, out);
    if (histogram != nullptr) std::copy(sums.hist.total, sums.hist.total + 256, histogram);
    return FW_OK;
}
