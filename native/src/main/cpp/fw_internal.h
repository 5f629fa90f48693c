// Internal declarations shared by the kernel translation units (not part of the C ABI).
//
// Every kernel works on rows of exact integer luminance I = wR*R + wG*G + wB*B (0..255000) held in
// "padded" int32 rows: element -1 and element w exist and hold the reflected edge values
// (row[-1] = row[0], row[w] = row[w-1]), so the 3x3 operators need no column special cases.
// Rows are reflected the same way by the ring that feeds them (row -1 reads row 0, row h reads row h-1).
//
// Each per-row operation has a scalar and an AVX2 body with identical integer results; RowOps holds the
// set chosen for one call. All names live in namespace fw::detail so the unity file
// (framewire_kernels_all.cpp) compiles as a single translation unit.
#ifndef FRAMEWIRE_FW_INTERNAL_H
#define FRAMEWIRE_FW_INTERNAL_H

#include <cstddef>
#include <cstdint>
#include <climits>
#include <memory>
#include <new>

#include "framewire_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FW_X86 1
#endif

namespace fw {
namespace detail {

__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

// The kernels refuse frames above 2^40 pixels: that keeps N * S2 (sharpness) exact in 128 bits and all
// pixel counts exact in doubles.
constexpr int64_t kMaxPixels = int64_t{1} << 40;

// Columns are processed in chunks of at most this many pixels so that per-lane int32/int64 partial sums
// cannot overflow whatever the width.
constexpr int32_t kChunk = 4096;

// Luminance thresholds in I units: Y/255 < 0.02 <=> I < 5100, Y/255 > 0.98 <=> I > 249900.
constexpr int32_t kShadowLimit = 5100;
constexpr int32_t kHighlightLimit = 249900;

// Validated view of the caller's pixels.
struct Frame {
    const uint8_t* pixels;
    int32_t width;
    int32_t height;
    int64_t stride;
    int32_t order;
    int32_t channels;
    int64_t count;  // width * height
    const uint8_t* row(int32_t r) const { return pixels + static_cast<int64_t>(r) * stride; }
};

// Checks the arguments in this order: null pixels -> FW_EINVAL_POINTER, bad order -> FW_EINVAL_ORDER,
// width/height < 1 or width*height > 2^40 -> FW_EINVAL_SIZE, stride < width*channels or
// (height-1)*stride + width*channels > INT64_MAX -> FW_EINVAL_STRIDE. Fills frame on FW_OK.
int validate(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order, Frame& frame);

// Counts kept in Subs interleaved uint32 sub-histograms (neighbouring pixels, often in the same bin, go to
// different counters, so their increments do not wait on each other), moved into int64 totals before any
// counter could overflow.
template <int32_t Bins, int32_t Subs>
struct SplitHistogram {
    static constexpr int32_t kBins = Bins;
    static constexpr int32_t kSubs = Subs;
    uint32_t sub[Subs][Bins];
    int64_t total[Bins];
    int64_t pending;  // counts added to sub since the last flush
    void clear() {
        for (auto& h : sub)
            for (auto& v : h) v = 0;
        for (auto& v : total) v = 0;
        pending = 0;
    }
    // Call before adding n counts.
    void reserve(int64_t n) {
        if (pending + n > int64_t{UINT32_MAX}) flush();
        pending += n;
    }
    void flush() {
        for (int32_t b = 0; b < Bins; ++b) {
            for (int32_t k = 0; k < Subs; ++k) {
                total[b] += sub[k][b];
                sub[k][b] = 0;
            }
        }
        pending = 0;
    }
};

// Composition: a histogram of a monotone 20-bit key of E2, for the row sample and the exact fallback
// passes (see fw_composition.cpp).
constexpr int32_t kKeyBins = 10497;
using KeyHistogram = SplitHistogram<kKeyBins, 4>;

struct LapSums {
    int64_t s1 = 0;  // sum of L
    u128 s2 = 0;     // sum of L^2 (exact)
};

struct ExpoSums {
    int64_t sum = 0;         // sum of I
    int64_t shadows = 0;     // count of I < 5100
    int64_t highlights = 0;  // count of I > 249900
    SplitHistogram<256, 8> hist;  // bin min(I / 1000, 255); call hist.clear() first and hist.flush() at the end
};

// Composition's classification of one row against the bracket [candidate_from, strong_from) of E2.
// Zone bits of a pixel: 1 = power-point zones, 2 = center zone; a pixel's bits are column_zone[c] & row_zone.
// The AVX2 body decides most pixels from E2 in float (see fw_composition.cpp) and walks the row in runs of
// columns with equal column_zone: zone_bounds lists the columns (ascending) where column_zone changes.
struct ClassifyRow {
    double strong_from, candidate_from;  // integers (or 2^60) held in doubles
    float strong_certain;                // E2f >= this implies E2 >= strong_from
    float below_certain;                 // E2f < this implies E2 < candidate_from
    float floor_exact;                   // E2f == this <=> E2 == candidate_from (or -1: decide exactly)
    const uint8_t* column_zone;
    const int32_t* zone_bounds;
    int32_t zone_bound_count;
    uint64_t* pending;  // AVX2 scratch, room for w / 8 entries
    uint8_t row_zone;
    int64_t strong, thirds, center;  // accumulated
    int64_t at_floor;                // accumulated
    uint64_t* cand;                  // advanced past the stored candidates
};

// Float tests of E2 for the AVX2 classification. There E2f = fma(Gr, Gr, fl(Gc^2)) in float32 (Gr and Gc
// convert exactly), so E2 (1 - 2^-24)^2 <= E2f <= E2 (1 + 2^-24)^2. Below 2^24 every step is exact and
// rounding is monotone, so for an integer T < 2^24: E2f < T <=> E2 < T and E2f == T <=> E2 == T. Above it
// the thresholds move outwards by 2^-20 relative, far more than the error.
constexpr double kFloatExact = 0x1p24;
// E2f >= float_at_least(T) implies E2 >= T (T an integer held in a double, or 2^60).
float float_at_least(double t);
// E2f < float_below(T) implies E2 < T.
float float_below(double t);

// Per-row operations. Row pointers are padded rows (see top of file).
struct RowOps {
    // Converts width pixels to luminance into dst[0..w) and writes the reflected pads dst[-1], dst[w].
    void (*luma)(const uint8_t* src, int32_t w, int32_t order, int32_t* dst);
    // Adds the Laplacian sums of one row.
    void (*laplacian)(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, LapSums& acc);
    // Adds one row's exposure sums and histogram counts.
    void (*exposure)(const int32_t* row, int32_t w, ExpoSums& acc);
    // Adds one row's exposure sums only (acc.hist untouched).
    void (*exposure_stats)(const int32_t* row, int32_t w, ExpoSums& acc);
    // The same sums straight from w pixels of the frame, without a luminance row.
    void (*exposure_pixels)(const uint8_t* src, int32_t w, int32_t order, ExpoSums& acc);
    // Adds each pixel's Sobel key (see fw_composition.cpp) to the key histogram.
    void (*sobel_keys)(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, KeyHistogram& keys);
    // Over one row: counts (per zone) the pixels with E2 >= strong_from, counts in at_floor those with
    // E2 == candidate_from, and appends (E2 << 2 | zone bits) of those with candidate_from < E2 < strong_from
    // to cand (which has room for w more). See ClassifyRow.
    void (*sobel_classify)(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, ClassifyRow& row);
};

// The row bodies, defined in the analyzer translation units.
void luma_row_scalar(const uint8_t* src, int32_t w, int32_t order, int32_t* dst);
void luma_row_avx2(const uint8_t* src, int32_t w, int32_t order, int32_t* dst);
void laplacian_row_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, LapSums& acc);
void laplacian_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, LapSums& acc);
void exposure_row_scalar(const int32_t* row, int32_t w, ExpoSums& acc);
void exposure_row_avx2(const int32_t* row, int32_t w, ExpoSums& acc);
void exposure_stats_scalar(const int32_t* row, int32_t w, ExpoSums& acc);
void exposure_stats_avx2(const int32_t* row, int32_t w, ExpoSums& acc);
void exposure_pixels_scalar(const uint8_t* src, int32_t w, int32_t order, ExpoSums& acc);
void exposure_pixels_avx2(const uint8_t* src, int32_t w, int32_t order, ExpoSums& acc);
void sobel_keys_row_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, KeyHistogram& keys);
void sobel_keys_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, KeyHistogram& keys);
void sobel_classify_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, ClassifyRow& row);
void sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, ClassifyRow& row);

#ifdef FW_X86
// Luminance of eight 3-channel pixels in registers, shared by the row conversion and the fused exposure.
// One 256-bit load at p - 4 (p = first byte of pixel 0) puts pixels 0-3 in bytes 4..15 of the low lane and
// pixels 4-7 in bytes 0..11 of the high lane; a byte shuffle spreads (c0, c1) and (c2, 0) into 16-bit pairs
// and two madd instructions apply the weights: eight exact int32 sums. Bytes p - 4 .. p + 27 are read.
struct Luma8 {
    __m256i wa, wb, sh01, sh2;
};

__attribute__((target("avx2"))) inline Luma8 luma8_setup(int32_t order) {
    const int16_t w0 = order == FW_RGB ? 299 : 114;
    const int16_t w2 = order == FW_RGB ? 114 : 299;
    Luma8 k;
    k.wa = _mm256_set1_epi32(static_cast<int32_t>((587u << 16) | static_cast<uint16_t>(w0)));
    k.wb = _mm256_set1_epi32(static_cast<int32_t>(w2));
    k.sh01 = _mm256_setr_epi8(4, -1, 5, -1, 7, -1, 8, -1, 10, -1, 11, -1, 13, -1, 14, -1,
                              0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1);
    k.sh2 = _mm256_setr_epi8(6, -1, -1, -1, 9, -1, -1, -1, 12, -1, -1, -1, 15, -1, -1, -1,
                             2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1);
    return k;
}

__attribute__((target("avx2"))) inline __m256i luma8_apply(__m256i v, const Luma8& k) {
    const __m256i a = _mm256_madd_epi16(_mm256_shuffle_epi8(v, k.sh01), k.wa);
    const __m256i b = _mm256_madd_epi16(_mm256_shuffle_epi8(v, k.sh2), k.wb);
    return _mm256_add_epi32(a, b);
}

// Pixels at p .. p + 23; reads p - 4 .. p + 27.
__attribute__((target("avx2"))) inline __m256i luma8(const uint8_t* p, const Luma8& k) {
    return luma8_apply(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p - 4)), k);
}

// The same without reading before p (for the first pixels of a row); reads p .. p + 27.
__attribute__((target("avx2"))) inline __m256i luma8_first(const uint8_t* p, const Luma8& k) {
    const __m128i lo = _mm_slli_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), 4);
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 12));
    return luma8_apply(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1), k);
}
#endif

const RowOps& scalar_ops();
const RowOps& avx2_ops();
// The set the dispatcher chose for this call (honours fw_force_scalar).
const RowOps& active_ops();
// AVX2 and FMA (the vector bodies use both; every AVX2 processor has FMA, but both are checked).
bool cpu_has_avx2();

// The frame every C entry point shares: a null `out` is FW_EINVAL_POINTER, then validate()'s checks; `body(frame,
// ops)` runs on the valid frame with the dispatched row operations and returns the status. An allocation that
// throws anywhere in it becomes FW_ENOMEM: no exception crosses the C ABI.
template <typename Body>
int with_valid_frame(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                     const double* out, Body body) {
    if (out == nullptr) return FW_EINVAL_POINTER;
    Frame f{};
    const int status = validate(pixels, width, height, stride, order, f);
    if (status != FW_OK) return status;
    try {
        return body(f, active_ops());
    } catch (const std::bad_alloc&) {
        return FW_ENOMEM;
    }
}

// Scratch memory that reports failure instead of throwing.
template <typename T>
std::unique_ptr<T[]> try_alloc(size_t n) {
    return std::unique_ptr<T[]>(new (std::nothrow) T[n]);
}

// Three padded luminance rows rolled down the frame, with the reflect rule at the top and bottom.
class LumaRing {
public:
    LumaRing(const Frame& f, const RowOps& ops) : f_(f), ops_(ops) {}
    bool init();  // allocates; false on out of memory
    // Makes rows r-1, r, r+1 (reflected) available as up(), cur(), dn(). Must be called for
    // r = 0, 1, 2, ... in order; every row is converted exactly once and is cur() exactly once.
    void advance(int32_t r);
    const int32_t* up() const { return up_; }
    const int32_t* cur() const { return cur_; }
    const int32_t* dn() const { return dn_; }

private:
    // Element 0 of every row is 64-byte aligned (fewer vector loads split across cache lines).
    int32_t* slot(int64_t r) { return base_ + (r % 3) * pitch_; }
    const Frame& f_;
    const RowOps& ops_;
    std::unique_ptr<int32_t[]> buf_;
    int32_t* base_ = nullptr;
    int64_t pitch_ = 0;
    const int32_t* up_ = nullptr;
    const int32_t* cur_ = nullptr;
    const int32_t* dn_ = nullptr;
};

// Sharpness result from the exact sums: var = (double)(N*S2 - S1^2) / ((double)N * (double)N) / 1e6.
double laplacian_variance(const LapSums& sums, int64_t n);
// Exposure results into out[0..3) from the exact sums (flushes the histogram first).
void exposure_results(ExpoSums& sums, int64_t n, double* out);

// Composition, fed row by row so that fw_analyze_all can share its luminance rows with it:
//   CompositionRun run(f, ops); run.begin(); for each r: run.row(r, up, cur, dn); run.finish(out).
// begin() may read a sample of rows to bracket the percentile; finish() selects the order statistics
// from the collected candidates and, only if the bracket missed, makes its own extra passes.
struct CompositionState;
class CompositionRun {
public:
    CompositionRun(const Frame& f, const RowOps& ops);
    ~CompositionRun();
    CompositionRun(const CompositionRun&) = delete;
    CompositionRun& operator=(const CompositionRun&) = delete;
    int begin();  // FW_OK or FW_ENOMEM
    void row(int32_t r, const int32_t* up, const int32_t* cur, const int32_t* dn);
    int finish(double* out);  // writes out[0..4); FW_OK or FW_ENOMEM

private:
    std::unique_ptr<CompositionState> s_;
};

// How the percentile's candidates are chosen. Every strategy gives bit-identical results; tests force
// each one. Auto: all pixels of small frames, a sampled bracket for large ones.
enum class SelectStrategy : int32_t { Auto = 0, AllPixels = 1, SampledBracket = 2, HistogramPasses = 3 };
void set_select_strategy(SelectStrategy s);
// Tests only: always take the exact-threshold recount pass (normally a never-seen rounding safety net).
void set_force_exact_recount(bool force);

}  // namespace detail
}  // namespace fw

#endif
