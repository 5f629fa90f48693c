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
// are counted per zone, pixels equal to its floor are only counted (flat areas make E2 = 0 very common;
// they can never be strong, since t >= E_lo >= E(floor)), pixels strictly inside it are stored as
// (E2 << 2 | zone bits). If ranks lo and hi fall inside the bracket, a radix select on the stored
// candidates gives E_lo and E_hi. The bracket comes from a sample of rows (a 16th of the rows' Sobel keys,
// sample quantiles 0.85 +- 1%) on large frames; frames under 65536 pixels take every pixel as a candidate.
// If the sample's bracket misses (possible, never wrong), two more passes do it exactly: a histogram of a
// monotone key of E2 (the top 20 bits of the IEEE double (double)E2: exponent and 8 mantissa bits, so each
// bucket spans about 0.4% of E2), then the classification with the bracket = the buckets holding ranks lo
// and hi. Strong is then E2 >= e2_min, the smallest integer whose E exceeds t. Pixels above the bracket have
// E2 >= strong_from > E2_hi; they are strong when strong_from >= e2_min, which is checked; otherwise
// (rounding pathology, not seen) a last pass recounts against e2_min.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <climits>
#include <vector>

#include "fw_internal.h"

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
// The sample: every 16th row; on frames of 2048 rows or more, blocks of 4 adjacent rows every 64 rows (the
// same share of rows, but 6 converted rows per 4 sampled instead of 3 per 1). Fewer than 32 blocks sample too few
// places of a real photo: from 256 rows up, the bracket missed the 85th percentile on 18 of 48 seeded 640x480
// photos and 2 of 20 reference photos, each miss costing the two exact passes (3x the time).
constexpr int32_t kSampleEvery = 16;
constexpr int32_t kSampleBlockFrom = 2048, kSampleBlockEvery = 64, kSampleBlockRows = 4;
constexpr double kSampleMargin = 0.01;
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

// Scalar classification of columns [c0, c1) of a row (the scalar body, and the AVX2 body's tail).
inline void classify_columns(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c0, int32_t c1,
                             ClassifyRow& row) {
    for (int32_t c = c0; c < c1; ++c) {
        const double e2 = sobel_e2(up, cur, dn, c);
        const uint64_t zone = row.column_zone[c] & row.row_zone;
        if (e2 >= row.strong_from) {
            row.strong += 1;
            row.thirds += zone & 1u;
            row.center += zone >> 1;
        } else if (e2 > row.candidate_from) {
            *row.cand++ = (static_cast<uint64_t>(e2) << 2) | zone;
        } else if (e2 == row.candidate_from) {
            row.at_floor += 1;
        }
    }
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
// lo_bound <= E2 <= hi_bound for every candidate when known (the bracket), which saves the first min/max pass.
int64_t select_kth(uint64_t* first, uint64_t* last, int64_t k, uint64_t lo_bound = UINT64_MAX, uint64_t hi_bound = 0) {
    constexpr int kBits = 12;
    while (last - first > 4096) {
        uint64_t lo = lo_bound, hi = hi_bound;
        lo_bound = UINT64_MAX;
        hi_bound = 0;
        if (lo > hi) {
            for (const uint64_t* p = first; p != last; ++p) {
                lo = std::min(lo, *p >> 2);
                hi = std::max(hi, *p >> 2);
            }
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

// E2f >= float_at_least(T) implies E2 >= T (see fw_internal.h).
float float_at_least(double t) {
    if (t < kFloatExact) return static_cast<float>(t);
    const double x = t * (1 + 0x1p-20);
    float v = static_cast<float>(x);
    if (static_cast<double>(v) < x) v = std::nextafter(v, HUGE_VALF);
    return v;
}

// E2f < float_below(T) implies E2 < T.
float float_below(double t) {
    if (t <= kFloatExact) return static_cast<float>(t);
    const double x = t * (1 - 0x1p-20);
    float v = static_cast<float>(x);
    if (static_cast<double>(v) > x) v = std::nextafter(v, -HUGE_VALF);
    return v;
}

struct CompositionState {
    const Frame& f;
    const RowOps& ops;
    composition::Zones zones;
    std::vector<uint8_t> column_zone;  // see ClassifyRow
    std::vector<int32_t> zone_bounds;  // columns where column_zone changes (ClassifyRow)
    std::vector<uint64_t> pending;     // ClassifyRow::pending
    double strong_from = composition::kNever, candidate_from = composition::kNever;
    float strong_certain = 0, below_certain = 0, floor_exact = -1;  // from the two above, see set_bracket

    // Sets the bracket and its float tests (ClassifyRow).
    void set_bracket(double strong, double candidate) {
        strong_from = strong;
        candidate_from = candidate;
        strong_certain = float_at_least(strong);
        below_certain = float_below(candidate);
        floor_exact = candidate < kFloatExact ? static_cast<float>(candidate) : -1.0f;
    }
    composition::Counts counts;
    int64_t at_floor = 0;  // pixels with E2 == candidate_from: counted, not stored (never strong, see finish)
    composition::Candidates cand;
    size_t expected_candidates = 0;  // from the sample, to size the buffer once
    std::unique_ptr<KeyHistogram> keys;  // sampling and the histogram passes

    CompositionState(const Frame& frame, const RowOps& row_ops)
        : f(frame), ops(row_ops), zones(composition::Zones::of(frame.width, frame.height)),
          column_zone(static_cast<size_t>(frame.width)), pending(static_cast<size_t>(frame.width) / 8 + 1) {
        for (int32_t c = 0; c < f.width; ++c) {
            column_zone[c] = static_cast<uint8_t>((zones.thirds_col(c) ? 1 : 0) | (zones.center_cols.contains(c) ? 2 : 0));
            if (c > 0 && column_zone[c] != column_zone[c - 1]) zone_bounds.push_back(c);
        }
    }

    void reset_counts() {
        counts = composition::Counts{};
        at_floor = 0;
    }

    void classify_row(int32_t r, const int32_t* up, const int32_t* cur, const int32_t* dn) {
        if (!cand.reserve(static_cast<size_t>(f.width))) return;
        const uint8_t row_zone =
            static_cast<uint8_t>((zones.thirds_row(r) ? 1 : 0) | (zones.center_rows.contains(r) ? 2 : 0));
        ClassifyRow row{};
        row.strong_from = strong_from;
        row.candidate_from = candidate_from;
        row.strong_certain = strong_certain;
        row.below_certain = below_certain;
        row.floor_exact = floor_exact;
        row.column_zone = column_zone.data();
        row.zone_bounds = zone_bounds.data();
        row.zone_bound_count = static_cast<int32_t>(zone_bounds.size());
        row.pending = pending.data();
        row.row_zone = row_zone;
        row.cand = cand.end();
        ops.sobel_classify(up, cur, dn, f.width, row);
        counts.strong += row.strong;
        counts.thirds += row.thirds;
        counts.center += row.center;
        at_floor += row.at_floor;
        cand.set_end(row.cand);
    }

    // A whole pass of classify_row over the frame, with its own luminance ring.
    int classify_pass(double strong, double candidate, size_t limit) {
        set_bracket(strong, candidate);
        reset_counts();
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

    // The bracket from the sampled rows' keys (see kSampleEvery): the buckets holding the sample's quantiles
    // 0.85 - margin and 0.85 + margin.
    int sample_bracket() {
        if (!ensure_keys()) return FW_ENOMEM;
        const int64_t w = f.width;
        const bool blocks = f.height >= composition::kSampleBlockFrom;
        const int32_t every = blocks ? composition::kSampleBlockEvery : composition::kSampleEvery;
        const int32_t block = blocks ? composition::kSampleBlockRows : 1;
        std::unique_ptr<int32_t[]> rows = try_alloc<int32_t>(static_cast<size_t>(block + 2) * (static_cast<size_t>(w) + 2));
        if (rows == nullptr) return FW_ENOMEM;
        const auto row = [&](int32_t j) { return rows.get() + 1 + static_cast<int64_t>(j) * (w + 2); };
        // rows r0 .. r0 + block - 1, with their neighbours r0 - 1 and r0 + block (all inside the frame)
        for (int32_t r0 = every / 2; r0 + block < f.height; r0 += every) {
            for (int32_t j = 0; j < block + 2; ++j) ops.luma(f.row(r0 - 1 + j), f.width, f.order, row(j));
            for (int32_t j = 0; j < block; ++j) ops.sobel_keys(row(j), row(j + 1), row(j + 2), f.width, *keys);
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
        set_bracket(b_hi + 1 < kKeyBins ? static_cast<double>(composition::lowest_e2(b_hi + 1)) : composition::kNever,
                    static_cast<double>(composition::lowest_e2(b_lo)));
        // Expected candidates: the sample's share of the bracket's buckets, scaled up, with 25% to spare,
        // so the buffer is allocated once instead of grown and copied.
        int64_t in_bracket = 0;
        for (int64_t b = b_lo; b <= b_hi; ++b) in_bracket += keys->total[b];
        expected_candidates = static_cast<size_t>(static_cast<double>(in_bracket) / static_cast<double>(sampled) *
                                                  static_cast<double>(f.count) * 1.25) + static_cast<size_t>(f.width);
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
            s.set_bracket(composition::kNever, 0.0);
            limit = static_cast<size_t>(s.f.count);
            break;
        case SelectStrategy::SampledBracket: {
            const int status = s.sample_bracket();
            if (status != FW_OK) return status;
            break;
        }
        default:  // an empty bracket: finish() goes straight to the histogram passes
            s.set_bracket(composition::kNever, composition::kNever);
            break;
    }
    s.reset_counts();
    s.cand.reset(limit);
    s.cand.reserve(std::min(limit, s.expected_candidates));  // on failure the exact passes take over
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
    const bool bounded = s.strong_from < kNever;  // else the candidates' range is not known
    const int64_t k_lo = lo - below();
    const int64_t e2_lo = k_lo < s.at_floor ? static_cast<int64_t>(s.candidate_from)
                                            : select_kth(first, last, k_lo - s.at_floor,
                                                         bounded ? static_cast<uint64_t>(s.candidate_from) + 1 : UINT64_MAX,
                                                         bounded ? static_cast<uint64_t>(s.strong_from) - 1 : 0);
    // One branch-free pass over the candidates (the compares are coin flips): how many are <= E2_lo, the
    // smallest one above E2_lo, and the zone counts of all those above E2_lo.
    int64_t not_above = s.at_floor;
    uint64_t next = UINT64_MAX;
    Counts above_lo;
    for (const uint64_t* p = first; p != last; ++p) {
        const uint64_t v = *p >> 2;
        const uint64_t above = v > static_cast<uint64_t>(e2_lo) ? 1 : 0;
        not_above += static_cast<int64_t>(1 - above);
        next = std::min(next, above != 0 ? v : UINT64_MAX);
        above_lo.strong += static_cast<int64_t>(above);
        above_lo.thirds += static_cast<int64_t>(above & *p);
        above_lo.center += static_cast<int64_t>(above & (*p >> 1));
    }
    // Rank k_lo + 1: E2_lo again if more than k_lo + 1 bracket pixels are <= E2_lo, else the next larger
    // candidate (there is one: rank hi lies inside the bracket).
    const int64_t e2_hi = hi > lo && not_above <= k_lo + 1 ? static_cast<int64_t>(next) : e2_lo;
    const double e_lo = magnitude(e2_lo), e_hi = magnitude(e2_hi);
    const double t = e_lo + (e_hi - e_lo) * frac;
    // t >= E_lo >= E(candidate_from): the floor pixels are never strong.

    // Strong <=> E2 >= e2_min, an integer compare; e2_min > E2_lo because t >= E_lo. The pixels counted above
    // the bracket are all strong when strong_from >= e2_min (always, short of a rounding pathology); otherwise
    // recount exactly. Every candidate above E2_lo is >= next, so when e2_min <= next they are exactly the
    // strong candidates (t below E(next), the usual case); otherwise count them against e2_min.
    const int64_t e2_min = first_e2_above(t);
    Counts counts = s.counts;
    if ((counts.strong > 0 && static_cast<int64_t>(s.strong_from) < e2_min) || g_force_recount.load()) {
        const int status = s.classify_pass(static_cast<double>(e2_min), static_cast<double>(e2_min),
                                           static_cast<size_t>(s.f.width));
        if (status != FW_OK) return status;
        counts = s.counts;
    } else if (next == UINT64_MAX || static_cast<uint64_t>(e2_min) <= next) {
        counts.strong += above_lo.strong;
        counts.thirds += above_lo.thirds;
        counts.center += above_lo.center;
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

void sobel_classify_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, ClassifyRow& row) {
    composition::classify_columns(up, cur, dn, 0, w, row);
}

#ifdef FW_X86
namespace composition {

__attribute__((target("avx2"))) inline unsigned mask(__m256i m) {
    return static_cast<unsigned>(_mm256_movemask_pd(_mm256_castsi256_pd(m)));
}

__attribute__((target("avx2"))) inline __m256i load8(const int32_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// Gr and Gc of eight pixels in int32 (|G| <= 1,020,000), then E2 = Gr^2 + Gc^2 as two vectors of four
// doubles, lo = pixels c..c+3 and hi = c+4..c+7 (exact: the products are below 2^40).
__attribute__((target("avx2"))) inline void sobel_g_x8(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                       int32_t c, __m256i& gr, __m256i& gc) {
    const __m256i ul = load8(up + c - 1), um = load8(up + c), ur = load8(up + c + 1);
    const __m256i dl = load8(dn + c - 1), dm = load8(dn + c), dr = load8(dn + c + 1);
    const __m256i cl = load8(cur + c - 1), cr = load8(cur + c + 1);
    // With P = dr - ul and Q = dl - ur: Gr = (P + Q) + 2 (dm - um), Gc = (P - Q) + 2 (cr - cl).
    const __m256i p = _mm256_sub_epi32(dr, ul), q = _mm256_sub_epi32(dl, ur);
    const __m256i dv = _mm256_sub_epi32(dm, um), dh = _mm256_sub_epi32(cr, cl);
    gr = _mm256_add_epi32(_mm256_add_epi32(p, q), _mm256_add_epi32(dv, dv));
    gc = _mm256_add_epi32(_mm256_sub_epi32(p, q), _mm256_add_epi32(dh, dh));
}

__attribute__((target("avx2"))) inline void sobel_e2_x8(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                        int32_t c, __m256d& lo, __m256d& hi) {
    __m256i gr, gc;
    sobel_g_x8(up, cur, dn, c, gr, gc);
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

namespace composition {

// Float tests of a bracket for eight lanes (ClassifyRow).
struct Bracket8 {
    __m256 strong_v, below_v, floor_v;
    int64_t strong_from, candidate_from;
};

struct Tally {
    int64_t strong = 0, thirds = 0, center = 0, floor = 0;
    uint64_t* out;      // candidates
    uint64_t* pending;  // groups with undecided lanes: column << 8 | lane mask
};

// Groups of eight columns [8 g0, 8 g1) of a row, in float: E2f = Gr^2 + Gc^2 (see float_at_least). Lanes at or
// above strong_certain are strong, lanes below below_certain are neither strong nor candidates, lanes equal
// to floor_exact (FloorExact only; otherwise floor pixels are decided exactly) are floor pixels. The few
// other lanes (candidates, pixels within 2^-20 of a bracket edge) are decided exactly in int64, as the scalar
// body does. Strong lanes are counted per lane; in a run (Mixed false) every column has the same zone bits,
// zone; a Mixed group (one group across a zone boundary) takes each lane's bits from column_zone.
template <bool FloorExact, bool Mixed>
__attribute__((target("avx2,fma"))) inline void classify_groups(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                                int32_t g0, int32_t g1, uint32_t zone, const Bracket8& k,
                                                                const uint8_t* column_zone, uint32_t row_zone, Tally& t) {
    __m256i vstrong = _mm256_setzero_si256(), vfloor = _mm256_setzero_si256();  // lanes <= w/8 < 2^28
    uint64_t* pending = t.pending;
    int64_t strong = 0, thirds = 0, center = 0, floor = 0;
    for (int32_t c = 8 * g0; c < 8 * g1; c += 8) {
        __m256i gr, gc;
        sobel_g_x8(up, cur, dn, c, gr, gc);
        const __m256 fr = _mm256_cvtepi32_ps(gr), fc = _mm256_cvtepi32_ps(gc);
        const __m256 e = _mm256_fmadd_ps(fr, fr, _mm256_mul_ps(fc, fc));
        const __m256 s = _mm256_cmp_ps(e, k.strong_v, _CMP_GE_OQ);
        __m256 known = _mm256_or_ps(s, _mm256_cmp_ps(e, k.below_v, _CMP_LT_OQ));
        if (FloorExact) {
            const __m256 q = _mm256_andnot_ps(s, _mm256_cmp_ps(e, k.floor_v, _CMP_EQ_OQ));
            known = _mm256_or_ps(known, q);
            vfloor = _mm256_sub_epi32(vfloor, _mm256_castps_si256(q));
        }
        if (Mixed) {
            for (unsigned sm = static_cast<unsigned>(_mm256_movemask_ps(s)); sm != 0; sm &= sm - 1) {
                const uint32_t z = column_zone[c + __builtin_ctz(sm)] & row_zone;
                strong += 1;
                thirds += z & 1u;
                center += z >> 1;
            }
        } else {
            vstrong = _mm256_sub_epi32(vstrong, _mm256_castps_si256(s));
        }
        // Groups with undecided lanes go to a list (no branch: a few percent of the groups, at random places)
        const uint64_t undecided = ~static_cast<uint64_t>(_mm256_movemask_ps(known)) & 0xFFu;
        *pending = static_cast<uint64_t>(c) << 8 | undecided;
        pending += undecided != 0 ? 1 : 0;
    }
    alignas(32) int32_t ls[8], lf[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(ls), vstrong);
    _mm256_store_si256(reinterpret_cast<__m256i*>(lf), vfloor);
    int64_t run_strong = 0;
    for (int j = 0; j < 8; ++j) {
        run_strong += ls[j];
        floor += lf[j];
    }
    t.strong += strong + run_strong;
    t.thirds += thirds + ((zone & 1u) ? run_strong : 0);
    t.center += center + ((zone & 2u) ? run_strong : 0);
    t.floor += floor;
    t.pending = pending;
}

// The undecided lanes of the listed groups, exactly (as the scalar body).
inline void classify_pending(const int32_t* up, const int32_t* cur, const int32_t* dn, const uint64_t* first,
                             const uint64_t* last, const Bracket8& k, const uint8_t* column_zone, uint32_t row_zone,
                             Tally& t) {
    uint64_t* out = t.out;
    int64_t strong = 0, thirds = 0, center = 0, floor = 0;
    for (const uint64_t* p = first; p != last; ++p) {
        const int32_t c0 = static_cast<int32_t>(*p >> 8);
        for (uint32_t m = static_cast<uint32_t>(*p & 0xFFu); m != 0; m &= m - 1) {
            const int32_t c = c0 + __builtin_ctz(m);
            const int64_t e2 = static_cast<int64_t>(sobel_e2(up, cur, dn, c));
            const uint32_t z = column_zone[c] & row_zone;
            if (e2 >= k.strong_from) {
                strong += 1;
                thirds += z & 1u;
                center += z >> 1;
            } else if (e2 > k.candidate_from) {
                *out++ = (static_cast<uint64_t>(e2) << 2) | z;
            } else if (e2 == k.candidate_from) {
                floor += 1;
            }
        }
    }
    t.strong += strong;
    t.thirds += thirds;
    t.center += center;
    t.floor += floor;
    t.out = out;
}

template <bool FloorExact>
__attribute__((target("avx2,fma"))) void classify_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                           int32_t w, ClassifyRow& row) {
    const Bracket8 k{_mm256_set1_ps(row.strong_certain), _mm256_set1_ps(row.below_certain),
                     _mm256_set1_ps(row.floor_exact), static_cast<int64_t>(row.strong_from),
                     static_cast<int64_t>(row.candidate_from)};
    const uint32_t row_zone = row.row_zone;
    const int32_t groups = w / 8;
    Tally t;
    t.out = row.cand;
    t.pending = row.pending;
    // Runs of whole groups between zone boundaries; a group that a boundary cuts is a Mixed group.
    int32_t g = 0;
    for (int32_t i = 0; i <= row.zone_bound_count && g < groups; ++i) {
        const int32_t bound = i < row.zone_bound_count ? row.zone_bounds[i] : 8 * groups;
        const int32_t gb = std::min(groups, bound / 8);
        if (g < gb) {
            const uint32_t zone = row.column_zone[8 * g] & row_zone;
            classify_groups<FloorExact, false>(up, cur, dn, g, gb, zone, k, row.column_zone, row_zone, t);
            g = gb;
        }
        if (bound % 8 != 0 && g == gb && g < groups) {
            classify_groups<FloorExact, true>(up, cur, dn, g, g + 1, 0, k, row.column_zone, row_zone, t);
            g += 1;
        }
    }
    classify_pending(up, cur, dn, row.pending, t.pending, k, row.column_zone, row_zone, t);
    row.strong += t.strong;
    row.thirds += t.thirds;
    row.center += t.center;
    row.at_floor += t.floor;
    row.cand = t.out;
    classify_columns(up, cur, dn, 8 * groups, w, row);
}

}  // namespace composition

__attribute__((target("avx2,fma"))) void sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn,
                                                              int32_t w, ClassifyRow& row) {
    if (row.floor_exact >= 0.0f) {
        composition::classify_row_avx2<true>(up, cur, dn, w, row);
    } else {
        composition::classify_row_avx2<false>(up, cur, dn, w, row);
    }
}
#else
void sobel_keys_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, KeyHistogram& keys) {
    sobel_keys_row_scalar(up, cur, dn, w, keys);
}
void sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, ClassifyRow& row) {
    sobel_classify_scalar(up, cur, dn, w, row);
}
#endif

}  // namespace detail
}  // namespace fw

extern "C" int fw_composition(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                              double* out) {
    using namespace fw::detail;
    return with_valid_frame(pixels, width, height, stride, order, out,
                            [out](const Frame& f, const RowOps& ops) -> int {
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
    });
}
