package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.Merged3;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The seed's photo-scorer shape with toy functions: a source of "photos" broadcast to three analyzers, joined by
 * MergeSynch into a verdict, written to two sinks (an archive of outcomes and a dashboard of counts).
 * Photo {@code failOn} makes the exposure analyzer throw.
 */
final class PhotoScorerShape {
    record Photo(int id) {
    }

    record Sharpness(double score) {
    }

    record Exposure(double score) {
    }

    record Composition(double score) {
    }

    final List<Outcome<String>> archive = Collections.synchronizedList(new ArrayList<>());
    final List<String> dashboard = Collections.synchronizedList(new ArrayList<>());
    final List<ItemError> dashboardErrors = Collections.synchronizedList(new ArrayList<>());
    final Network network;

    PhotoScorerShape(int photos, int failOn) {
        NetworkBuilder b = Network.builder("scorer");
        var files = b.source("files", Photo.class, () -> IntStream.range(0, photos).mapToObj(Photo::new).iterator());
        var sharp = b.transform("sharpness", files.out(), Sharpness.class, p -> new Sharpness(p.id() / 10.0)).workers(2);
        var expo = b.transform("exposure", files.out(), Exposure.class, p -> {
            if (p.id() == failOn) {
                throw new IllegalArgumentException("truncated JPEG");
            }
            return new Exposure(0.5);
        });
        var comp = b.transform("composition", files.out(), Composition.class, p -> new Composition(p.id() % 2));
        var verdicts = b.mergeSynch("verdict", sharp.out(), expo.out(), comp.out(), String.class,
                (s, e, c) -> verdict(s.score() * 0.4 + e.score() * 0.4 + c.score() * 0.2));
        b.outcomeSink("archive", verdicts.out(), archive::add);
        b.sink("dashboard", verdicts.out(), dashboard::add, dashboardErrors::add);
        network = b.build();
    }

    static String verdict(double total) {
        return total > 0.5 ? "post_it" : total > 0.3 ? "maybe" : "delete";
    }

    /** What the archive must hold for photo {@code i} when nothing fails. */
    static String expectedVerdict(int i) {
        return verdict(i / 10.0 * 0.4 + 0.5 * 0.4 + (i % 2) * 0.2);
    }

    @SuppressWarnings("unused")
    private static Merged3<Sharpness, Exposure, Composition> typed(Merged3<Sharpness, Exposure, Composition> m) {
        return m;
    }
}
