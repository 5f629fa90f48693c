package dev.framewire.examples.report;

import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoOutcome;
import dev.framewire.examples.scorer.PhotoScores;
import dev.framewire.examples.scorer.ScoredPhoto;
import dev.framewire.examples.scorer.ScoringWeights;

import java.io.IOException;
import java.io.Writer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes the {@code --report} page: one self-contained HTML file (no external resource: thumbnails are JPEG data
 * URIs, the histogram is inline SVG, the sorting is a few lines of inline script) with a contact sheet of the
 * photos, their verdict badges and three sub-scores, a histogram of the totals, and the files that failed.
 *
 * <p>The page opens sorted by score, best first; buttons re-sort by score either way or by name, and filter by
 * verdict. Stateless; {@link #write} may be called from any thread.
 */
public final class HtmlReport {
    /** Histogram bins over the total score 0..1. */
    static final int BINS = 20;

    private HtmlReport() {
    }

    /** One photo of the page: its outcome and, when it was scored, a small JPEG of it (may be null). */
    public record Entry(PhotoOutcome outcome, byte[] thumbnailJpeg) {
    }

    /**
     * @param title   shown at the top, usually the folders scored
     * @param entries in input order
     * @param summary one line such as "13 photos in 1.9 s (6.8 photos/s)"
     */
    public static void write(Writer out, String title, List<Entry> entries, ScoringWeights weights, String summary)
            throws IOException {
        int postIt = 0;
        int maybe = 0;
        int delete = 0;
        int failed = 0;
        int[] bins = new int[BINS];
        for (Entry e : entries) {
            if (e.outcome() instanceof ScoredPhoto s) {
                switch (s.scores().verdict()) {
                    case "post_it" -> postIt++;
                    case "maybe" -> maybe++;
                    default -> delete++;
                }
                bins[Math.min(BINS - 1, (int) Math.floor(s.scores().total() * BINS))]++;
            } else {
                failed++;
            }
        }
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>framewire — ").append(escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1><span class=\"brand\">framewire</span> ")
                .append(escape(title)).append("</h1>\n<p class=\"summary\">").append(escape(summary)).append("</p>\n")
                .append("<div class=\"counts\">")
                .append(countChip("post_it", postIt)).append(countChip("maybe", maybe))
                .append(countChip("delete", delete));
        if (failed > 0) {
            html.append(countChip("failed", failed));
        }
        html.append("</div>\n</header>\n<main>\n<section class=\"panel\">\n<h2>Scores</h2>\n");
        histogram(html, bins, weights);
        html.append("<p class=\"weights\">total = ").append(fmt(weights.sharpness(), 2)).append(" × sharpness + ")
                .append(fmt(weights.exposure(), 2)).append(" × exposure + ").append(fmt(weights.composition(), 2))
                .append(" × composition; post_it above ").append(fmt(weights.postItAbove(), 2))
                .append(", maybe above ").append(fmt(weights.maybeAbove(), 2)).append("</p>\n</section>\n");
        html.append("<nav class=\"controls\">\n<span>Sort</span>")
                .append("<button data-sort=\"score-desc\" class=\"on\">best first</button>")
                .append("<button data-sort=\"score-asc\">worst first</button>")
                .append("<button data-sort=\"name\">name</button>")
                .append("<span class=\"gap\">Show</span>")
                .append("<button data-filter=\"all\" class=\"on\">all</button>")
                .append("<button data-filter=\"post_it\">post_it</button>")
                .append("<button data-filter=\"maybe\">maybe</button>")
                .append("<button data-filter=\"delete\">delete</button>");
        if (failed > 0) {
            html.append("<button data-filter=\"failed\">failed</button>");
        }
        html.append("\n</nav>\n<section id=\"sheet\" class=\"sheet\">\n");
        for (Entry e : entries) {
            card(html, e);
        }
        html.append("</section>\n</main>\n<footer>Written by <code>framewire score --report</code>.</footer>\n")
                .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        out.write(html.toString());
    }

    private static String countChip(String verdict, int n) {
        return "<span class=\"chip " + verdict + "\" data-count=\"" + verdict + "\"><b>" + n + "</b> " + verdict + "</span>";
    }

    private static void card(StringBuilder html, Entry entry) {
        PhotoOutcome outcome = entry.outcome();
        String name = outcome.input().filename();
        if (outcome instanceof FailedPhoto f) {
            html.append("<figure class=\"card failed\" data-verdict=\"failed\" data-score=\"-1\" data-name=\"")
                    .append(escape(name)).append("\" data-index=\"").append(outcome.input().index()).append("\">\n")
                    .append("<div class=\"thumb none\"><span>✕</span></div>\n")
                    .append("<figcaption><div class=\"head\"><span class=\"badge failed\">failed</span></div>\n")
                    .append("<div class=\"name\" title=\"").append(escape(outcome.input().displayPath())).append("\">")
                    .append(escape(name)).append("</div>\n<div class=\"error\">").append(escape(f.reason()))
                    .append("</div></figcaption>\n</figure>\n");
            return;
        }
        ScoredPhoto scored = (ScoredPhoto) outcome;
        PhotoScores s = scored.scores();
        html.append("<figure class=\"card ").append(s.verdict()).append("\" data-verdict=\"").append(s.verdict())
                .append("\" data-score=\"").append(fmt(s.total(), 4)).append("\" data-name=\"").append(escape(name))
                .append("\" data-index=\"").append(outcome.input().index()).append("\">\n<div class=\"thumb\">");
        if (entry.thumbnailJpeg() != null) {
            html.append("<img alt=\"").append(escape(name)).append("\" src=\"data:image/jpeg;base64,")
                    .append(Base64.getEncoder().encodeToString(entry.thumbnailJpeg())).append("\">");
        }
        html.append("</div>\n<figcaption><div class=\"head\"><span class=\"badge ").append(s.verdict()).append("\">")
                .append(s.verdict()).append("</span><span class=\"score\">").append(fmt(s.total(), 3))
                .append("</span></div>\n<div class=\"name\" title=\"").append(escape(scored.input().displayPath()))
                .append("\">").append(escape(name)).append("</div>\n<div class=\"dims\">").append(scored.width())
                .append(" × ").append(scored.height()).append("</div>\n");
        subScore(html, "sharpness", s.sharpnessScore(), s.sharpnessVerdict(), s.sharpnessNote());
        subScore(html, "exposure", s.exposureScore(), s.exposureVerdict(), s.exposureNote());
        subScore(html, "composition", s.compositionScore(), s.compositionVerdict(), s.compositionNote());
        html.append("</figcaption>\n</figure>\n");
    }

    private static void subScore(StringBuilder html, String what, double score, String verdict, String note) {
        html.append("<div class=\"sub ").append(what).append("\" title=\"").append(escape(note == null ? "" : note))
                .append("\"><span class=\"what\">").append(what).append("</span><span class=\"bar\"><i style=\"width:")
                .append(fmt(Math.max(0, Math.min(1, score)) * 100, 1)).append("%\"></i></span><span class=\"val\">")
                .append(fmt(score, 2)).append("</span><span class=\"sv ").append(verdict).append("\">")
                .append(verdict).append("</span></div>\n");
    }

    private static void histogram(StringBuilder html, int[] bins, ScoringWeights weights) {
        int tallest = 1;
        for (int b : bins) {
            tallest = Math.max(tallest, b);
        }
        int step = (tallest + 3) / 4;
        int max = step * 4;
        int w = 640;
        int h = 180;
        int left = 36;
        int bottom = 28;
        int top = 18;
        double plotW = w - left - 12;
        double plotH = h - bottom - top;
        double bw = plotW / BINS;
        html.append("<svg id=\"histogram\" class=\"histogram\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" aria-label=\"histogram of scores\">\n");
        for (int tick = 0; tick <= 4; tick++) {
            double y = top + plotH - plotH * tick / 4.0;
            html.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(w - 12)
                    .append("\" y1=\"").append(fmt(y, 1)).append("\" y2=\"").append(fmt(y, 1)).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4, 1))
                    .append("\" text-anchor=\"end\">").append(step * tick).append("</text>\n");
        }
        for (int i = 0; i < BINS; i++) {
            double lo = (double) i / BINS;
            String band = lo + 1e-9 >= weights.postItAbove() ? "post_it" : lo + 1e-9 >= weights.maybeAbove() ? "maybe" : "delete";
            double bh = plotH * bins[i] / max;
            html.append("<rect class=\"bin ").append(band).append("\" data-count=\"").append(bins[i])
                    .append("\" x=\"").append(fmt(left + i * bw + 1, 1)).append("\" y=\"")
                    .append(fmt(top + plotH - bh, 1)).append("\" width=\"").append(fmt(bw - 2, 1))
                    .append("\" height=\"").append(fmt(bh, 1)).append("\"><title>").append(fmt(lo, 2)).append("–")
                    .append(fmt(lo + 1.0 / BINS, 2)).append(": ").append(bins[i]).append(bins[i] == 1 ? " photo" : " photos")
                    .append("</title></rect>\n");
        }
        String[] names = {"maybe", "post_it"};
        double[] thresholds = {weights.maybeAbove(), weights.postItAbove()};
        for (int i = 0; i < 2; i++) {
            double x = left + plotW * Math.max(0, Math.min(1, thresholds[i]));
            html.append("<line class=\"threshold\" x1=\"").append(fmt(x, 1)).append("\" x2=\"").append(fmt(x, 1))
                    .append("\" y1=\"").append(top - 4).append("\" y2=\"").append(fmt(top + plotH, 1)).append("\"/>")
                    .append("<text class=\"tlabel\" x=\"").append(fmt(x + 4, 1)).append("\" y=\"").append(top + 4)
                    .append("\">").append(names[i]).append(" &gt; ").append(fmt(thresholds[i], 2)).append("</text>\n");
        }
        for (int tick = 0; tick <= 10; tick += 2) {
            double x = left + plotW * tick / 10.0;
            html.append("<text class=\"axis\" x=\"").append(fmt(x, 1)).append("\" y=\"").append(h - 10)
                    .append("\" text-anchor=\"middle\">").append(fmt(tick / 10.0, 1)).append("</text>\n");
        }
        html.append("</svg>\n");
    }

    static String fmt(double v, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            :root { --post_it:#1a9c5b; --maybe:#d49a00; --delete:#d3433b; --failed:#6b6f76;
                    --bg:#f5f4f0; --card:#fff; --ink:#1d2125; --muted:#6b6f76; --line:#e3e1da; }
            * { box-sizing: border-box; }
            body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   background:var(--bg); color:var(--ink); }
            header { padding: 28px 32px 8px; }
            h1 { margin:0; font-size: 22px; font-weight: 600; word-break: break-all; }
            h1 .brand { color: var(--muted); font-weight: 500; margin-right: .3em; }
            h2 { margin: 0 0 8px; font-size: 13px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
            .summary { margin: 4px 0 12px; color: var(--muted); }
            .counts { display:flex; gap:8px; flex-wrap: wrap; }
            .chip { padding: 4px 12px; border-radius: 999px; color:#fff; font-weight: 500; }
            .chip b { font-size: 15px; }
            .chip.post_it, .badge.post_it, .bin.post_it { background: var(--post_it); fill: var(--post_it); }
            .chip.maybe, .badge.maybe, .bin.maybe { background: var(--maybe); fill: var(--maybe); }
            .chip.delete, .badge.delete, .bin.delete { background: var(--delete); fill: var(--delete); }
            .chip.failed, .badge.failed { background: var(--failed); }
            main { padding: 8px 32px 24px; }
            .panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px;
                     max-width: 720px; }
            .histogram { width: 100%; height: auto; display:block; }
            .histogram .grid { stroke: var(--line); }
            .histogram .axis { font-size: 11px; fill: var(--muted); }
            .histogram .threshold { stroke: var(--ink); stroke-dasharray: 4 3; stroke-width: 1; opacity: .55; }
            .histogram .tlabel { font-size: 10px; fill: var(--muted); }
            .weights { margin: 6px 0 0; color: var(--muted); font-size: 12px; }
            .controls { display:flex; align-items:center; gap:6px; flex-wrap: wrap; margin: 18px 0 14px; }
            .controls span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .08em;
                             margin-right: 2px; }
            .controls .gap { margin-left: 18px; }
            button { font: inherit; border: 1px solid var(--line); background: var(--card); border-radius: 6px;
                     padding: 4px 10px; cursor: pointer; }
            button.on { background: var(--ink); color: #fff; border-color: var(--ink); }
            .sheet { display:grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; }
            .card { margin:0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow:hidden;
                    border-top: 4px solid var(--failed); }
            .card.post_it { border-top-color: var(--post_it); }
            .card.maybe { border-top-color: var(--maybe); }
            .card.delete { border-top-color: var(--delete); }
            .card.hidden { display: none; }
            .thumb { height: 160px; background: #22262a; display:flex; align-items:center; justify-content:center; }
            .thumb img { width: 100%; height: 160px; object-fit: contain; display:block; }
            .thumb.none span { color: #8a8f96; font-size: 40px; }
            figcaption { padding: 10px 12px 12px; }
            .head { display:flex; justify-content: space-between; align-items: center; }
            .badge { color:#fff; border-radius: 4px; padding: 1px 8px; font-weight: 600; font-size: 12px;
                     letter-spacing: .03em; }
            .score { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
            .name { margin-top: 4px; font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
            .dims { color: var(--muted); font-size: 12px; margin-bottom: 6px; }
            .error { color: var(--delete); margin-top: 4px; }
            .sub { display:grid; grid-template-columns: 74px minmax(40px, 1fr) 30px 54px; align-items:center; gap: 6px;
                   font-size: 12px; margin-top: 3px; }
            .sub .what { color: var(--muted); }
            .sub .bar { height: 6px; background: #ecebe6; border-radius: 3px; overflow: hidden; }
            .sub .bar i { display:block; height: 100%; background: #4a6fa5; }
            .sub .val { text-align: right; font-variant-numeric: tabular-nums; }
            .sub .sv { color: var(--muted); }
            footer { padding: 8px 32px 32px; color: var(--muted); font-size: 12px; }
            """;

    private static final String SCRIPT = """
            (function () {
              var sheet = document.getElementById('sheet');
              var cards = Array.prototype.slice.call(sheet.children);
              var orders = {
                'score-desc': function (a, b) { return b.dataset.score - a.dataset.score || a.dataset.index - b.dataset.index; },
                'score-asc': function (a, b) { return a.dataset.score - b.dataset.score || a.dataset.index - b.dataset.index; },
                'name': function (a, b) { return a.dataset.index - b.dataset.index; }
              };
              function sortBy(key) {
                cards.sort(orders[key]).forEach(function (c) { sheet.appendChild(c); });
                document.body.dataset.sort = key;
              }
              function show(verdict) {
                cards.forEach(function (c) { c.classList.toggle('hidden', verdict !== 'all' && c.dataset.verdict !== verdict); });
                document.body.dataset.filter = verdict;
              }
              function press(button, attr) {
                document.querySelectorAll('button[' + attr + ']').forEach(function (b) { b.classList.toggle('on', b === button); });
              }
              document.querySelectorAll('button[data-sort]').forEach(function (b) {
                b.addEventListener('click', function () { press(b, 'data-sort'); sortBy(b.dataset.sort); });
              });
              document.querySelectorAll('button[data-filter]').forEach(function (b) {
                b.addEventListener('click', function () { press(b, 'data-filter'); show(b.dataset.filter); });
              });
              sortBy('score-desc');
              show('all');
            })();
            """;
}
