package dev.framewire.examples.scorer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewire.analyzers.PhotoScore;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a photo's verdict is made from its three analyzer scores: {@code total = clamp(ws*s + we*e + wc*c, 0, 1)},
 * {@code post_it} if total > postItAbove, {@code maybe} if > maybeAbove, else {@code delete}.
 *
 * <p>Stored as a small JSON object (what {@code framewire calibrate} writes and {@code score --weights} reads):
 * <pre>{"sharpness": 0.4, "exposure": 0.4, "composition": 0.2, "post_it_above": 0.5, "maybe_above": 0.3}</pre>
 * Keys missing from a file keep their defaults.
 */
public record ScoringWeights(double sharpness, double exposure, double composition,
                             double postItAbove, double maybeAbove) implements Serializable {
    /** SPEC.md's defaults: 0.4 / 0.4 / 0.2, thresholds 0.50 / 0.30. */
    public static final ScoringWeights DEFAULT = new ScoringWeights(0.4, 0.4, 0.2, 0.50, 0.30);

    /** Made on first use: a run with the default weights never loads Jackson's data binding (tens of ms of start-up). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public ScoringWeights {
        for (double v : new double[] {sharpness, exposure, composition, postItAbove, maybeAbove}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("weights and thresholds must be finite numbers, got " + v);
            }
        }
        if (sharpness < 0 || exposure < 0 || composition < 0) {
            throw new IllegalArgumentException("weights must not be negative, got " + sharpness + ", " + exposure
                    + ", " + composition);
        }
        if (maybeAbove > postItAbove) {
            throw new IllegalArgumentException("the maybe threshold (" + maybeAbove
                    + ") is above the post_it threshold (" + postItAbove + ")");
        }
    }

    /** The analyzers' scorer with these weights and thresholds: the one place the verdict arithmetic lives. */
    public PhotoScore toPhotoScore() {
        return PhotoScore.defaults().withWeights(sharpness, exposure, composition)
                .withThresholds(postItAbove, maybeAbove);
    }

    /** SPEC.md's total: each score rounded to 4 decimals first, weighted, clamped to [0, 1]. */
    public double total(double sharpnessScore, double exposureScore, double compositionScore) {
        return toPhotoScore().score(sharpnessScore, exposureScore, compositionScore).total();
    }

    /** The verdict of an unrounded total: post_it above the first threshold, maybe above the second, else delete. */
    public String verdict(double total) {
        return total > postItAbove ? "post_it" : total > maybeAbove ? "maybe" : "delete";
    }

    public ScoringWeights withWeights(double s, double e, double c) {
        return new ScoringWeights(s, e, c, postItAbove, maybeAbove);
    }

    public ScoringWeights withThresholds(double postIt, double maybe) {
        return new ScoringWeights(sharpness, exposure, composition, postIt, maybe);
    }

    /** Reads a weights file; a one-line message names the file and what is wrong. */
    public static ScoringWeights read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable weights file (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": a weights file is a JSON object such as "
                    + "{\"sharpness\": 0.4, \"exposure\": 0.4, \"composition\": 0.2}");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!KEYS.containsKey(field.getKey())) {
                throw new IOException(file + ": unknown key \"" + field.getKey() + "\" (known: "
                        + String.join(", ", KEYS.keySet()) + ")");
            }
            if (!field.getValue().isNumber()) {
                throw new IOException(file + ": \"" + field.getKey() + "\" must be a number");
            }
            values.put(field.getKey(), field.getValue().doubleValue());
        }
        try {
            return new ScoringWeights(
                    values.getOrDefault("sharpness", DEFAULT.sharpness),
                    values.getOrDefault("exposure", DEFAULT.exposure),
                    values.getOrDefault("composition", DEFAULT.composition),
                    values.getOrDefault("post_it_above", DEFAULT.postItAbove),
                    values.getOrDefault("maybe_above", DEFAULT.maybeAbove));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this as a weights file that {@link #read} accepts. */
    public void write(Path file) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sharpness", sharpness);
        node.put("exposure", exposure);
        node.put("composition", composition);
        node.put("post_it_above", postItAbove);
        node.put("maybe_above", maybeAbove);
        Files.writeString(file, Json.MAPPER.writeValueAsString(node) + System.lineSeparator());
    }

    private static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sharpness", "weight of the sharpness score");
        keys.put("exposure", "weight of the exposure score");
        keys.put("composition", "weight of the composition score");
        keys.put("post_it_above", "total above which a photo is post_it");
        keys.put("maybe_above", "total above which a photo is maybe");
        return keys;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "sharpness %.4f, exposure %.4f, composition %.4f; post_it > %.3f, maybe > %.3f",
                sharpness, exposure, composition, postItAbove, maybeAbove);
    }
}
