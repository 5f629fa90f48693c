// Kernel tests: every kernel against a naive whole-image double-precision reference on random frames of
// many shapes, scalar == AVX2 bit for bit, fw_analyze_all == the three kernels, hand-computed cases for the
// boundary rule, the strict thresholds, the percentile interpolation and the zones, and the error codes.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "check.h"
#include "framewire_kernels.h"
#include "fw_internal.h"

namespace {

// A frame in a buffer of exactly (h-1)*stride + w*channels bytes (so AddressSanitizer flags any read past
// the last pixel); the bytes between rows hold garbage that must not influence any result.
struct TestFrame {
    int32_t w = 0, h = 0, order = FW_RGB;
    int64_t stride = 0;
    std::vector<uint8_t> bytes;
    int channels() const { return order == FW_GRAY ? 1 : 3; }
    const uint8_t* px(int32_t r, int32_t c) const { return bytes.data() + r * stride + c * channels(); }
    uint8_t* px(int32_t r, int32_t c) { return bytes.data() + r * stride + c * channels(); }
};

enum class Kind { Noise, Photo, FewLevels, Constant };

TestFrame make_frame(int32_t w, int32_t h, int32_t order, int32_t pad, Kind kind, std::mt19937_64& rng) {
    TestFrame f;
    f.w = w;
    f.h = h;
    f.order = order;
    f.stride = static_cast<int64_t>(w) * f.channels() + pad;
    f.bytes.resize(static_cast<size_t>((h - 1) * f.stride + static_cast<int64_t>(w) * f.channels()));
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto& b : f.bytes) b = static_cast<uint8_t>(byte(rng));  // also fills the padding with garbage
    const int base = byte(rng);
    for (int32_t r = 0; r < h; ++r) {
        for (int32_t c = 0; c < w; ++c) {
            for (int k = 0; k < f.channels(); ++k) {
                int v = 0;
                switch (kind) {
                    case Kind::Noise: v = byte(rng); break;
                    case Kind::Photo:
                        v = static_cast<int>(128 + 100 * std::sin(0.05 * r + 0.3 * k) * std::cos(0.07 * c)) + byte(rng) % 9 - 4;
                        break;
                    case Kind::FewLevels: v = (byte(rng) % 3) * 127 + (byte(rng) % 3 == 0 ? 1 : 0); break;
                    case Kind::Constant: v = base; break;
                }
                f.px(r, c)[k] = static_cast<uint8_t>(std::min(255, std::max(0, v)));
            }
        }
    }
    return f;
}

struct Result {
    double var = 0;
    double expo[3] = {};
    int64_t hist[256] = {};
    double comp[4] = {};
};

// ---- the naive reference: whole-image double arrays, reflect by index, full sort for the percentile ----

double lum(const TestFrame& f, int32_t r, int32_t c) {
    const uint8_t* p = f.px(r, c);
    if (f.order == FW_GRAY) return 1000.0 * p[0];
    const double wr = 299, wg = 587, wb = 114;
    return f.order == FW_RGB ? wr * p[0] + wg * p[1] + wb * p[2] : wb * p[0] + wg * p[1] + wr * p[2];
}

int32_t reflect(int32_t i, int32_t n) { return i < 0 ? -i - 1 : (i >= n ? 2 * n - i - 1 : i); }

Result reference(const TestFrame& f) {
    Result res;
    const int32_t w = f.w, h = f.h;
    const double n = static_cast<double>(w) * h;
    auto I = [&](int32_t r, int32_t c) { return lum(f, reflect(r, h), reflect(c, w)); };
    // sharpness: two-pass population variance of L (I units), then / 1e6 for Y units
    std::vector<double> lap;
    for (int32_t r = 0; r < h; ++r)
        for (int32_t c = 0; c < w; ++c) lap.push_back(I(r - 1, c) + I(r + 1, c) + I(r, c - 1) + I(r, c + 1) - 4 * I(r, c));
    double mean = 0;
    for (double l : lap) mean += l;
    mean /= n;
    double ss = 0;
    for (double l : lap) ss += (l - mean) * (l - mean);
    res.var = ss / n / 1e6;
    // exposure: gray = I / 255000; gray < 0.02 <=> 50 I < 255000; gray > 0.98 <=> 50 I > 49 * 255000
    double sum = 0, sh = 0, hi = 0;
    for (int32_t r = 0; r < h; ++r)
        for (int32_t c = 0; c < w; ++c) {
            const double i = I(r, c);
            sum += i / 255000.0;
            sh += 50 * i < 255000 ? 1 : 0;
            hi += 50 * i > 49.0 * 255000 ? 1 : 0;
            res.hist[std::min(255, static_cast<int>(std::floor(i / 1000.0)))] += 1;
        }
    res.expo[0] = sum / n;
    res.expo[1] = sh / n;
    res.expo[2] = hi / n;
    // composition
    std::vector<double> e;
    for (int32_t r = 0; r < h; ++r)
        for (int32_t c = 0; c < w; ++c) {
            const double gr = (I(r + 1, c - 1) + 2 * I(r + 1, c) + I(r + 1, c + 1)) - (I(r - 1, c - 1) + 2 * I(r - 1, c) + I(r - 1, c + 1));
            const double gc = (I(r - 1, c + 1) + 2 * I(r, c + 1) + I(r + 1, c + 1)) - (I(r - 1, c - 1) + 2 * I(r, c - 1) + I(r + 1, c - 1));
            e.push_back(std::sqrt(gr * gr + gc * gc) / 1000.0);
        }
    std::vector<double> sorted = e;
    std::sort(sorted.begin(), sorted.end());
    const int64_t cnt = static_cast<int64_t>(w) * h;
    const double pos = 0.85 * static_cast<double>(cnt - 1);
    const int64_t lo = static_cast<int64_t>(std::floor(pos));
    const int64_t up = std::min(lo + 1, cnt - 1);
    const double t = sorted[lo] + (sorted[up] - sorted[lo]) * (pos - static_cast<double>(lo));
    const int32_t mh = h / 8, mw = w / 8;
    auto in_thirds = [&](int32_t r, int32_t c) {
        for (int32_t ph : {h / 3, 2 * h / 3})
            for (int32_t pw : {w / 3, 2 * w / 3})
                if (r >= std::max(0, ph - mh) && r < std::min(h, ph + mh) && c >= std::max(0, pw - mw) && c < std::min(w, pw + mw))
                    return true;
        return false;
    };
    double strong = 0, thirds = 0, center = 0;
    for (int32_t r = 0; r < h; ++r)
        for (int32_t c = 0; c < w; ++c)
            if (e[static_cast<size_t>(r) * w + c] > t) {
                strong += 1;
                thirds += in_thirds(r, c) ? 1 : 0;
                center += (r >= h / 4 && r < 3 * h / 4 && c >= w / 4 && c < 3 * w / 4) ? 1 : 0;
            }
    res.comp[0] = t;
    res.comp[1] = strong;
    res.comp[2] = strong > 0 ? thirds / strong : 0;
    res.comp[3] = strong > 0 ? center / strong : 0;
    return res;
}

// ---- running the kernels ----

Result run_separately(const TestFrame& f) {
    Result r;
    CHECK_EQ(fw_sharpness(f.bytes.data(), f.w, f.h, f.stride, f.order, &r.var), FW_OK);
    CHECK_EQ(fw_exposure(f.bytes.data(), f.w, f.h, f.stride, f.order, r.expo, r.hist), FW_OK);
    CHECK_EQ(fw_composition(f.bytes.data(), f.w, f.h, f.stride, f.order, r.comp), FW_OK);
    return r;
}

Result run_all(const TestFrame& f) {
    Result r;
    double out[8];
    CHECK_EQ(fw_analyze_all(f.bytes.data(), f.w, f.h, f.stride, f.order, out, r.hist), FW_OK);
    r.var = out[0];
    std::copy(out + 1, out + 4, r.expo);
    std::copy(out + 4, out + 8, r.comp);
    return r;
}

bool same_bits(const Result& a, const Result& b) {
    return std::memcmp(&a.var, &b.var, sizeof a.var) == 0 && std::memcmp(a.expo, b.expo, sizeof a.expo) == 0 &&
           std::memcmp(a.hist, b.hist, sizeof a.hist) == 0 && std::memcmp(a.comp, b.comp, sizeof a.comp) == 0;
}

std::string describe(const TestFrame& f, const char* what) {
    char b[160];
    std::snprintf(b, sizeof b, "%s on %dx%d order %d stride %lld", what, f.w, f.h, f.order, static_cast<long long>(f.stride));
    return b;
}

void check_against_reference(const TestFrame& f, const Result& got) {
    const Result ref = reference(f);
    CHECK_MSG(std::fabs(got.var - ref.var) <= 1e-9 * std::fabs(ref.var) + 1e-12, describe(f, "laplacian_var") + " " + fwtest::fmt(got.var) + " vs " + fwtest::fmt(ref.var));
    CHECK_MSG(std::fabs(got.expo[0] - ref.expo[0]) <= 1e-12, describe(f, "mean"));
    CHECK_MSG(got.expo[1] == ref.expo[1] && got.expo[2] == ref.expo[2], describe(f, "clipped fractions"));
    CHECK_MSG(std::memcmp(got.hist, ref.hist, sizeof ref.hist) == 0, describe(f, "histogram"));
    CHECK_MSG(got.comp[0] == ref.comp[0], describe(f, "percentile t") + " " + fwtest::fmt(got.comp[0]) + " vs " + fwtest::fmt(ref.comp[0]));
    CHECK_MSG(got.comp[1] == ref.comp[1] && got.comp[2] == ref.comp[2] && got.comp[3] == ref.comp[3],
              describe(f, "strong/thirds/center") + " " + fwtest::fmt(got.comp[1]) + " vs " + fwtest::fmt(ref.comp[1]));
}

const std::vector<std::pair<int32_t, int32_t>> kShapes = {
    {1, 1}, {1, 9}, {9, 1}, {2, 2}, {3, 3}, {4, 5}, {7, 3}, {8, 8}, {9, 2}, {10, 11}, {17, 3}, {31, 9},
    {33, 33}, {64, 5}, {101, 37}, {2, 300}, {4103, 2}, {4096 + 8 + 1, 3}};

}  // namespace

TEST(kernels_match_the_naive_reference_on_random_frames) {
    std::mt19937_64 rng(20261122);
    for (const auto& shape : kShapes)
        for (int32_t order : {FW_RGB, FW_BGR, FW_GRAY})
            for (int32_t pad : {0, 5})
                for (Kind kind : {Kind::Noise, Kind::Photo, Kind::FewLevels, Kind::Constant}) {
                    const TestFrame f = make_frame(shape.first, shape.second, order, pad, kind, rng);
                    fw_force_scalar(0);
                    check_against_reference(f, run_separately(f));
                }
}

TEST(scalar_and_avx2_paths_agree_bit_for_bit) {
    if (!fw::detail::cpu_has_avx2()) {
        std::printf("  (this CPU has no AVX2: only the scalar path exists)\n");
        return;
    }
    std::mt19937_64 rng(7);
    for (const auto& shape : kShapes)
        for (int32_t order : {FW_RGB, FW_BGR, FW_GRAY})
            for (Kind kind : {Kind::Noise, Kind::Photo, Kind::FewLevels}) {
                const TestFrame f = make_frame(shape.first, shape.second, order, 3, kind, rng);
                fw_force_scalar(1);
                CHECK(std::string(fw_active_isa()) == "scalar");
                const Result scalar = run_separately(f), scalar_all = run_all(f);
                fw_force_scalar(0);
                CHECK(std::string(fw_active_isa()) == "avx2");
                const Result vec = run_separately(f), vec_all = run_all(f);
                CHECK_MSG(same_bits(scalar, vec), describe(f, "scalar vs avx2"));
                CHECK_MSG(same_bits(scalar_all, vec_all), describe(f, "scalar vs avx2 (analyze_all)"));
            }
}

TEST(analyze_all_equals_the_three_kernels) {
    std::mt19937_64 rng(11);
    for (const auto& shape : kShapes)
        for (int32_t order : {FW_RGB, FW_GRAY}) {
            const TestFrame f = make_frame(shape.first, shape.second, order, 1, Kind::Photo, rng);
            CHECK_MSG(same_bits(run_separately(f), run_all(f)), describe(f, "analyze_all"));
        }
}

TEST(a_larger_photo_like_frame_matches_the_reference) {
    std::mt19937_64 rng(3);
    const TestFrame f = make_frame(640, 480, FW_BGR, 0, Kind::Photo, rng);
    check_against_reference(f, run_all(f));
}

// 2048 rows or more: composition samples blocks of adjacent rows (narrow, so the test stays fast)
TEST(a_tall_frame_sampled_in_row_blocks_matches_the_reference) {
    std::mt19937_64 rng(4);
    const TestFrame f = make_frame(72, 2100, FW_BGR, 3, Kind::Photo, rng);
    check_against_reference(f, run_all(f));
}

TEST(bgr_is_rgb_with_the_weights_swapped) {
    std::mt19937_64 rng(5);
    TestFrame rgb = make_frame(13, 7, FW_RGB, 2, Kind::Noise, rng);
    TestFrame bgr = rgb;
    bgr.order = FW_BGR;
    for (int32_t r = 0; r < rgb.h; ++r)
        for (int32_t c = 0; c < rgb.w; ++c) std::swap(bgr.px(r, c)[0], bgr.px(r, c)[2]);
    CHECK(same_bits(run_all(rgb), run_all(bgr)));
}

TEST(gray_equals_rgb_with_three_equal_channels) {
    std::mt19937_64 rng(6);
    const TestFrame gray = make_frame(19, 6, FW_GRAY, 0, Kind::Noise, rng);
    TestFrame rgb = make_frame(19, 6, FW_RGB, 0, Kind::Constant, rng);
    for (int32_t r = 0; r < gray.h; ++r)
        for (int32_t c = 0; c < gray.w; ++c) std::fill(rgb.px(r, c), rgb.px(r, c) + 3, gray.px(r, c)[0]);
    CHECK(same_bits(run_all(gray), run_all(rgb)));  // 299 + 587 + 114 = 1000
}

TEST(padding_bytes_between_rows_are_never_read) {
    std::mt19937_64 rng(8);
    TestFrame f = make_frame(23, 9, FW_RGB, 7, Kind::Noise, rng);
    const Result before = run_all(f);
    for (int32_t r = 0; r + 1 < f.h; ++r) std::fill(f.px(r, f.w), f.px(r + 1, 0), uint8_t{0x5A});
    CHECK(same_bits(before, run_all(f)));
}

// ---- hand-computed cases ----

TEST(sharpness_reflects_the_edge_pixel) {
    // One row, gray [0, 1]: the reflected neighbours give L = +1, -1 (Y units), so the variance is 1.
    const uint8_t px[2] = {0, 1};
    double var = -1;
    CHECK_EQ(fw_sharpness(px, 2, 1, 2, FW_GRAY, &var), FW_OK);
    CHECK_EQ(var, 1.0);
    // 3x3 with a single 1 in the middle: L = -4 there, +1 at the four edge midpoints, 0 at the corners
    // (their outside neighbours reflect to 0): variance (16 + 4) / 9.
    const uint8_t dot[9] = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    CHECK_EQ(fw_sharpness(dot, 3, 3, 3, FW_GRAY, &var), FW_OK);
    CHECK_NEAR(var, 20.0 / 9.0, 1e-15);
    // A single pixel has no neighbours but itself.
    CHECK_EQ(fw_sharpness(dot + 4, 1, 1, 1, FW_GRAY, &var), FW_OK);
    CHECK_EQ(var, 0.0);
}

TEST(exposure_thresholds_are_strict) {
    // I = 299R + 587G + 114B: (6,0,29) -> 5100 exactly (gray 0.02: not a shadow), (0,5,19) -> 5101,
    // gray 5 -> 5000 (shadow); (249,255,226) -> 249900 exactly (0.98: not a highlight), gray 250 -> 250000.
    const uint8_t px[15] = {6, 0, 29, 0, 5, 19, 5, 5, 5, 249, 255, 226, 250, 250, 250};
    double out[3];
    int64_t hist[256];
    CHECK_EQ(fw_exposure(px, 5, 1, 15, FW_RGB, out, hist), FW_OK);
    CHECK_EQ(out[1], 1.0 / 5.0);
    CHECK_EQ(out[2], 1.0 / 5.0);
    CHECK_EQ(out[0], static_cast<double>(5100 + 5101 + 5000 + 249900 + 250000) / 5.0 / 255000.0);
    CHECK_EQ(hist[5], 3);  // 5.100, 5.101, 5.000
    CHECK_EQ(hist[249], 1);
    CHECK_EQ(hist[250], 1);
    const uint8_t white = 255;
    CHECK_EQ(fw_exposure(&white, 1, 1, 1, FW_GRAY, out, hist), FW_OK);
    CHECK_EQ(hist[255], 1);  // Y = 255 falls in the last bin
    CHECK_EQ(out[0], 1.0);
    CHECK_EQ(fw_exposure(&white, 1, 1, 1, FW_GRAY, out, nullptr), FW_OK);  // the histogram is optional
}

TEST(percentile_interpolates_between_order_statistics) {
    // One gray row [0, 1, 3, 6, 10]: Gr = 0 and Gc = 4 (V[c+1] - V[c-1]) with reflect, so E = 4, 12, 20, 28, 16.
    // N = 5: pos = 0.85 * 4 = 3.4, so t = 20 + (28 - 20) * 0.4 = 23.2 and only E = 28 is strong.
    const uint8_t row[5] = {0, 1, 3, 6, 10};
    double out[4];
    CHECK_EQ(fw_composition(row, 5, 1, 5, FW_GRAY, out), FW_OK);
    const double pos = 0.85 * 4;
    CHECK_EQ(out[0], 20.0 + 8.0 * (pos - 3.0));
    CHECK_NEAR(out[0], 23.2, 1e-12);
    CHECK_EQ(out[1], 1.0);
    CHECK_EQ(out[2], 0.0);  // h = 1: mh = 0, so the power-point row bands are empty
    CHECK_EQ(out[3], 0.0);  // and the center rows [0, 0) too
}

TEST(strong_means_strictly_above_the_cut_and_zones_count_once) {
    // 8x8 gray, one bright pixel at (2,2): only its 8 neighbours have E > 0 (12.5% < 15%), so t = 0 and
    // exactly those 8 are strong. Zones: mh = mw = 1, bands [1,3) and [4,6); center [2,6) x [2,6).
    // In the bands: (1,1) (1,2) (2,1) -> 3/8. In the center: (2,3) (3,2) (3,3) -> 3/8.
    uint8_t px[64] = {};
    px[2 * 8 + 2] = 200;
    double out[4];
    CHECK_EQ(fw_composition(px, 8, 8, 8, FW_GRAY, out), FW_OK);
    CHECK_EQ(out[0], 0.0);
    CHECK_EQ(out[1], 8.0);
    CHECK_EQ(out[2], 3.0 / 8.0);
    CHECK_EQ(out[3], 3.0 / 8.0);
    // A flat frame has E = 0 everywhere: t = 0 and no pixel is strictly above it.
    uint8_t flat[9] = {9, 9, 9, 9, 9, 9, 9, 9, 9};
    CHECK_EQ(fw_composition(flat, 3, 3, 3, FW_GRAY, out), FW_OK);
    CHECK_EQ(out[0], 0.0);  // no edges: t = 0, nothing strong
    CHECK_EQ(out[1], 0.0);
    CHECK_EQ(out[2], 0.0);
    CHECK_EQ(out[3], 0.0);
}

TEST(errors_are_reported_and_outputs_untouched) {
    const uint8_t px[12] = {};
    double out[8];
    int64_t hist[256];
    std::fill(out, out + 8, -7.0);
    std::fill(hist, hist + 256, int64_t{-7});
    auto untouched = [&] {
        return std::all_of(out, out + 8, [](double v) { return v == -7.0; }) &&
               std::all_of(hist, hist + 256, [](int64_t v) { return v == -7; });
    };
    auto all_kernels = [&](const uint8_t* p, int32_t w, int32_t h, int64_t s, int32_t o, double* res, int expect) {
        CHECK_EQ(fw_sharpness(p, w, h, s, o, res), expect);
        CHECK_EQ(fw_exposure(p, w, h, s, o, res, hist), expect);
        CHECK_EQ(fw_composition(p, w, h, s, o, res), expect);
        CHECK_EQ(fw_analyze_all(p, w, h, s, o, res, hist), expect);
        CHECK(untouched());
    };
    all_kernels(nullptr, 2, 2, 6, FW_RGB, out, FW_EINVAL_POINTER);
    all_kernels(px, 2, 2, 6, FW_RGB, nullptr, FW_EINVAL_POINTER);
    all_kernels(px, 0, 2, 6, FW_RGB, out, FW_EINVAL_SIZE);
    all_kernels(px, 2, 0, 6, FW_RGB, out, FW_EINVAL_SIZE);
    all_kernels(px, -3, 2, 6, FW_RGB, out, FW_EINVAL_SIZE);
    all_kernels(px, 1 << 21, 1 << 20, int64_t{3} << 21, FW_RGB, out, FW_EINVAL_SIZE);  // 2^41 pixels
    all_kernels(px, 2, 2, 5, FW_RGB, out, FW_EINVAL_STRIDE);
    all_kernels(px, 2, 2, -6, FW_RGB, out, FW_EINVAL_STRIDE);
    all_kernels(px, 2, 2, 1, FW_GRAY, out, FW_EINVAL_STRIDE);
    all_kernels(px, 2, 3, INT64_MAX / 2, FW_GRAY, out, FW_EINVAL_STRIDE);  // last row's end overflows
    all_kernels(px, 2, 2, 6, 3, out, FW_EINVAL_ORDER);
    all_kernels(px, 2, 2, 6, -1, out, FW_EINVAL_ORDER);
    // Checked in this order: pointers, order, size, stride.
    all_kernels(nullptr, 0, 0, 0, 9, out, FW_EINVAL_POINTER);
    all_kernels(px, 0, 0, 0, 9, out, FW_EINVAL_ORDER);
    all_kernels(px, 0, 2, 0, FW_RGB, out, FW_EINVAL_SIZE);
    // A gray frame 2 wide with stride exactly 2 is fine.
    CHECK_EQ(fw_sharpness(px, 2, 2, 2, FW_GRAY, out), FW_OK);
}

// ---- internals ----

TEST(histogram_bin_arithmetic_is_exact_for_every_luminance) {
    // The AVX2 body computes I/1000 as ((I >> 3) * 33555) >> 22; run every I in 0..255000 through both bodies.
    std::vector<int32_t> row(255001 + 2);
    for (int32_t i = 0; i <= 255000; ++i) row[static_cast<size_t>(i) + 1] = i;
    int64_t expect[256] = {};
    for (int32_t i = 0; i <= 255000; ++i) expect[std::min(i / 1000, 255)] += 1;
    for (const fw::detail::RowOps* ops : {&fw::detail::scalar_ops(), &fw::detail::avx2_ops()}) {
        if (ops == &fw::detail::avx2_ops() && !fw::detail::cpu_has_avx2()) continue;
        fw::detail::ExpoSums sums;
        sums.hist.clear();
        ops->exposure(row.data() + 1, 255001, sums);
        sums.hist.flush();
        CHECK(std::memcmp(sums.hist.total, expect, sizeof expect) == 0);
        CHECK_EQ(sums.sum, int64_t{255000} * 255001 / 2);
        CHECK_EQ(sums.shadows, 5100);
        CHECK_EQ(sums.highlights, 255000 - 249900);
    }
}

TEST(laplacian_sums_beyond_int64_stay_exact) {
    // S2 above 2^63 (a 100 MP frame of extreme edges gets there): N = 2^30, S2 = 2^70 + 3, S1 = 2^40.
    fw::detail::LapSums sums;
    sums.s2 = (static_cast<fw::detail::u128>(1) << 70) + 3;
    sums.s1 = int64_t{1} << 40;
    const double n = 0x1p30;
    // numerator = 2^100 + 3*2^30 - 2^80, exactly; its nearest double:
    const double num = 0x1p100 - 0x1p80;  // the 3*2^30 is below half an ulp of 2^100
    CHECK_EQ(fw::detail::laplacian_variance(sums, int64_t{1} << 30), num / (n * n) / 1e6);
}

TEST(extreme_edges_reach_the_largest_magnitudes_exactly) {
    // A checkerboard of 0 and 255 maximises |L| and E2 in both paths.
    TestFrame f;
    f.w = 37;
    f.h = 11;
    f.order = FW_RGB;
    f.stride = 3 * 37;
    f.bytes.assign(static_cast<size_t>(f.stride) * f.h, 0);
    for (int32_t r = 0; r < f.h; ++r)
        for (int32_t c = 0; c < f.w; ++c)
            if ((r + c) % 2) std::fill(f.px(r, c), f.px(r, c) + 3, uint8_t{255});
    fw_force_scalar(1);
    const Result scalar = run_all(f);
    fw_force_scalar(0);
    const Result vec = run_all(f);
    CHECK(same_bits(scalar, vec));
    check_against_reference(f, vec);
}

// ---- the percentile's selection strategies ----

namespace {

struct StrategyGuard {
    explicit StrategyGuard(fw::detail::SelectStrategy s) { fw::detail::set_select_strategy(s); }
    ~StrategyGuard() { fw::detail::set_select_strategy(fw::detail::SelectStrategy::Auto); }
};

// The reference values, then the same bits from every composition selection strategy, scalar and AVX2, fused and
// as three separate calls.
void check_every_strategy_agrees(const TestFrame& f, const char* what) {
    using fw::detail::SelectStrategy;
    const Result expected = run_all(f);
    check_against_reference(f, expected);
    for (SelectStrategy s : {SelectStrategy::AllPixels, SelectStrategy::SampledBracket, SelectStrategy::HistogramPasses}) {
        const StrategyGuard guard(s);
        const std::string label = describe(f, what) + " " + std::to_string(static_cast<int>(s));
        for (int scalar : {0, 1}) {
            fw_force_scalar(scalar);
            CHECK_MSG(same_bits(expected, run_all(f)), label);
            CHECK_MSG(same_bits(expected, run_separately(f)), label);
        }
        fw_force_scalar(0);
    }
}

}  // namespace

TEST(every_selection_strategy_gives_the_same_bits) {
    using fw::detail::SelectStrategy;
    std::mt19937_64 rng(12);
    std::vector<std::pair<int32_t, int32_t>> shapes = kShapes;
    shapes.push_back({300, 200});
    shapes.push_back({257, 65});
    for (const auto& shape : shapes)
        for (Kind kind : {Kind::Noise, Kind::Photo, Kind::FewLevels, Kind::Constant}) {
            const TestFrame f = make_frame(shape.first, shape.second, FW_BGR, 0, kind, rng);
            check_every_strategy_agrees(f, "strategy");
        }
}

TEST(a_sample_that_misses_the_percentile_falls_back_to_exact_passes) {
    // The sampled rows (every 16th, from row 8, with their neighbours) are flat, the rest is noise: the
    // sample brackets E2 = 0 while the 85th percentile lies among the noise.
    const fw::detail::SelectStrategy s = fw::detail::SelectStrategy::SampledBracket;
    const StrategyGuard guard(s);
    std::mt19937_64 rng(13);
    TestFrame f = make_frame(64, 160, FW_GRAY, 0, Kind::Noise, rng);
    for (int32_t r = 0; r < f.h; ++r)
        if (r % 16 >= 6 && r % 16 <= 10) std::fill(f.px(r, 0), f.px(r, 0) + f.w, uint8_t{77});
    for (int scalar : {0, 1}) {
        fw_force_scalar(scalar);
        check_against_reference(f, run_all(f));
    }
    fw_force_scalar(0);
}

TEST(the_exact_threshold_recount_gives_the_same_bits) {
    std::mt19937_64 rng(14);
    for (Kind kind : {Kind::Noise, Kind::Photo, Kind::FewLevels, Kind::Constant})
        for (const auto& shape : kShapes) {
            const TestFrame f = make_frame(shape.first, shape.second, FW_RGB, 1, kind, rng);
            const Result expected = run_all(f);
            fw::detail::set_force_exact_recount(true);
            CHECK_MSG(same_bits(expected, run_all(f)), describe(f, "recount"));
            fw::detail::set_force_exact_recount(false);
        }
}

TEST(mostly_flat_frames_select_the_percentile_among_ties) {
    // 90% of the pixels have E2 = 0 (a flat sky): the 85th percentile is 0 and every edge pixel is strong.
    for (int32_t n : {40, 300}) {
        std::mt19937_64 rng(15);
        TestFrame f = make_frame(n, n, FW_GRAY, 0, Kind::Constant, rng);
        for (int32_t r = n - n / 20; r < n; ++r)
            for (int32_t c = 0; c < n; ++c) f.px(r, c)[0] = static_cast<uint8_t>(rng() % 256);
        for (auto s : {fw::detail::SelectStrategy::Auto, fw::detail::SelectStrategy::SampledBracket,
                       fw::detail::SelectStrategy::HistogramPasses}) {
            const StrategyGuard guard(s);
            const Result r = run_all(f);
            CHECK_EQ(r.comp[0], 0.0);
            check_against_reference(f, r);
        }
    }
}

// ---- the optional histogram, the fused exposure and the float pre-classification ----

TEST(exposure_without_the_histogram_gives_the_same_bits) {
    std::mt19937_64 rng(16);
    for (const auto& shape : kShapes)
        for (int32_t order : {FW_RGB, FW_BGR, FW_GRAY})
            for (int32_t pad : {0, 3})
                for (Kind kind : {Kind::Noise, Kind::Photo, Kind::FewLevels, Kind::Constant}) {
                    const TestFrame f = make_frame(shape.first, shape.second, order, pad, kind, rng);
                    for (int scalar : {0, 1}) {
                        fw_force_scalar(scalar);
                        double with[3], without[3] = {-1, -1, -1};
                        int64_t hist[256];
                        CHECK_EQ(fw_exposure(f.bytes.data(), f.w, f.h, f.stride, f.order, with, hist), FW_OK);
                        CHECK_EQ(fw_exposure(f.bytes.data(), f.w, f.h, f.stride, f.order, without, nullptr), FW_OK);
                        CHECK_MSG(std::memcmp(with, without, sizeof with) == 0, describe(f, "exposure without histogram"));
                        double all_with[8], all_without[8];
                        CHECK_EQ(fw_analyze_all(f.bytes.data(), f.w, f.h, f.stride, f.order, all_with, hist), FW_OK);
                        CHECK_EQ(fw_analyze_all(f.bytes.data(), f.w, f.h, f.stride, f.order, all_without, nullptr), FW_OK);
                        CHECK_MSG(std::memcmp(all_with, all_without, sizeof all_with) == 0, describe(f, "analyze_all without histogram"));
                        CHECK_MSG(std::memcmp(all_with + 1, with, sizeof with) == 0, describe(f, "analyze_all exposure"));
                    }
                    fw_force_scalar(0);
                }
}

TEST(every_width_and_odd_stride_near_the_vector_edges) {
    // Widths 1..80 cover every remainder of the 8-pixel steps, the first step's special load, the last step's
    // read limit and zone boundaries at every offset inside a group; heights 1..3 and odd strides too. The
    // buffers end at the last pixel, so AddressSanitizer catches any read past it.
    std::mt19937_64 rng(17);
    for (int32_t w = 1; w <= 80; ++w)
        for (int32_t h : {1, 2, 3, 24})
            for (int32_t order : {FW_BGR, FW_GRAY}) {
                const int32_t pad = (w % 3 == 0) ? 0 : 1 + 2 * (w % 4);
                const TestFrame f = make_frame(w, h, order, pad, w % 2 ? Kind::Noise : Kind::Photo, rng);
                fw_force_scalar(1);
                const Result scalar = run_separately(f);
                fw_force_scalar(0);
                const Result vec = run_separately(f);
                CHECK_MSG(same_bits(scalar, vec), describe(f, "scalar vs avx2"));
                CHECK_MSG(same_bits(vec, run_all(f)), describe(f, "fused vs separate"));
                if (h <= 3 || w % 7 == 0) check_against_reference(f, vec);
            }
}

TEST(many_ties_at_the_percentile_cut) {
    // Gray levels v and v + d in random blocks: E2 takes few values, so ranks lo and hi sit inside long runs of
    // equal E2. With d = 1 every E2 is below 2^24 (the float pre-classification decides them exactly, including
    // a nonzero floor); with d = 2 and 9 they straddle and exceed it (the 2^-20 margins decide).
    using fw::detail::SelectStrategy;
    std::mt19937_64 rng(18);
    for (int32_t d : {1, 2, 9})
        for (int32_t block : {1, 2, 5})
            for (const auto& shape : std::vector<std::pair<int32_t, int32_t>>{{61, 47}, {300, 230}}) {
                TestFrame f = make_frame(shape.first, shape.second, FW_GRAY, 1, Kind::Constant, rng);
                for (int32_t r = 0; r < f.h; ++r)
                    for (int32_t c = 0; c < f.w; ++c) {
                        const uint64_t cell = static_cast<uint64_t>(r / block) * 7919u + static_cast<uint64_t>(c / block) * 104729u;
                        f.px(r, c)[0] = static_cast<uint8_t>(100 + ((cell * 2654435761u >> 7) % 3 == 0 ? d : 0));
                    }
                check_every_strategy_agrees(f, "ties, strategy");
            }
}

TEST(float_tests_of_e2_never_misclassify) {
    // The AVX2 classification computes E2f = fma(Gr, Gr, Gc * Gc) in float and trusts E2f >= float_at_least(T)
    // => E2 >= T, E2f < float_below(T) => E2 < T and, for T < 2^24, E2f == T <=> E2 == T. Check it for random
    // gradients of every size against thresholds at and around the exact E2.
    using fw::detail::float_at_least;
    using fw::detail::float_below;
    std::mt19937_64 rng(19);
    for (int i = 0; i < 400000; ++i) {
        const int bits = 1 + static_cast<int>(rng() % 20);
        const int32_t lim = std::min<int32_t>(1020000, 1 << bits);
        const int32_t gr = static_cast<int32_t>(rng() % (2 * static_cast<uint64_t>(lim) + 1)) - lim;
        const int32_t gc = static_cast<int32_t>(rng() % (2 * static_cast<uint64_t>(lim) + 1)) - lim;
        const int64_t e2 = static_cast<int64_t>(gr) * gr + static_cast<int64_t>(gc) * gc;
        const float fr = static_cast<float>(gr), fc = static_cast<float>(gc);
        const float e2f = std::fma(fr, fr, fc * fc);
        for (int64_t delta = -2; delta <= 2; ++delta) {
            const int64_t t = std::max<int64_t>(0, e2 + delta * (1 + (e2 >> 22)));
            const double td = static_cast<double>(t);
            if (e2f >= float_at_least(td) && !(e2 >= t)) CHECK_MSG(false, "strong_certain " + std::to_string(e2) + " " + std::to_string(t));
            if (e2f < float_below(td) && !(e2 < t)) CHECK_MSG(false, "below_certain " + std::to_string(e2) + " " + std::to_string(t));
            if (td < fw::detail::kFloatExact && ((e2f == static_cast<float>(td)) != (e2 == t)))
                CHECK_MSG(false, "floor_exact " + std::to_string(e2) + " " + std::to_string(t));
        }
    }
}
