package dev.framewire.examples.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labels file: one {@code filename,label} per line, label {@code post_it}, {@code maybe}, {@code delete}
 * or a number in [0, 1]. A first line {@code filename,label} is a header; blank lines and lines starting with
 * {@code #} are skipped; a field may be double-quoted (for names with commas). Relative file names are resolved
 * against the labels file's folder.
 */
public final class LabelsCsv {
    private LabelsCsv() {
    }

    /** A label and the file it is about. */
    public record LabelledFile(Path file, String shownAs, Label label) {
    }

    /** @throws IOException naming the file and line of the first problem */
    public static List<LabelledFile> read(Path csv, double postItAbove, double maybeAbove) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(csv + ": cannot read labels (" + e.getClass().getSimpleName() + ")", e);
        }
        Path base = csv.toAbsolutePath().getParent();
        List<LabelledFile> labels = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (labels.isEmpty() && fields.size() == 2 && fields.get(0).equalsIgnoreCase("filename")) {
                continue;
            }
            if (fields.size() != 2 || fields.get(0).isBlank()) {
                throw new IOException(csv + ":" + (i + 1) + ": expected filename,label but got \"" + line + "\"");
            }
            Label label;
            try {
                label = Label.parse(fields.get(0), fields.get(1), postItAbove, maybeAbove);
            } catch (IllegalArgumentException e) {
                throw new IOException(csv + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            Path file = base.resolve(fields.get(0));
            labels.add(new LabelledFile(file, fields.get(0), label));
        }
        if (labels.isEmpty()) {
            throw new IOException(csv + ": no labels (expected lines of filename,label)");
        }
        return labels;
    }

    /** Splits one CSV line into fields; double quotes group, a doubled quote inside them is a quote. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
