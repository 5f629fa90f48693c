package dev.framewire.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading JSONL archives and the reference values in tests. */
public final class Archives {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Archives() {
    }

    public static List<JsonNode> parse(String jsonl) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    public static List<JsonNode> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** reference.jsonl (values the reference implementation produced), by file name. */
    public static Map<String, JsonNode> reference() throws IOException {
        try (InputStream in = Archives.class.getResourceAsStream("/reference.jsonl")) {
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            for (JsonNode n : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                byName.put(n.get("filename").asText(), n);
            }
            return byName;
        }
    }
}
