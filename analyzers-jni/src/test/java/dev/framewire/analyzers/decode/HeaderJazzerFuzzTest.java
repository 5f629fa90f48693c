package dev.framewire.analyzers.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Coverage-guided fuzzing of the header parsers with Jazzer, on demand:
 * {@code JAZZER_FUZZ=1 mvn -B -o -pl analyzers-jni -am test -Dtest=HeaderJazzerFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * It starts from the files in {@code HeaderJazzerFuzzTestInputs/headers/} (tiny real images) and writes any finding
 * there. Normal builds skip this class, because Jazzer's agent would instrument every class loaded afterwards in the
 * shared test JVM; {@link HeaderFuzzTest#everyInputJazzerKeptStillParsesCleanly()} replays those files instead.
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
class HeaderJazzerFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void headers(byte[] input) {
        HeaderFuzzTest.parseOrThrowOnlyInvalidImage(input);
    }
}
