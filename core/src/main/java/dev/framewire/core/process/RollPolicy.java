package dev.framewire.core.process;

import java.time.Duration;

/**
 * When a channel's writer starts a new queue file, so that {@link ChannelWriter#releaseBefore} can delete what every
 * reader has passed: once the file holds {@code bytes} of messages, or is older than {@code age} and holds at least
 * one. The bytes bound the disk a channel holds whatever its messages weigh (frames that travel by value included):
 * at most about two files of that size while its readers keep up. The age lets a quiet channel of a long-lived engine
 * shed its old messages too.
 *
 * <p>Why not the clock: with files of one second, every channel made a file every second whatever it carried, and
 * each new file costs every process at both ends (file creation, mapping, end-of-file marker, directory listing,
 * code that runs too rarely to be compiled): about 3 ms of CPU a photo for the photo scorer on a warm process engine.
 */
record RollPolicy(long bytes, Duration age) {
    /** Property overriding {@link #DEFAULT}'s age, in milliseconds (tests that need files to roll). */
    static final String AGE_PROPERTY = "framewire.channel.rollAfterMillis";

    static final RollPolicy DEFAULT = new RollPolicy(128L << 20, Duration.ofMinutes(1));

    RollPolicy {
        if (bytes < 1 || age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("bad roll policy: " + bytes + " bytes, " + age);
        }
    }

    /** {@link #DEFAULT}, with the age from {@link #AGE_PROPERTY} when it is set. */
    static RollPolicy configured() {
        Long millis = Long.getLong(AGE_PROPERTY);
        return millis == null ? DEFAULT : new RollPolicy(DEFAULT.bytes, Duration.ofMillis(millis));
    }

    /** Whether the next message goes to a new file, after {@code bytes} in a file started {@code ageNanos} ago. */
    boolean due(long bytesInFile, long ageNanos) {
        return bytesInFile > 0 && (bytesInFile >= bytes || ageNanos >= age.toNanos());
    }
}
