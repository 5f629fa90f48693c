// Dispatch: picks the scalar or the AVX2 row bodies once per call (run-time CPU check, overridable with
// fw_force_scalar), and fw_analyze_all, which converts each row to luminance once and feeds sharpness,
// exposure and the composition's classification pass from it (after the composition's sampling of rows).
#include <algorithm>
#include <atomic>
#include <new>

#include "fw_internal.h"

namespace fw {
namespace detail {
namespace dispatch {

std::atomic<int32_t> g_force_scalar{0};

const RowOps kScalarOps = {luma_row_scalar,        laplacian_row_scalar,  exposure_row_scalar,
                           exposure_stats_scalar,  exposure_pixels_scalar, sobel_keys_row_scalar,
                           sobel_classify_scalar};
const RowOps kAvx2Ops = {luma_row_avx2,        laplacian_row_avx2,   exposure_row_avx2,  exposure_stats_avx2,
                         exposure_pixels_avx2, sobel_keys_row_avx2, sobel_classify_avx2};

}  // namespace dispatch

bool cpu_has_avx2() {
#if defined(__x86_64__) || defined(__i386__)
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0 && __builtin_cpu_supports("fma") != 0;
    }();
    return has;
#else
    return false;
#endif
}

const RowOps& scalar_ops() { return dispatch::kScalarOps; }
const RowOps& avx2_ops() { return dispatch::kAvx2Ops; }

const RowOps& active_ops() {
    if (dispatch::g_force_scalar.load(std::memory_order_relaxed) == 0 && cpu_has_avx2()) return avx2_ops();
    return scalar_ops();
}

}  // namespace detail
}  // namespace fw

extern "C" const char* fw_active_isa(void) {
    return &fw::detail::active_ops() == &fw::detail::avx2_ops() ? "avx2" : "scalar";
}

extern "C" void fw_force_scalar(int32_t force) {
    fw::detail::dispatch::g_force_scalar.store(force != 0 ? 1 : 0, std::memory_order_relaxed);
}

extern "C" int fw_analyze_all(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                              double* out, int64_t* histogram) {
    using namespace fw::detail;
    return with_valid_frame(pixels, width, height, stride, order, out,
                            [out, histogram](const Frame& f, const RowOps& ops) -> int {
        LumaRing ring(f, ops);
        CompositionRun composition(f, ops);
        if (!ring.init()) return FW_ENOMEM;
        int cs = composition.begin();
        if (cs != FW_OK) return cs;
        LapSums lap;
        ExpoSums expo;
        expo.hist.clear();
        for (int32_t r = 0; r < f.height; ++r) {
            ring.advance(r);
            ops.laplacian(ring.up(), ring.cur(), ring.dn(), f.width, lap);
            if (histogram != nullptr) {
                ops.exposure(ring.cur(), f.width, expo);
            } else {
                ops.exposure_stats(ring.cur(), f.width, expo);
            }
            composition.row(r, ring.up(), ring.cur(), ring.dn());
        }
        double result[8];
        result[0] = laplacian_variance(lap, f.count);
        exposure_results(expo, f.count, result + 1);
        cs = composition.finish(result + 4);
        if (cs != FW_OK) return cs;
        std::copy(result, result + 8, out);
        if (histogram != nullptr) std::copy(expo.hist.total, expo.hist.total + 256, histogram);
        return FW_OK;
    });
}
