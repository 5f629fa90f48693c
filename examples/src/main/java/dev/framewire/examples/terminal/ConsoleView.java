package dev.framewire.examples.terminal;

import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoOutcome;
import dev.framewire.examples.scorer.PhotoScores;
import dev.framewire.examples.scorer.ScoredPhoto;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a person sees while {@code framewire score} runs and after.
 *
 * <p>In {@link Style#LIVE} (standard output is a terminal) a progress bar shows files done, photos/s and the ETA
 * while photos are scored; when the run ends the bar is replaced by a coloured table, one line per photo in input
 * order, then the summary. In {@link Style#PLAIN} (a pipe or a file) there is no bar and no colour: each photo's
 * line is printed as soon as it is known, in input order, then the summary — the same text every run except the
 * timing line. {@link Style#QUIET} prints only the failed files, one line each.
 *
 * <p>Thread-safety: {@link #accept} is called by one sink thread; {@link #finish} after the last accept.
 */
public final class ConsoleView {
    public enum Style { LIVE, PLAIN, QUIET }

    private static final int BEST_SHOTS = 3;
    private static final int MAX_NAME = 44;

    private final PrintStream out;
    private final Style style;
    private final boolean photoLines;
    private final int expected;
    private final List<PhotoOutcome> outcomes = new ArrayList<>();
    private final long startNanos;
    private ProgressBar bar;
    private final int nameWidth;
    private boolean headerPrinted;

    /**
     * @param out        where the table and summary go
     * @param style      see the class comment
     * @param photoLines whether to print one line per photo (off when the archive goes to standard output)
     * @param names      file names of every input, to size the name column up front
     */
    public ConsoleView(PrintStream out, Style style, boolean photoLines, List<String> names) {
        this.out = out;
        this.style = style;
        this.photoLines = photoLines;
        this.expected = names.size();
        int width = "photo".length();
        for (String name : names) {
            width = Math.max(width, Math.min(MAX_NAME, name.length()));
        }
        this.nameWidth = width;
        this.startNanos = System.nanoTime();
        if (style == Style.LIVE && expected > 0) {
            bar = new ProgressBarBuilder()
                    .setTaskName("Scoring")
                    .setInitialMax(expected)
                    .setUnit(" photos", 1)
                    .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(100)
                    .continuousUpdate()
                    .clearDisplayOnFinish()
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build();
        }
    }

    /** One more input is done (scored or failed), in input order. */
    public void accept(PhotoOutcome outcome) {
        outcomes.add(outcome);
        switch (style) {
            case LIVE -> {
                if (bar != null) {
                    bar.step();
                }
            }
            case PLAIN -> {
                if (photoLines) {
                    printLine(outcome);
                }
            }
            case QUIET -> {
                if (outcome instanceof FailedPhoto f) {
                    out.println(f.input().displayPath() + ": " + f.reason());
                }
            }
        }
    }

    /** The run is over: replace the bar by the table (live) and print the summary. */
    public void finish(List<String> extraLines) {
        long elapsedNanos = System.nanoTime() - startNanos;
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (style == Style.QUIET) {
            return;
        }
        if (style == Style.LIVE && photoLines) {
            for (PhotoOutcome outcome : outcomes) {
                printLine(outcome);
            }
        }
        printSummary(elapsedNanos);
        for (String line : extraLines) {
            out.println(line);
        }
        out.flush();
    }

    private void printLine(PhotoOutcome outcome) {
        if (!headerPrinted) {
            headerPrinted = true;
            out.println(dim(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-7s  %5s  %-9s  %-8s  %s",
                    "photo", "verdict", "score", "sharpness", "exposure", "composition")));
        }
        String name = shorten(outcome.input().filename());
        String pad = " ".repeat(Math.max(0, nameWidth - name.length()));
        if (outcome instanceof ScoredPhoto scored) {
            PhotoScores s = scored.scores();
            out.println(name + pad + "  " + verdict(s.verdict(), 7) + "  "
                    + bold(String.format(Locale.ROOT, "%5.3f", s.total())) + "  "
                    + sub(s.sharpnessVerdict(), 9) + "  " + sub(s.exposureVerdict(), 8) + "  "
                    + sub(s.compositionVerdict(), 0));
        } else {
            FailedPhoto f = (FailedPhoto) outcome;
            out.println(name + pad + "  " + color(RED, String.format("%-7s", "failed")) + "  " + "    -" + "  "
                    + f.reason());
        }
    }

    private void printSummary(long elapsedNanos) {
        int postIt = 0;
        int maybe = 0;
        int delete = 0;
        List<ScoredPhoto> scored = new ArrayList<>();
        List<FailedPhoto> failed = new ArrayList<>();
        for (PhotoOutcome o : outcomes) {
            if (o instanceof ScoredPhoto s) {
                scored.add(s);
                switch (s.scores().verdict()) {
                    case "post_it" -> postIt++;
                    case "maybe" -> maybe++;
                    default -> delete++;
                }
            } else {
                failed.add((FailedPhoto) o);
            }
        }
        double seconds = elapsedNanos / 1e9;
        int total = outcomes.size();
        if (photoLines && total > 0) {
            out.println();
        }
        out.println(bold(plural(total, "file")) + " in " + String.format(Locale.ROOT, "%.1f s", seconds)
                + String.format(Locale.ROOT, " (%.1f photos/s)", seconds > 0 ? total / seconds : 0.0)
                + ": " + scored.size() + " scored, " + failed.size() + " failed");
        int widest = Math.max(1, Math.max(postIt, Math.max(maybe, delete)));
        out.println("  " + verdict("post_it", 7) + String.format(Locale.ROOT, " %4d  ", postIt) + meter(postIt, widest, GREEN));
        out.println("  " + verdict("maybe", 7) + String.format(Locale.ROOT, " %4d  ", maybe) + meter(maybe, widest, YELLOW));
        out.println("  " + verdict("delete", 7) + String.format(Locale.ROOT, " %4d  ", delete) + meter(delete, widest, RED));
        if (!scored.isEmpty()) {
            List<ScoredPhoto> best = new ArrayList<>(scored);
            best.sort(Comparator.comparingDouble((ScoredPhoto s) -> -s.scores().total())
                    .thenComparingInt(s -> s.input().index()));
            StringBuilder line = new StringBuilder("Best shots: ");
            for (int i = 0; i < Math.min(BEST_SHOTS, best.size()); i++) {
                ScoredPhoto s = best.get(i);
                line.append(i == 0 ? "" : ", ").append(s.input().filename())
                        .append(String.format(Locale.ROOT, " (%.3f)", s.scores().total()));
            }
            out.println(line);
        }
        if (!failed.isEmpty()) {
            out.println(color(RED, "Could not score " + plural(failed.size(), "file") + ":"));
            for (FailedPhoto f : failed) {
                out.println("  " + f.input().displayPath() + ": " + f.reason());
            }
        }
    }

    private String meter(int n, int widest, String colour) {
        int width = (int) Math.round(30.0 * n / widest);
        if (n > 0 && width == 0) {
            width = 1;
        }
        String blocks = (style == Style.LIVE ? "█" : "#").repeat(width);
        return color(colour, blocks);
    }

    private String shorten(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        int keep = MAX_NAME - 1;
        return name.substring(0, keep - keep / 3) + "…" + name.substring(name.length() - keep / 3);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private String verdict(String verdict, int width) {
        String text = width > 0 ? String.format("%-" + width + "s", verdict) : verdict;
        return switch (verdict) {
            case "post_it" -> color(GREEN + BOLD, text);
            case "maybe" -> color(YELLOW + BOLD, text);
            default -> color(RED + BOLD, text);
        };
    }

    /** A sub-verdict, coloured by how good it is for the photo. */
    private String sub(String verdict, int width) {
        String text = width > 0 ? String.format("%-" + width + "s", verdict) : verdict;
        return switch (verdict) {
            case "sharp", "good" -> color(GREEN, text);
            case "soft", "dark", "bright", "centered" -> color(YELLOW, text);
            default -> color(RED, text);
        };
    }

    private String bold(String text) {
        return color(BOLD, text);
    }

    private String dim(String text) {
        return color(DIM, text);
    }

    private String color(String code, String text) {
        return style == Style.LIVE ? code + text + RESET : text;
    }
}
