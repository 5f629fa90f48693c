// Argument validation, pixel -> luminance row conversion and the rolling three-row luminance ring.
//
// Luminance is the exact integer I = 299 R + 587 G + 114 B (Y = I / 1000 on the 0..255 scale); for BGR the
// same weights apply to bytes (2, 1, 0) of a pixel; gray pixels give I = 1000 V.
#include <climits>

#include "fw_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FW_X86 1
#endif

namespace fw {
namespace detail {

int validate(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order, Frame& frame) {
    if (pixels == nullptr) return FW_EINVAL_POINTER;
    if (order != FW_RGB && order != FW_BGR && order != FW_GRAY) return FW_EINVAL_ORDER;
    if (width < 1 || height < 1) return FW_EINVAL_SIZE;
    const int64_t count = static_cast<int64_t>(width) * height;  // < 2^62, cannot overflow
    if (count > kMaxPixels) return FW_EINVAL_SIZE;
    const int32_t channels = order == FW_GRAY ? 1 : 3;
    const int64_t row_bytes = static_cast<int64_t>(width) * channels;
    if (stride < row_bytes) return FW_EINVAL_STRIDE;
    // The last byte read is at (height-1)*stride + row_bytes - 1: that offset must be representable.
    if (height > 1 && stride > (INT64_MAX - row_bytes) / (height - 1)) return FW_EINVAL_STRIDE;
    frame = Frame{pixels, width, height, stride, order, channels, count};
    return FW_OK;
}

namespace {

inline void pad_row(int32_t* dst, int32_t w) {
    dst[-1] = dst[0];
    dst[w] = dst[w - 1];
}

}  // namespace

void luma_row_scalar(const uint8_t* src, int32_t w, int32_t order, int32_t* dst) {
    if (order == FW_GRAY) {
        for (int32_t c = 0; c < w; ++c) dst[c] = 1000 * static_cast<int32_t>(src[c]);
    } else {
        const int32_t w0 = order == FW_RGB ? 299 : 114;
        const int32_t w2 = order == FW_RGB ? 114 : 299;
        for (int32_t c = 0; c < w; ++c) {
            const uint8_t* p = src + 3 * static_cast<int64_t>(c);
            dst[c] = w0 * p[0] + 587 * p[1] + w2 * p[2];
        }
    }
    pad_row(dst, w);
}

#ifdef FW_X86
// Eight pixels per step. RGB: two 16-byte loads (pixels 0-3 and 4-7, each using its first 12 bytes) form
// one 256-bit register; a byte shuffle spreads (c0, c1) and (c2, 0) into 16-bit pairs and two madd
// instructions apply the weights, giving eight exact int32 sums. Loads never pass the row's last byte:
// the vector loop runs while the second load (bytes 12..27 of the step) stays inside the row.
__attribute__((target("avx2"))) void luma_row_avx2(const uint8_t* src, int32_t w, int32_t order, int32_t* dst) {
    int32_t c = 0;
    if (order == FW_GRAY) {
        const __m256i k1000 = _mm256_set1_epi32(1000);
        for (; c + 8 <= w; c += 8) {
            const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + c));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + c),
                                _mm256_mullo_epi32(_mm256_cvtepu8_epi32(b), k1000));
        }
        for (; c < w; ++c) dst[c] = 1000 * static_cast<int32_t>(src[c]);
    } else {
        const int16_t w0 = order == FW_RGB ? 299 : 114;
        const int16_t w2 = order == FW_RGB ? 114 : 299;
        const __m256i wa = _mm256_set1_epi32(static_cast<int32_t>((587u << 16) | static_cast<uint16_t>(w0)));
        const __m256i wb = _mm256_set1_epi32(static_cast<int32_t>(w2));
        // Per 128-bit lane: bytes (c0,c1) of pixel k to 16-bit words 2k, 2k+1; then (c2, 0).
        const __m256i sh01 = _mm256_setr_epi8(0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1,
                                              0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1);
        const __m256i sh2 = _mm256_setr_epi8(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1,
                                             2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1);
        const int64_t row_bytes = 3 * static_cast<int64_t>(w);
        for (; 3 * static_cast<int64_t>(c) + 28 <= row_bytes; c += 8) {
            const uint8_t* p = src + 3 * static_cast<int64_t>(c);
            const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 12));
            const __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
            const __m256i a = _mm256_madd_epi16(_mm256_shuffle_epi8(v, sh01), wa);
            const __m256i b = _mm256_madd_epi16(_mm256_shuffle_epi8(v, sh2), wb);
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + c), _mm256_add_epi32(a, b));
        }
        const int32_t i0 = w0, i2 = w2;
        for (; c < w; ++c) {
            const uint8_t* p = src + 3 * static_cast<int64_t>(c);
            dst[c] = i0 * p[0] + 587 * p[1] + i2 * p[2];
        }
    }
    pad_row(dst, w);
}
#else
void luma_row_avx2(const uint8_t* src, int32_t w, int32_t order, int32_t* dst) { luma_row_scalar(src, w, order, dst); }
#endif

bool LumaRing::init() {
    buf_ = try_alloc<int32_t>(3 * (static_cast<size_t>(f_.width) + 2));
    return buf_ != nullptr;
}

void LumaRing::advance(int32_t r) {
    const int32_t h = f_.height;
    if (r == 0) {
        ops_.luma(f_.row(0), f_.width, f_.order, slot(0));
        if (h > 1) ops_.luma(f_.row(1), f_.width, f_.order, slot(1));
        up_ = cur_ = slot(0);
        dn_ = h > 1 ? slot(1) : slot(0);
        return;
    }
    if (r + 1 < h) ops_.luma(f_.row(r + 1), f_.width, f_.order, slot(r + 1));
    up_ = slot(r - 1);
    cur_ = slot(r);
    dn_ = r + 1 < h ? slot(r + 1) : slot(r);
}

}  // namespace detail
}  // namespace fw
