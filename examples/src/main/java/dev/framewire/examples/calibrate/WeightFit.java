package dev.framewire.examples.calibrate;

import dev.framewire.examples.scorer.ScoringWeights;

import java.util.List;

/**
 * Fits the three score weights to a person's labels: least squares of
 * {@code ws * sharpness + we * exposure + wc * composition ≈ target} over the labelled photos (no intercept, like
 * the score itself), then counts how many labels the fitted and the current weights reproduce.
 *
 * <p>Weights must not be negative (a photo should not lose points for being sharper), so the fit is non-negative
 * least squares: with three unknowns it simply solves every subset of the columns with {@link LeastSquares} and
 * keeps the best fit whose weights are all non-negative.
 */
public final class WeightFit {
    private WeightFit() {
    }

    /** One labelled photo with its three analyzer scores. */
    public record Sample(String name, double sharpness, double exposure, double composition, Label label) {
    }

    /**
     * @param fitted            the fitted weights, with the current thresholds
     * @param fittedReproduced  labels whose verdict the fitted weights give
     * @param currentReproduced labels whose verdict the current weights give
     * @param residual          root mean square of (fitted total - target)
     */
    public record Result(ScoringWeights fitted, int fittedReproduced, int currentReproduced, int samples,
                         double residual) {
    }

    /**
     * @throws IllegalArgumentException with fewer than 3 samples or when the scores cannot separate the weights
     */
    public static Result fit(List<Sample> samples, ScoringWeights current) {
        if (samples.size() < 3) {
            throw new IllegalArgumentException("need at least 3 labelled photos to fit 3 weights, got "
                    + samples.size());
        }
        double[][] rows = new double[samples.size()][];
        double[] targets = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            rows[i] = new double[] {s.sharpness(), s.exposure(), s.composition()};
            targets[i] = s.label().target();
        }
        double[] w = nonNegativeFit(rows, targets);
        ScoringWeights fitted = current.withWeights(w[0], w[1], w[2]);
        double squares = 0;
        for (int i = 0; i < samples.size(); i++) {
            double predicted = w[0] * rows[i][0] + w[1] * rows[i][1] + w[2] * rows[i][2];
            squares += (predicted - targets[i]) * (predicted - targets[i]);
        }
        return new Result(fitted, reproduced(samples, fitted), reproduced(samples, current), samples.size(),
                Math.sqrt(squares / samples.size()));
    }

    private static double[] nonNegativeFit(double[][] rows, double[] targets) {
        int n = rows[0].length;
        double[] best = null;
        double bestSquares = Double.POSITIVE_INFINITY;
        IllegalArgumentException lastFailure = null;
        for (int subset = (1 << n) - 1; subset > 0; subset--) {
            int chosen = subset;
            int[] columns = java.util.stream.IntStream.range(0, n).filter(j -> (chosen & (1 << j)) != 0).toArray();
            double[][] sub = new double[rows.length][columns.length];
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; k < columns.length; k++) {
                    sub[i][k] = rows[i][columns[k]];
                }
            }
            double[] x;
            try {
                x = LeastSquares.solve(sub, targets);
            } catch (IllegalArgumentException e) {
                lastFailure = e;
                continue;
            }
            if (java.util.Arrays.stream(x).anyMatch(v -> v < 0)) {
                continue;
            }
            double[] w = new double[n];
            for (int k = 0; k < columns.length; k++) {
                w[columns[k]] = x[k];
            }
            double squares = 0;
            for (int i = 0; i < rows.length; i++) {
                double r = -targets[i];
                for (int j = 0; j < n; j++) {
                    r += w[j] * rows[i][j];
                }
                squares += r * r;
            }
            if (squares < bestSquares - 1e-15) {
                best = w;
                bestSquares = squares;
            }
        }
        if (best == null) {
            throw lastFailure != null ? lastFailure
                    : new IllegalArgumentException("no non-negative weights fit these labels");
        }
        return best;
    }

    /** How many samples get their label's verdict under {@code weights}. */
    public static int reproduced(List<Sample> samples, ScoringWeights weights) {
        int n = 0;
        for (Sample s : samples) {
            String verdict = weights.verdict(weights.total(s.sharpness(), s.exposure(), s.composition()));
            if (verdict.equals(s.label().verdict())) {
                n++;
            }
        }
        return n;
    }
}
