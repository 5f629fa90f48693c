// Argument validation, pixel -> luminance row conversion and the rolling three-row luminance ring.
//
// Luminance is the exact integer I = 299 R + 587 G + 114 B (Y = I / 1000 on the 0..255 scale); for BGR the
// same weights apply to bytes (2, 1, 0) of a pixel; gray pixels give I = 1000 V.
#include <climits>

#include "fw_internal.h"

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
// Eight pixels per step (see Luma8 in fw_internal.h). The first step avoids reading before the row; the
// vector loop runs while the step's last read (byte 27 of the step) stays inside the row.
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
        const Luma8 k = luma8_setup(order);
        const int64_t row_bytes = 3 * static_cast<int64_t>(w);
        if (row_bytes >= 28) {
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), luma8_first(src, k));
            c = 8;
        }
        for (; 3 * static_cast<int64_t>(c) + 28 <= row_bytes; c += 8)
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + c), luma8(src + 3 * static_cast<int64_t>(c), k));
        const int32_t i0 = order == FW_RGB ? 299 : 114, i2 = order == FW_RGB ? 114 : 299;
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
    // Each row: 16 elements before element 0 (element -1 is the left pad), the row, its right pad, rounded up
    // to whole cache lines; plus 15 elements of slack to align the first row.
    pitch_ = (static_cast<int64_t>(f_.width) + 1 + 16 + 15) / 16 * 16;
    buf_ = try_alloc<int32_t>(3 * static_cast<size_t>(pitch_) + 16 + 15);
    if (buf_ == nullptr) return false;
    const uintptr_t at = reinterpret_cast<uintptr_t>(buf_.get() + 16);
    base_ = buf_.get() + 16 + static_cast<int64_t>(((64 - at % 64) % 64) / sizeof(int32_t));
    return true;
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
