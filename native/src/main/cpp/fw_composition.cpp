// Composition: Sobel edge magnitude, its exact 85th percentile, and where the strong edges lie.
//
// In I units, reflect boundary, with row r-1 = "up", r+1 = "dn":
//   Gr = (dn[c-1] + 2 dn[c] + dn[c+1]) - (up[c-1] + 2 up[c] + up[c+1])      derivative along rows
//   Gc = (up[c+1] + 2 cur[c+1] + dn[c+1]) - (up[c-1] + 2 cur[c-1] + dn[c-1])  derivative along columns
//   E2 = Gr^2 + Gc^2 (exact integer < 2^41),  E = sqrt((double)E2) / 1000.0  (Y units)
// Percentile (numpy's linear rule): pos = 0.85 * (double)(N-1), lo = floor(pos), frac = pos - lo,
//   hi = min(lo + 1, N - 1); E_lo, E_hi = E of the lo-th and hi-th smallest E2 (0-based);
//   t = E_lo + (E_hi - E_lo) * frac.   Strong pixel: E > t (strict, compared as doubles).
// Zones (integer division, half-open): mh = h/8, mw = w/8; thirds rows = union over ph in {h/3, 2h/3} of
//   [max(0, ph-mh), min(h, ph+mh)), thirds columns likewise with w; a pixel is in the power-point zones iff
//   its row and its column are both in those unions (that is the union of the four rectangles, so a pixel
//   counts once). Center zone: rows [h/4, 3h/4) x columns [w/4, 3w/4).
//   out = {t, strong, thirds/strong, center/strong}, or {t, 0, 0, 0} without strong pixels.
//
// Selection without a sort. E2 is an exact integer, so any exact selection gives the same order statistics.
// One pass classifies every pixel against a bracket [candidate_from, strong_from) of E2: pixels above it
// are counted (per zone), pixels inside it are collected as (E2 << 2 | zone bits); if ranks lo and hi fall
// inside the bracket, nth_element on the few candidates gives E_lo and E_hi, and each candidate is tested
// against t. The bracket comes from a sample of rows (every 16th row's Sobel keys, quantiles 0.85 +- 2%)
// on large frames; small frames simply collect every pixel. If the sample's bracket misses (possible,
// never wrong), two more passes do it exactly: a histogram of a monotone key of E2 (the top 20 bits of the
// IEEE double (double)E2: exponent and 8 mantissa bits, so each bucket spans about 0.4% of E2), then the
// classification with the bracket = the buckets holding ranks lo and hi.
// Pixels above the bracket have E2 >= strong_from > E2_hi; they are strong when E(strong_from) > t, which
// is checked; otherwise (rounding pathology, not seen) a last pass recounts with the exact integer
// threshold, the smallest E2 whose E exceeds t.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <climits>
#include <vector>

#include "fw_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FW_X86 1
#endif

namespace fw {
namespace detail {
namespace composition {

std::atomic<int32_t> g_strategy{0};
std::atomic<bool> g_force_recount{false};

// Top 20 bits of a double's representation for 1.0 are 0x3FF00; key index 0 is reserved for E2 = 0.
constexpr int64_t kKeyShift = 44;
constexpr int64_t kKeyBias = (int64_t{0x3FF} << 8) - 1;  // 261887
// Frames below this many pixels collect every pixel as a candidate (at most 512 KB).
constexpr int64_t kAllPixelsBelow = int64_t{1} << 16;
constexpr int32_t kSampleEvery = 16;
constexpr double kSampleMargin = 0.02;
constexpr double kNever = 0x1p60;  // above every E2

inline int64_t key_index(double e2) {
    uint64_t bits;
    std::memcpy(&bits, &e2, sizeof bits);
    const int64_t k = static_cast<int64_t>(bits >> kKeyShift) - kKeyBias;
    return k < 0 ? 0 : k;
}

// The smallest integer E2 whose key index is idx.
inline int64_t lowest_e2(int64_t idx) {
    if (idx == 0) return 0;
    const uint64_t bits = static_cast<uint64_t>(idx + kKeyBias) << kKeyShift;
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return static_cast<int64_t>(std::ceil(v));
}

inline double magnitude(int64_t e2) { return std::sqrt(static_cast<double>(e2)) / 1000.0; }

inline double sobel_e2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c) {
    const int32_t gr = (dn[c - 1] + 2 * dn[c] + dn[c + 1]) - (up[c - 1] + 2 * up[c] + up[c + 1]);
    const int32_t gc = (up[c + 1] + 2 * cur[c + 1] + dn[c + 1]) - (up[c - 1] + 2 * cur[c - 1] + dn[c - 1]);
    return static_cast<double>(gr) * gr + static_cast<double>(gc) * gc;  // exact: < 2^41
}

struct Interval {
    int64_t from, to;  // half-open
    bool contains(int64_t x) const { return x >= from && x < to; }
};

struct Zones {
    Interval thirds_rows[2], thirds_cols[2], center_rows, center_cols;
    static Zones of(int64_t w, int64_t h) {
        Zones z{};
        const int64_t mh = h / 8, mw = w / 8;
        const int64_t ph[2] = {h / 3, 2 * h / 3}, pw[2] = {w / 3, 2 * w / 3};
        for (int i = 0; i < 2; ++i) {
            z.thirds_rows[i] = {std::max<int64_t>(0, ph[i] - mh), std::min<int64_t>(h, ph[i] + mh)};
            z.thirds_cols[i] = {std::max<int64_t>(0, pw[i] - mw), std::min<int64_t>(w, pw[i] + mw)};
        }
        z.center_rows = {h / 4, 3 * h / 4};
        z.center_cols = {w / 4, 3 * w / 4};
        return z;
    }
    bool thirds_row(int64_t r) const { return thirds_rows[0].contains(r) || thirds_rows[1].contains(r); }
    bool thirds_col(int64_t c) const { return thirds_cols[0].contains(c) || thirds_cols[1].contains(c); }
};

// Columns cut at every zone edge, so each segment is wholly inside or outside each column set.
struct Segment {
    int32_t from, to;
    bool thirds, center;
};

std::vector<Segment> segments_of(const Zones& z, int32_t w) {
    std::vector<int64_t> cuts = {0, w};
    for (const Interval& i : {z.thirds_cols[0], z.thirds_cols[1], z.center_cols}) {
        cuts.push_back(i.from);
        cuts.push_back(i.to);
    }
    for (int64_t& c : cuts) c = std::min<int64_t>(std::max<int64_t>(c, 0), w);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<Segment> segs;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const int64_t a = cuts[i];
        segs.push_back({static_cast<int32_t>(a), static_cast<int32_t>(cuts[i + 1]), z.thirds_col(a),
                        z.center_cols.contains(a)});
    }
    return segs;
}

struct Counts {
    int64_t strong = 0, thirds = 0, center = 0;
    void add(int64_t n, uint64_t zone) {
        strong += n;
        if (zone & 1u) thirds += n;
        if (zone & 2u) center += n;
    }
};

// Candidates, grown as needed but never beyond a limit (a bracket that catches too many pixels is
// abandoned in favour of the exact histogram passes).
class Candidates {
public:
    void reset(size_t limit) {
        size_ = 0;
        limit_ = limit;
        failed_ = false;
    }
    // Room for n more; false (and stays false) when over the limit or out of memory.
    bool reserve(size_t n) {
        if (failed_) return false;
        if (size_ + n <= cap_) return true;
        if (size_ + n > limit_) return failed_ = true, false;
        const size_t cap = std::min(limit_, std::max(2 * cap_, size_ + n));
        std::unique_ptr<uint64_t[]> grown = try_alloc<uint64_t>(cap);
        if (grown == nullptr) return failed_ = true, false;
        std::copy(data_.get(), data_.get() + size_, grown.get());
        data_ = std::move(grown);
        cap_ = cap;
        return true;
    }
    uint64_t* end() { return data_.get() + size_; }
    void set_end(uint64_t* e) { size_ = static_cast<size_t>(e - data_.get()); }
    uint64_t* begin() { return data_.get(); }
    size_t size() const { return size_; }
    bool failed() const { return failed_; }

private:
    std::unique_ptr<uint64_t[]> data_;
    size_t size_ = 0, cap_ = 0, limit_ = 0;
    bool failed_ = false;
};

// The k-th smallest E2 (0-based) among packed candidates (E2 << 2 | zone): counting by the top 12 bits of
// E2 - min, keeping only the bucket that holds rank k, until few are left for nth_element. Reorders the
// array, which is fine: the result does not depend on the order.
int64_t select_kth(uint64_t* first, uint64_t* last, int64_t k) {
    constexpr int kBits = 12;
    while (last - first > 4096) {
        uint64_t lo = UINT64_MAX, hi = 0;
        for (const uint64_t* p = first; p != last; ++p) {
            lo = std::min(lo, *p >> 2);
            hi = std::max(hi, *p >> 2);
        }
        if (lo == hi) return static_cast<int64_t>(lo);
        int shift = 0;
        while (((hi - lo) >> shift) >= (uint64_t{1} << kBits)) ++shift;
        std::vector<int64_t> count(size_t{1} << kBits, 0);
        for (const uint64_t* p = first; p != last; ++p) ++count[((*p >> 2) - lo) >> shift];
        uint64_t bucket = 0;
        int64_t before = 0;
        while (before + count[bucket] <= k) before += count[bucket++];
        uint64_t* mid = std::partition(first, last, [&](uint64_t v) { return (((v >> 2) - lo) >> shift) == bucket; });
        last = mid;
        k -= before;
    }
    std::nth_element(first, first + k, last);
    return static_cast<int64_t>(first[k] >> 2);
}

// The smallest integer E2 whose E = sqrt(E2)/1000 exceeds t (E is increasing in E2).
int64_t first_e2_above(double t) {
    int64_t e2 = static_cast<int64_t>(std::floor(t * 1000.0 * t * 1000.0));
    while (e2 > 0 && magnitude(e2 - 1) > t) --e2;
    while (!(magnitude(e2) > t)) ++e2;
    return e2;
}

}  // namespace composition

struct CompositionState {
    const Frame& f;
    const RowOps& ops;
    composition::Zones zones;
    std::vector<composition::Segment> segs;
    double strong_from = composition::kNever, candidate_from = composition::kNever;
    composition::Counts counts;
    int64_t at_floor = 0;  // pixels with E2 == candidate_from: counted, not stored (never strong, see finish)
    composition::Candidates cand;
    std::unique_ptr<KeyHistogram> keys;  // sampling and the histogram passes

    CompositionState(const Frame& frame, const RowOps& row_ops)
        : f(frame), ops(row_ops), zones(composition::Zones::of(frame.width, frame.height)),
          segs(composition::segments_of(zones, frame.width)) {}

    void classify_row(int32_t r, const int32_t* up, const int32_t* cur, const int32_t* dn) {
        if (!cand.reserve(static_cast<size_t>(f.width))) return;
        const bool tr = zones.thirds_row(r), cr = zones.center_rows.contains(r);
        uint64_t* out = cand.end();
        for (const composition::Segment& s : segs) {
            const uint64_t zone = (tr && s.thirds ? 1u : 0u) | (cr && s.center ? 2u : 0u);
            counts.add(ops.sobel_classify(up, cur, dn, s.from, s.to, strong_from, candidate_from, zone, out, at_floor),
                       zone);
        }
        cand.set_end(out);
    }

    // A whole pass of classify_row over the frame, with its own luminance ring.
    int classify_pass(double strong, double candidate, size_t limit) {
        strong_from = strong;
        candidate_from = candidate;
        counts = composition::Counts{};
        at_floor = 0;
        cand.reset(limit);
        LumaRing ring(f, ops);
        if (!ring.init()) return FW_ENOMEM;
        for (int32_t r = 0; r < f.height; ++r) {
            ring.advance(r);
            classify_row(r, ring.up(), ring.cur(), ring.dn());
        }
        return cand.failed() ? FW_ENOMEM : FW_OK;
    }

    bool ensure_keys() {
        if (keys == nullptr) keys.reset(new (std::nothrow) KeyHistogram);
        if (keys == nullptr) return false;
        keys->clear();
        return true;
    }

    // The bracket from every kSampleEvery-th row's keys: the buckets holding the sample's quantiles
    // 0.85 - margin and 0.85 + margin.
    int sample_bracket() {
        if (!ensure_keys()) return FW_ENOMEM;
        const int64_t w = f.width;
        std::unique_ptr<int32_t[]> rows = try_alloc<int32_t>(3 * (static_cast<size_t>(w) + 2));
        if (rows == nullptr) return FW_ENOMEM;
        int32_t* up = rows.get() + 1;
        int32_t* cur = up + w + 2;
        int32_t* dn = cur + w + 2;
        for (int32_t r = composition::kSampleEvery / 2; r < f.height - 1; r += composition::kSampleEvery) {
            ops.luma(f.row(r - 1), f.width, f.order, up);
            ops.luma(f.row(r), f.width, f.order, cur);
            ops.luma(f.row(r + 1), f.width, f.order, dn);
            ops.sobel_keys(up, cur, dn, f.width, *keys);
        }
        keys->flush();
        int64_t sampled = 0;
        for (int64_t v : keys->total) sampled += v;
        if (sampled == 0) return FW_OK;  // too few rows: the bracket stays empty and finish() falls back
        const auto rank = [&](double q) {
            return std::min(sampled - 1, std::max<int64_t>(0, static_cast<int64_t>(q * static_cast<double>(sampled - 1))));
        };
        const int64_t want_lo = rank(0.85 - composition::kSampleMargin), want_hi = rank(0.85 + composition::kSampleMargin);
        int64_t cum = 0, b_lo = -1, b_hi = -1;
        for (int64_t b = 0; b < kKeyBins; ++b) {
            cum += keys->total[b];
            if (b_lo < 0 && cum > want_lo) b_lo = b;
            if (cum > want_hi) {
                b_hi = b;
                break;
            }
        }
        candidate_from = static_cast<double>(composition::lowest_e2(b_lo));
        strong_from = b_hi + 1 < kKeyBins ? static_cast<double>(composition::lowest_e2(b_hi + 1)) : composition::kNever;
        return FW_OK;
    }

    // Exact bracket from a full key histogram (pass 1), then the classification (pass 2).
    int histogram_passes(int64_t lo, int64_t hi) {
        if (!ensure_keys()) return FW_ENOMEM;
        {
            LumaRing ring(f, ops);
            if (!ring.init()) return FW_ENOMEM;
            for (int32_t r = 0; r < f.height; ++r) {
                ring.advance(r);
                ops.sobel_keys(ring.up(), ring.cur(), ring.dn(), f.width, *keys);
            }
        }
        keys->flush();
        int64_t cum = 0, b_lo = -1, b_hi = -1, n_cand = 0;
        for (int64_t b = 0; b < kKeyBins; ++b) {
            cum += keys->total[b];
            if (b_lo < 0 && cum > lo) b_lo = b;
            if (b_lo >= 0) n_cand += keys->total[b];
            if (cum > hi) {
                b_hi = b;
                break;
            }
        }
        const double strong = b_hi + 1 < kKeyBins ? static_cast<double>(composition::lowest_e2(b_hi + 1)) : composition::kNever;
        return classify_pass(strong, static_cast<double>(composition::lowest_e2(b_lo)),
                             static_cast<size_t>(n_cand) + static_cast<size_t>(f.width));
    }
};

CompositionRun::CompositionRun(const Frame& f, const RowOps& ops) : s_(new CompositionState(f, ops)) {}
CompositionRun::~CompositionRun() = default;

void set_select_strategy(SelectStrategy s) { composition::g_strategy.store(static_cast<int32_t>(s)); }
void set_force_exact_recount(bool force) { composition::g_force_recount.store(force); }

int CompositionRun::begin() {
    CompositionState& s = *s_;
    SelectStrategy strategy = static_cast<SelectStrategy>(composition::g_strategy.load());
    if (strategy == SelectStrategy::Auto)
        strategy = s.f.count < composition::kAllPixelsBelow ? SelectStrategy::AllPixels : SelectStrategy::SampledBracket;
    size_t limit = static_cast<size_t>(s.f.count / 8) + static_cast<size_t>(s.f.width);
    switch (strategy) {
        case SelectStrategy::AllPixels:
            s.strong_from = composition::kNever;
            s.candidate_from = 0.0;
            limit = static_cast<size_t>(s.f.count);
            break;
        case SelectStrategy::SampledBracket: {
            const int status = s.sample_bracket();
            if (status != FW_OK) return status;
            break;
        }
        default:  // an empty bracket: finish() goes straight to the histogram passes
            s.strong_from = s.candidate_from = composition::kNever;
            break;
    }
    s.counts = composition::Counts{};
    s.at_floor = 0;
    s.cand.reset(limit);
    return FW_OK;
}

void CompositionRun::row(int32_t r, const int32_t* up, const int32_t* cur, const int32_t* dn) {
    s_->classify_row(r, up, cur, dn);
}

int CompositionRun::finish(double* out) {
    using namespace composition;
    CompositionState& s = *s_;
    const int64_t n = s.f.count;
    const double pos = 0.85 * static_cast<double>(n - 1);
    const int64_t lo = static_cast<int64_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    const int64_t hi = std::min(lo + 1, n - 1);

    // Ranks below the bracket, at its floor value, and inside it.
    const auto below = [&] { return n - s.counts.strong - s.at_floor - static_cast<int64_t>(s.cand.size()); };
    const auto bracket = [&] { return s.at_floor + static_cast<int64_t>(s.cand.size()); };
    if (s.cand.failed() || below() > lo || hi >= below() + bracket()) {
        const int status = s.histogram_passes(lo, hi);
        if (status != FW_OK) return status;
    }
    uint64_t* first = s.cand.begin();
    uint64_t* last = s.cand.end();
    // Pixels at the floor are the bracket's smallest ranks; the stored candidates follow.
    const auto kth_e2 = [&](int64_t k) {
        return k < s.at_floor ? static_cast<int64_t>(s.candidate_from) : select_kth(first, last, k - s.at_floor);
    };
    const int64_t e2_lo = kth_e2(lo - below());
    const int64_t e2_hi = hi > lo ? kth_e2(hi - below()) : e2_lo;
    const double e_lo = magnitude(e2_lo), e_hi = magnitude(e2_hi);
    const double t = e_lo + (e_hi - e_lo) * frac;
    // t >= E_lo >= E(candidate_from): the floor pixels are never strong.

    // Strong <=> E2 >= e2_min, an integer compare. The pixels counted above the bracket are all strong
    // when strong_from >= e2_min (always, short of a rounding pathology); otherwise recount exactly.
    const int64_t e2_min = first_e2_above(t);
    Counts counts = s.counts;
    if ((counts.strong > 0 && static_cast<int64_t>(s.strong_from) < e2_min) || g_force_recount.load()) {
        const int status = s.classify_pass(static_cast<double>(e2_min), static_cast<double>(e2_min),
                                           static_cast<size_t>(s.f.width));
        if (status != FW_OK) return status;
        counts = s.counts;
    } else {
        for (const uint64_t* p = first; p != last; ++p) {
            if (static_cast<int64_t>(*p >> 2) >= e2_min) counts.add(1, *p & 3u);
        }
    }
    out[0] = t;
    if (counts.strong == 0) {
        out[1] = out[2] = out[3] = 0.0;
    } else {
        const double strong = static_cast<double>(counts.strong);
        out[1] = strong;
        out[2] = static_cast<double>(counts.thirds) / strong;
        out[3] = static_cast<double>(counts.center) / strong;
    }
    return FW_OK;
}

void sobel_keys_row_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, KeyHistogram& keys) {
    keys.reserve(w);
    for (int32_t c = 0; c < w; ++c)
        keys.sub[c & 3][composition::key_index(composition::sobel_e2(up, cur, dn, c))] += 1;
}

int64_t sobel_classify_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c0, int32_t c1,
                              double strong_from, double candidate_from, uint64_t zone_bits, uint64_t*& cand,
                              int64_t& at_floor) {
    int64_t strong = 0;
    for (int32_t c = c0; c < c1; ++c) {
        const double e2 = composition::sobel_e2(up, cur, dn, c);
        if (e2 >= strong_from) {
            ++strong;
        } else if (e2 > candidate_from) {
            *cand++ = (static_cast<uint64_t>(e2) << 2) | zone_bits;
        } else if (e2 == candidate_from) {
            ++at_floor;
        }
    }
    return strong;
}

#ifdef FW_X86
namespace composition {

__attribute__((target("avx2"))) inline __m256i load8(const int32_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// Gr and Gc of eight pixels in int32 (|G| <= 1,020,000), then E2 = Gr^2 + Gc^2 as two vectors of four
// doubles, lo = pixels c..c+3 and hi = c+4..c+7 (exact: the products are below 2^40).
__attribute__((target("avx2"))) inline void sobel_e2_x8(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                        int32_t c, __m256d& lo, __m256d& hi) {
    const __m256i ul = load8(up + c - 1), um = load8(up + c), ur = load8(up + c + 1);
    const __m256i dl = load8(dn + c - 1), dm = load8(dn + c), dr = load8(dn + c + 1);
    const __m256i cl = load8(cur + c - 1), cr = load8(cur + c + 1);
    const __m256i dsum = _mm256_add_epi32(_mm256_add_epi32(dl, dr), _mm256_slli_epi32(dm, 1));
    const __m256i usum = _mm256_add_epi32(_mm256_add_epi32(ul, ur), _mm256_slli_epi32(um, 1));
    const __m256i rsum = _mm256_add_epi32(_mm256_add_epi32(ur, dr), _mm256_slli_epi32(cr, 1));
    const __m256i lsum = _mm256_add_epi32(_mm256_add_epi32(ul, dl), _mm256_slli_epi32(cl, 1));
    const __m256i gr = _mm256_sub_epi32(dsum, usum);
    const __m256i gc = _mm256_sub_epi32(rsum, lsum);
    const __m256d grl = _mm256_cvtepi32_pd(_mm256_castsi256_si128(gr));
    const __m256d grh = _mm256_cvtepi32_pd(_mm256_extracti128_si256(gr, 1));
    const __m256d gcl = _mm256_cvtepi32_pd(_mm256_castsi256_si128(gc));
    const __m256d gch = _mm256_cvtepi32_pd(_mm256_extracti128_si256(gc, 1));
    lo = _mm256_add_pd(_mm256_mul_pd(grl, grl), _mm256_mul_pd(gcl, gcl));
    hi = _mm256_add_pd(_mm256_mul_pd(grh, grh), _mm256_mul_pd(gch, gch));
}

}  // namespace composition

// Keys of eight pixels: the top 20 bits of each double, packed into 32-bit lanes, biased and clamped at 0
// exactly like key_index().
__attribute__((target("avx2"))) void sobel_keys_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                         int32_t w, KeyHistogram& keys) {
    keys.reserve(w);
    uint32_t(&sub)[4][kKeyBins] = keys.sub;
    const __m256i bias = _mm256_set1_epi32(static_cast<int32_t>(composition::kKeyBias));
    const __m256i zero = _mm256_setzero_si256();
    int32_t c = 0;
    for (; c + 8 <= w; c += 8) {
        __m256d lo, hi;
        composition::sobel_e2_x8(up, cur, dn, c, lo, hi);
        const __m256i klo = _mm256_srli_epi64(_mm256_castpd_si256(lo), composition::kKeyShift);
        const __m256i khi = _mm256_slli_epi64(_mm256_srli_epi64(_mm256_castpd_si256(hi), composition::kKeyShift), 32);
        const __m256i k = _mm256_max_epi32(_mm256_sub_epi32(_mm256_or_si256(klo, khi), bias), zero);
        alignas(32) int32_t idx[8];
        _mm256_store_si256(reinterpret_cast<__m256i*>(idx), k);
        sub[0][idx[0]] += 1;
        sub[1][idx[1]] += 1;
        sub[2][idx[2]] += 1;
        sub[3][idx[3]] += 1;
        sub[0][idx[4]] += 1;
        sub[1][idx[5]] += 1;
        sub[2][idx[6]] += 1;
        sub[3][idx[7]] += 1;
    }
    for (; c < w; ++c) sub[c & 3][composition::key_index(composition::sobel_e2(up, cur, dn, c))] += 1;
}

// Strong pixels are counted from a compare mask; the (few) candidates are extracted lane by lane, in a
// different order than the scalar body, which the selection does not care about.
__attribute__((target("avx2"))) int64_t sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                            int32_t c0, int32_t c1, double strong_from,
                                                            double candidate_from, uint64_t zone_bits, uint64_t*& cand,
                                                            int64_t& at_floor) {
    const __m256d sf = _mm256_set1_pd(strong_from), cf = _mm256_set1_pd(candidate_from);
    int64_t strong = 0, floor = 0;  // locals: the references could alias and would stay in memory
    uint64_t* out = cand;
    int32_t c = c0;
    for (; c + 8 <= c1; c += 8) {
        __m256d lo, hi;
        composition::sobel_e2_x8(up, cur, dn, c, lo, hi);
        const int slo = _mm256_movemask_pd(_mm256_cmp_pd(lo, sf, _CMP_GE_OQ));
        const int shi = _mm256_movemask_pd(_mm256_cmp_pd(hi, sf, _CMP_GE_OQ));
        const unsigned strong_mask = static_cast<unsigned>(slo | (shi << 4));
        strong += __builtin_popcount(strong_mask);
        // The floor value may be very common (E2 = 0 on flat areas): count it with a mask. The lanes strictly
        // inside the bracket are rare: only then store them.
        const int flo = _mm256_movemask_pd(_mm256_cmp_pd(lo, cf, _CMP_EQ_OQ));
        const int fhi = _mm256_movemask_pd(_mm256_cmp_pd(hi, cf, _CMP_EQ_OQ));
        floor += __builtin_popcount(static_cast<unsigned>(flo | (fhi << 4)));
        const int blo = _mm256_movemask_pd(_mm256_cmp_pd(lo, cf, _CMP_GT_OQ));
        const int bhi = _mm256_movemask_pd(_mm256_cmp_pd(hi, cf, _CMP_GT_OQ));
        unsigned m = static_cast<unsigned>(blo | (bhi << 4)) & ~strong_mask;
        if (m != 0) {
            alignas(32) double v[8];
            _mm256_store_pd(v, lo);
            _mm256_store_pd(v + 4, hi);
            while (m != 0) {
                const int k = __builtin_ctz(m);
                m &= m - 1;
                *out++ = (static_cast<uint64_t>(v[k]) << 2) | zone_bits;
            }
        }
    }
    cand = out;
    at_floor += floor;
    return strong + sobel_classify_scalar(up, cur, dn, c, c1, strong_from, candidate_from, zone_bits, cand, at_floor);
}
#else
void sobel_keys_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, KeyHistogram& keys) {
    sobel_keys_row_scalar(up, cur, dn, w, keys);
}
int64_t sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c0, int32_t c1,
                            double strong_from, double candidate_from, uint64_t zone_bits, uint64_t*& cand,
                            int64_t& at_floor) {
    return sobel_classify_scalar(up, cur, dn, c0, c1, strong_from, candidate_from, zone_bits, cand, at_floor);
}
#endif

}  // namespace detail
}  // namespace fw

extern "C" int fw_composition(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                              double* out) {
    using namespace fw::detail;
    if (out == nullptr) return FW_EINVAL_POINTER;
    Frame f{};
    const int status = validate(pixels, width, height, stride, order, f);
    if (status != FW_OK) return status;
    try {
        const RowOps& ops = active_ops();
        CompositionRun run(f, ops);
        LumaRing ring(f, ops);
        if (!ring.init()) return FW_ENOMEM;
        int cs = run.begin();
        if (cs != FW_OK) return cs;
        for (int32_t r = 0; r < f.height; ++r) {
            ring.advance(r);
            run.row(r, ring.up(), ring.cur(), ring.dn());
        }
        double result[4];
        cs = run.finish(result);
        if (cs == FW_OK) std::copy(result, result + 4, out);
        return cs;
    } catch (const std::bad_alloc&) {
        return FW_ENOMEM;
    }
}
