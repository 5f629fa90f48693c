// Exposure: mean luminance, clipped shadows and highlights, and (only when asked for) a 256-bin luminance
// histogram. Without the histogram the sums come straight from the pixels (no luminance row is stored);
// the histogram's scattered increments cost several times the sums, so they are paid only on request.
//
// In I units (I = 1000 Y, 0..255000), over the N pixels:
//   mean_brightness    = (double)sum(I) / (double)N / 255000.0
//   clipped_shadows    = (double)count(I < 5100)   / (double)N     (Y/255 < 0.02, strict)
//   clipped_highlights = (double)count(I > 249900) / (double)N     (Y/255 > 0.98, strict)
//   histogram bin      = min(I / 1000, 255)  (integer division: b <= Y < b+1; Y = 255 lands in bin 255)
#include <algorithm>

#include "fw_internal.h"

namespace fw {
namespace detail {

namespace exposure {

// Sum and threshold counts of the luminances luma_at(0 .. w-1), added to acc.
template <typename LumaAt>
void add_stats(int32_t w, LumaAt luma_at, ExpoSums& acc) {
    int64_t sum = 0, shadows = 0, highlights = 0;
    for (int32_t c = 0; c < w; ++c) {
        const int32_t i = luma_at(c);
        sum += i;
        shadows += i < kShadowLimit;
        highlights += i > kHighlightLimit;
    }
    acc.sum += sum;
    acc.shadows += shadows;
    acc.highlights += highlights;
}

}  // namespace exposure

void exposure_stats_scalar(const int32_t* row, int32_t w, ExpoSums& acc) {
    exposure::add_stats(w, [row](int32_t c) { return row[c]; }, acc);
}

namespace exposure {

// Bins of row[c0, c1), pixel c counted in sub-histogram c & 7 (the AVX2 body's lane for that column).
void bin_scalar(const int32_t* row, int32_t c0, int32_t c1, ExpoSums& acc) {
    for (int32_t c = c0; c < c1; ++c) acc.hist.sub[c & 7][std::min(row[c] / 1000, 255)] += 1;
}

}  // namespace exposure

void exposure_row_scalar(const int32_t* row, int32_t w, ExpoSums& acc) {
    acc.hist.reserve(w);
    exposure_stats_scalar(row, w, acc);
    exposure::bin_scalar(row, 0, w, acc);
}

void exposure_pixels_scalar(const uint8_t* src, int32_t w, int32_t order, ExpoSums& acc) {
    const int32_t w0 = order == FW_RGB ? 299 : 114, w2 = order == FW_RGB ? 114 : 299;
    exposure::add_stats(w, [=](int32_t c) {
        if (order == FW_GRAY) return 1000 * static_cast<int32_t>(src[c]);
        const uint8_t* p = src + 3 * static_cast<int64_t>(c);
        return w0 * p[0] + 587 * p[1] + w2 * p[2];
    }, acc);
}

#ifdef FW_X86
namespace exposure {

// Eight luminances into the three lane accumulators.
__attribute__((target("avx2"))) inline void add8(__m256i v, __m256i& vsum, __m256i& vsh, __m256i& vhi) {
    vsum = _mm256_add_epi32(vsum, v);
    vsh = _mm256_sub_epi32(vsh, _mm256_cmpgt_epi32(_mm256_set1_epi32(kShadowLimit), v));
    vhi = _mm256_sub_epi32(vhi, _mm256_cmpgt_epi32(v, _mm256_set1_epi32(kHighlightLimit)));
}

__attribute__((target("avx2"))) inline void flush8(__m256i vsum, __m256i vsh, __m256i vhi, ExpoSums& acc) {
    alignas(32) int32_t s[8], sh[8], hi[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(s), vsum);
    _mm256_store_si256(reinterpret_cast<__m256i*>(sh), vsh);
    _mm256_store_si256(reinterpret_cast<__m256i*>(hi), vhi);
    for (int k = 0; k < 8; ++k) {
        acc.sum += s[k];
        acc.shadows += sh[k];
        acc.highlights += hi[k];
    }
}

}  // namespace exposure

// Per chunk of kChunk columns each int32 lane adds at most kChunk/8 values <= 255000 (< 2^31).
__attribute__((target("avx2"))) void exposure_stats_avx2(const int32_t* row, int32_t w, ExpoSums& acc) {
    for (int32_t c0 = 0; c0 < w; c0 += kChunk) {
        const int32_t c1 = std::min(w, c0 + kChunk);
        __m256i vsum = _mm256_setzero_si256(), vsh = _mm256_setzero_si256(), vhi = _mm256_setzero_si256();
        int32_t c = c0;
        for (; c + 8 <= c1; c += 8)
            exposure::add8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + c)), vsum, vsh, vhi);
        exposure::flush8(vsum, vsh, vhi, acc);
        exposure_stats_scalar(row + c, c1 - c, acc);
    }
}

// The luminance of eight pixels is made in registers (Luma8) and summed at once; chunks as above.
__attribute__((target("avx2"))) void exposure_pixels_avx2(const uint8_t* src, int32_t w, int32_t order, ExpoSums& acc) {
    // Vector steps cover [0, vec_end): for 3 channels while a step's last read (byte 27) stays in the row.
    int32_t vec_end = w / 8 * 8;
    if (order != FW_GRAY) vec_end = 3 * static_cast<int64_t>(w) >= 28 ? 8 * ((3 * w - 28) / 24 + 1) : 0;
    const Luma8 k = luma8_setup(order);
    const __m256i k1000 = _mm256_set1_epi32(1000);
    for (int32_t c0 = 0; c0 < vec_end; c0 += kChunk) {
        const int32_t c1 = std::min(vec_end, c0 + kChunk);
        __m256i vsum = _mm256_setzero_si256(), vsh = _mm256_setzero_si256(), vhi = _mm256_setzero_si256();
        int32_t c = c0;
        if (order == FW_GRAY) {
            for (; c < c1; c += 8) {
                const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + c));
                exposure::add8(_mm256_mullo_epi32(_mm256_cvtepu8_epi32(b), k1000), vsum, vsh, vhi);
            }
        } else {
            if (c == 0) {
                exposure::add8(luma8_first(src, k), vsum, vsh, vhi);
                c = 8;
            }
            for (; c < c1; c += 8) exposure::add8(luma8(src + 3 * static_cast<int64_t>(c), k), vsum, vsh, vhi);
        }
        exposure::flush8(vsum, vsh, vhi, acc);
    }
    exposure_pixels_scalar(src + (order == FW_GRAY ? vec_end : 3 * static_cast<int64_t>(vec_end)), w - vec_end, order, acc);
}

// Sums and threshold counts in eight int32 lanes per chunk (kChunk/8 * 255000 < 2^31). The bin I/1000 is
// computed as ((I >> 3) * 33555) >> 22, equal to I/1000 for every I in 0..255000 (checked exhaustively by
// the tests); the bins of eight pixels are packed into two 32-bit words, one sub-histogram per lane.
__attribute__((target("avx2"))) void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc) {
    acc.hist.reserve(w);
    uint32_t(&sub)[8][256] = acc.hist.sub;
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
            exposure::add8(v, vsum, vsh, vhi);
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
        exposure::flush8(vsum, vsh, vhi, acc);
        exposure_stats_scalar(row + c, c1 - c, acc);
        exposure::bin_scalar(row, c, c1, acc);
    }
}
#else
void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc) { exposure_row_scalar(row, w, acc); }
void exposure_stats_avx2(const int32_t* row, int32_t w, ExpoSums& acc) { exposure_stats_scalar(row, w, acc); }
void exposure_pixels_avx2(const uint8_t* src, int32_t w, int32_t order, ExpoSums& acc) {
    exposure_pixels_scalar(src, w, order, acc);
}
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
    return with_valid_frame(pixels, width, height, stride, order, out,
                            [out, histogram](const Frame& f, const RowOps& ops) -> int {
        ExpoSums sums;
        sums.hist.clear();
        if (histogram == nullptr) {
            for (int32_t r = 0; r < f.height; ++r) ops.exposure_pixels(f.row(r), f.width, f.order, sums);
            exposure_results(sums, f.count, out);
            return FW_OK;
        }
        // One padded luminance row is all the histogram needs.
        std::unique_ptr<int32_t[]> row = try_alloc<int32_t>(static_cast<size_t>(f.width) + 2);
        if (row == nullptr) return FW_ENOMEM;
        for (int32_t r = 0; r < f.height; ++r) {
            ops.luma(f.row(r), f.width, f.order, row.get() + 1);
            ops.exposure(row.get() + 1, f.width, sums);
        }
        exposure_results(sums, f.count, out);
        std::copy(sums.hist.total, sums.hist.total + 256, histogram);
        return FW_OK;
    });
}
