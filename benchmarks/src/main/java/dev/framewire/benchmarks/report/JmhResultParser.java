package dev.framewire.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the file JMH writes with {@code -rf json -rff FILE}: a JSON array with one object per benchmark and
 * parameter combination. Only the fields the report needs are read; unknown fields are ignored so newer JMH
 * versions keep working.
 *
 * <p>Stateless and thread-safe.
 */
public final class JmhResultParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @return the results in file order (JMH's run order)
     * @throws IllegalArgumentException naming the file and the reason, if it is missing, is not JSON or is not a
     *                                  JMH result array
     */
    public List<JmhResult> parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such JMH result file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses JMH JSON held in a string; {@code origin} names it in error messages. */
    public List<JmhResult> parse(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(origin + ": not a JMH result file (expected a JSON array of benchmarks)");
        }
        List<JmhResult> results = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            results.add(parseOne(root.get(i), origin + " entry " + i));
        }
        return results;
    }

    private static JmhResult parseOne(JsonNode node, String where) {
        String benchmark = text(node, "benchmark", where);
        int lastDot = benchmark.lastIndexOf('.');
        if (lastDot <= 0 || lastDot == benchmark.length() - 1) {
            throw new IllegalArgumentException(where + ": benchmark '" + benchmark + "' is not Class.method");
        }
        JsonNode metric = node.get("primaryMetric");
        if (metric == null || !metric.isObject()) {
            throw new IllegalArgumentException(where + " (" + benchmark + "): no primaryMetric");
        }
        double score = number(metric.get("score"), where + " score");
        double error = number(metric.get("scoreError"), where + " scoreError");
        JsonNode percentiles = metric.get("scorePercentiles");
        double median = percentiles != null && percentiles.has("50.0")
                ? number(percentiles.get("50.0"), where + " median")
                : score;
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.get("params");
        if (paramsNode != null && paramsNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        return new JmhResult(benchmark.substring(0, lastDot), benchmark.substring(lastDot + 1),
                text(node, "mode", where), params, median, score, error, text(metric, "scoreUnit", where));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + ": missing text field '" + field + "'");
        }
        return value.asText();
    }

    /** JMH writes NaN and infinities as strings ("NaN") since JSON has no literal for them. */
    private static double number(JsonNode value, String what) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(what + ": missing");
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + value.asText() + "' is not a number");
            }
        }
        throw new IllegalArgumentException(what + ": " + value + " is not a number");
    }
}
