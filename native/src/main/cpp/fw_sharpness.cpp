// Sharpness: population variance of the 4-neighbour Laplacian of luminance, reflect boundary.
//
// In I units (I = 1000 Y): L = I[r-1,c] + I[r+1,c] + I[r,c-1] + I[r,c+1] - 4 I[r,c]  (|L| <= 1,020,000).
// S1 = sum L (int64), S2 = sum L^2 (exact: int64 per chunk of columns, 128-bit across chunks and rows).
// laplacian_var = (double)(N*S2 - S1*S1) / ((double)N * (double)N) / 1e6
// where the 128-bit numerator is converted to double once (round to nearest). The 1e6 turns I^2 into Y^2.
// (With the reflect boundary S1 is always 0, but it is computed rather than assumed.)
#include <algorithm>

#include "fw_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FW_X86 1
#endif

namespace fw {
namespace detail {

void laplacian_row_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, LapSums& acc) {
    int64_t s1 = 0;
    for (int32_t c0 = 0; c0 < w; c0 += kChunk) {
        const int32_t c1 = std::min(w, c0 + kChunk);
        int64_t s2 = 0;
        for (int32_t c = c0; c < c1; ++c) {
            const int64_t l = static_cast<int64_t>(up[c]) + dn[c] + cur[c - 1] + cur[c + 1] - 4 * static_cast<int64_t>(cur[c]);
            s1 += l;
            s2 += l * l;
        }
        acc.s2 += static_cast<u128>(s2);
    }
    acc.s1 += s1;
}

#ifdef FW_X86
// Eight Laplacians per step in int32; their squares need 64 bits, so even and odd lanes are squared with
// two _mm256_mul_epi32 into four int64 accumulators. Per chunk of kChunk columns, each int32 lane of the
// S1 accumulator adds at most kChunk/8 values of |L| <= 1.02e6 (no overflow), and each int64 lane of S2
// at most kChunk/4 squares <= 1.05e12.
__attribute__((target("avx2"))) void laplacian_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                        int32_t w, LapSums& acc) {
    int64_t s1 = 0;
    for (int32_t c0 = 0; c0 < w; c0 += kChunk) {
        const int32_t c1 = std::min(w, c0 + kChunk);
        __m256i vs1 = _mm256_setzero_si256();
        __m256i vs2 = _mm256_setzero_si256();
        int32_t c = c0;
        for (; c + 8 <= c1; c += 8) {
            const __m256i u = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(up + c));
            const __m256i d = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(dn + c));
            const __m256i l = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(cur + c - 1));
            const __m256i r = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(cur + c + 1));
            const __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(cur + c));
            const __m256i lap = _mm256_sub_epi32(_mm256_add_epi32(_mm256_add_epi32(u, d), _mm256_add_epi32(l, r)),
                                                 _mm256_slli_epi32(m, 2));
            vs1 = _mm256_add_epi32(vs1, lap);
            vs2 = _mm256_add_epi64(vs2, _mm256_mul_epi32(lap, lap));
            const __m256i odd = _mm256_srli_epi64(lap, 32);
            vs2 = _mm256_add_epi64(vs2, _mm256_mul_epi32(odd, odd));
        }
        alignas(32) int32_t l1[8];
        alignas(32) int64_t l2[4];
        _mm256_store_si256(reinterpret_cast<__m256i*>(l1), vs1);
        _mm256_store_si256(reinterpret_cast<__m256i*>(l2), vs2);
        int64_t s2 = l2[0] + l2[1] + l2[2] + l2[3];
        for (int k = 0; k < 8; ++k) s1 += l1[k];
        for (; c < c1; ++c) {
            const int64_t lv = static_cast<int64_t>(up[c]) + dn[c] + cur[c - 1] + cur[c + 1] - 4 * static_cast<int64_t>(cur[c]);
            s1 += lv;
            s2 += lv * lv;
        }
        acc.s2 += static_cast<u128>(s2);
    }
    acc.s1 += s1;
}
#else
void laplacian_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, LapSums& acc) {
    laplacian_row_scalar(up, cur, dn, w, acc);
}
#endif

double laplacian_variance(const LapSums& sums, int64_t n) {
    // N <= 2^40 and S2 <= N * 1.05e12, so N*S2 < 2^121: exact in 128 bits, and S1^2 <= N*S2 (Cauchy-Schwarz).
    const i128 num = static_cast<i128>(n) * static_cast<i128>(sums.s2) - static_cast<i128>(sums.s1) * sums.s1;
    const double dn = static_cast<double>(n);
    return static_cast<double>(num) / (dn * dn) / 1e6;
}

}  // namespace detail
}  // namespace fw

extern "C" int fw_sharpness(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                            double* out) {
    using namespace fw::detail;
    return with_valid_frame(pixels, width, height, stride, order, out,
                            [out](const Frame& f, const RowOps& ops) -> int {
        LumaRing ring(f, ops);
        if (!ring.init()) return FW_ENOMEM;
        LapSums sums;
        for (int32_t r = 0; r < f.height; ++r) {
            ring.advance(r);
            ops.laplacian(ring.up(), ring.cur(), ring.dn(), f.width, sums);
        }
        out[0] = laplacian_variance(sums, f.count);
        return FW_OK;
    });
}
