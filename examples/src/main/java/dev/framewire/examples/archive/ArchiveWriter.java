package dev.framewire.examples.archive;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoOutcome;
import dev.framewire.examples.scorer.PhotoScores;
import dev.framewire.examples.scorer.ScoredPhoto;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes the JSONL archive of SPEC.md: one object per input, one line each, in the order {@link #write} is called.
 *
 * <p>Field order and number spelling are fixed (see {@link Decimals}), so the same outcomes give the same bytes
 * whatever engine produced them. A scored photo has filename, path, width, height, quality_score (3 decimals),
 * verdict, laplacian_var (2), then the scores and statistics (4) with their verdicts; a failed input has only
 * filename, path and error.
 *
 * <p>Not thread-safe: one writer thread (the archive sink).
 */
public final class ArchiveWriter implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int SCORE_PLACES = 4;

    private final OutputStream out;
    private final boolean closeStream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    /**
     * @param out         where lines go; flushed after every line so a pipe sees each photo as it is scored
     * @param closeStream whether {@link #close()} closes {@code out} (false for standard output)
     */
    public ArchiveWriter(OutputStream out, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
    }

    /** Appends one line for {@code outcome}. */
    public void write(PhotoOutcome outcome) {
        try {
            out.write(toLine(outcome));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive: " + e.getMessage(), e);
        }
    }

    /** The archive line for {@code outcome}, newline included. */
    public byte[] toLine(PhotoOutcome outcome) {
        line.reset();
        try (JsonGenerator json = JSON.createGenerator(line, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("filename", outcome.input().filename());
            json.writeStringField("path", outcome.input().displayPath());
            if (outcome instanceof ScoredPhoto scored) {
                writeScores(json, scored);
            } else {
                json.writeStringField("error", ((FailedPhoto) outcome).reason());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.write('\n');
        return line.toByteArray();
    }

    private static void writeScores(JsonGenerator json, ScoredPhoto scored) throws IOException {
        PhotoScores s = scored.scores();
        json.writeNumberField("width", scored.width());
        json.writeNumberField("height", scored.height());
        number(json, "quality_score", s.total(), 3);
        json.writeStringField("verdict", s.verdict());
        number(json, "laplacian_var", s.laplacianVar(), 2);
        number(json, "sharpness_score", s.sharpnessScore(), SCORE_PLACES);
        json.writeStringField("sharpness_verdict", s.sharpnessVerdict());
        number(json, "mean_brightness", s.meanBrightness(), SCORE_PLACES);
        number(json, "clipped_shadows", s.clippedShadows(), SCORE_PLACES);
        number(json, "clipped_highlights", s.clippedHighlights(), SCORE_PLACES);
        number(json, "exposure_score", s.exposureScore(), SCORE_PLACES);
        json.writeStringField("exposure_verdict", s.exposureVerdict());
        number(json, "thirds_coverage", s.thirdsCoverage(), SCORE_PLACES);
        number(json, "center_bias", s.centerBias(), SCORE_PLACES);
        number(json, "composition_score", s.compositionScore(), SCORE_PLACES);
        json.writeStringField("composition_verdict", s.compositionVerdict());
    }

    private static void number(JsonGenerator json, String name, double value, int places) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(Decimals.format(value, places));
    }

    @Override
    public void close() throws IOException {
        out.flush();
        if (closeStream) {
            out.close();
        }
    }
}
