package dev.framewire.core.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a child JVM is started with beyond its inherited options: the start-up tuning of
 * {@link ProcessOptions#effectiveChildJvmFlags()} and, with {@link ProcessOptions#childClassArchive()}, a class-data-sharing
 * archive per node.
 *
 * <p>The archive of a node is made by one child of the node (the first that starts while there is none) with
 * {@code -XX:ArchiveClassesAtExit} into a temporary name, and moved into place once that child exited normally, so a
 * reader never maps a half-written file; every later child maps it with {@code -XX:SharedArchiveFile}. Archives live
 * in {@code java.io.tmpdir/framewire-cds-<user>}, a directory of mode 0700 that must belong to this user (or no
 * archive is used: a JVM trusts the classes it maps), under a name that hashes the JVM, the class path (with each
 * entry's size and time) and the options, so a rebuild or another JVM gets its own; a node keeps the archives of
 * the {@value #OTHER_BUILDS_KEPT} other builds used last besides the newest. A JVM that finds an archive
 * unusable runs without it. A class path with directories (a build's output, in tests) gets no archive: the JVM
 * cannot archive classes from a directory; nor do children that inherit an agent ({@link #loadsAgent}).
 *
 * <p>Immutable and thread-safe.
 */
final class ChildJvm {
    private static final String ARCHIVE_DIRECTORY = "framewire-cds-";

    private ChildJvm() {
    }

    /** A child's extra JVM flags, and where its class archive is to be dumped (null: it maps one or none). */
    record Launch(List<String> inherited, List<String> flags, Path dumpTo, Path archive) {
        /** Longest wait for a JVM that writes its node's class archive as it exits (once per node and build). */
        private static final long DUMP_GRACE_MILLIS = 30_000;

        /** How long to wait for this JVM to exit when asked: {@code grace}, or longer if it writes an archive. */
        long exitGraceMillis(Duration grace) {
            return dumpTo != null ? Math.max(grace.toMillis(), DUMP_GRACE_MILLIS) : grace.toMillis();
        }
    }

    /**
     * The launch of the child of {@code node}: its inherited options (without any class archive option when it gets
     * its own) and extra flags.
     *
     * @param mayDump whether this child may make the node's archive if there is none (one per node at a time)
     */
    static Launch plan(ProcessOptions options, String node, boolean mayDump) {
        List<String> base = options.jvmOptions() != null ? options.jvmOptions() : JvmLauncher.inheritedOptions();
        List<String> inherited = new ArrayList<>();
        for (String o : base) {
            // a child never writes the coordinator's archive
            if (!o.startsWith("-XX:ArchiveClassesAtExit")) {
                inherited.add(o);
            }
        }
        List<String> flags = new ArrayList<>();
        for (String f : options.effectiveChildJvmFlags()) {
            if (!decided(inherited, f)) {
                flags.add(f);
            }
        }
        Path dumpTo = null;
        Path archive = null;
        Path dir = options.childClassArchive() && jarsOnly() && !loadsAgent(inherited) ? archiveDirectory() : null;
        if (dir != null) {
            inherited.removeIf(o -> o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-Xshare"));
            archive = dir.resolve(key(inherited, flags) + "-" + RunDirectory.sanitize(node) + ".jsa");
            flags.add("-Xlog:cds=off");
            flags.add("-Xlog:cds+dynamic=off");
            if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
                flags.add("-XX:SharedArchiveFile=" + archive);
                markUsed(archive);
            } else if (mayDump && !startsRecording(inherited)) {
                dumpTo = dir.resolve(archive.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                flags.add("-XX:ArchiveClassesAtExit=" + dumpTo);
            }
        }
        return new Launch(inherited, flags, dumpTo, archive);
    }

    /**
     * What a child JVM started now with {@code options} would be: the java binary and version, the class path as it
     * is on disk (each entry's size and time) and the options and flags, class archive options aside. A child kept
     * between runs whose fingerprint differs from the current one was started for another build or other options.
     */
    static String fingerprint(ProcessOptions options) {
        List<String> base = options.jvmOptions() != null ? options.jvmOptions() : JvmLauncher.inheritedOptions();
        List<String> inherited = new ArrayList<>();
        for (String o : base) {
            if (!o.startsWith("-XX:ArchiveClassesAtExit") && !o.startsWith("-XX:SharedArchiveFile")
                    && !o.startsWith("-Xshare")) {
                inherited.add(o);
            }
        }
        List<String> flags = new ArrayList<>();
        for (String f : options.effectiveChildJvmFlags()) {
            if (!decided(inherited, f)) {
                flags.add(f);
            }
        }
        // unlike an archive, a child depends on system properties and logging options too
        inherited.stream().filter(o -> o.startsWith("-D") || o.startsWith("-Xlog")).forEach(flags::add);
        flags.add("archive=" + options.childClassArchive());
        return JvmLauncher.javaBinary() + " " + key(inherited, flags);
    }

    /** Moves a dumped archive into place after its child exited normally; otherwise deletes it. */
    static void finish(Launch launch, boolean exitedNormally) {
        if (launch.dumpTo() == null) {
            return;
        }
        try {
            if (exitedNormally && Files.size(launch.dumpTo()) > 0) {
                Files.move(launch.dumpTo(), launch.archive(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                removeSuperseded(launch.archive());
            } else {
                Files.deleteIfExists(launch.dumpTo());
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(launch.dumpTo());
            } catch (IOException ignored) {
                // a stale temporary archive is harmless: nothing maps it
            }
        }
    }

    /**
     * How many archives of other builds or options a node keeps besides the newest (they are 10-20 MB each): enough
     * for two or three builds taking turns on one machine, as in a comparison of two builds, which with the newest
     * build's alone made each build's archive again at every run.
     */
    static final int OTHER_BUILDS_KEPT = 3;

    /** An archive's time says when a child last mapped it, so that the ones in use are the ones kept. */
    private static void markUsed(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException ignored) {
            // only the choice of the archives kept depends on it
        }
    }

    /**
     * Deletes the node's archives for other builds or options but the {@value #OTHER_BUILDS_KEPT} last used, and
     * temporary archives left by children killed over an hour ago.
     */
    static void removeSuperseded(Path archive) {
        String name = archive.getFileName().toString();
        String nodeSuffix = name.substring(name.indexOf('-'));
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        // each time read once: a child may mark an archive used while this sorts
        List<Map.Entry<Path, Long>> others = new ArrayList<>();
        try (var files = Files.list(archive.getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.length() == name.length() && n.endsWith(nodeSuffix) && !n.equals(name)) {
                    others.add(Map.entry(f, lastUsed(f)));
                } else if (n.endsWith(".tmp") && lastUsed(f) < hourAgo) {
                    Files.deleteIfExists(f);
                }
            }
            others.sort(Map.Entry.<Path, Long>comparingByValue().reversed());
            for (var old : others.subList(Math.min(OTHER_BUILDS_KEPT, others.size()), others.size())) {
                Files.deleteIfExists(old.getKey());
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a left-over archive only takes room
        }
    }

    private static long lastUsed(Path archive) {
        try {
            return Files.getLastModifiedTime(archive).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE; // gone already, or unreadable: first to go
        }
    }

    /** Whether {@code options} already decide what {@code flag} sets (then the user's choice stands). */
    static boolean decided(List<String> options, String flag) {
        String name = flagName(flag);
        if (name == null) {
            return options.contains(flag);
        }
        boolean gc = name.startsWith("Use") && name.endsWith("GC");
        boolean jit = name.equals("TieredStopAtLevel") || name.equals("TieredCompilation");
        for (String o : options) {
            String n = flagName(o);
            if (name.equals(n) || (gc && n != null && n.startsWith("Use") && n.endsWith("GC") && o.startsWith("-XX:+"))
                    || (jit && (o.equals("-Xint") || o.equals("-Xcomp") || "TieredStopAtLevel".equals(n)
                    || "TieredCompilation".equals(n)))) {
                return true;
            }
        }
        return false;
    }

    private static String flagName(String flag) {
        if (!flag.startsWith("-XX:")) {
            return null;
        }
        String rest = flag.substring(4);
        if (rest.startsWith("+") || rest.startsWith("-")) {
            rest = rest.substring(1);
        }
        int eq = rest.indexOf('=');
        return eq < 0 ? rest : rest.substring(0, eq);
    }

    /**
     * Whether {@code options} load a JVMTI or Java agent (a profiler, an IDE's launcher agent): a JVM refuses to dump a
     * class archive with one, failing at start-up, so such children run without an archive.
     */
    static boolean loadsAgent(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-agentpath:") || o.startsWith("-agentlib:")
                || o.startsWith("-javaagent:"));
    }

    /**
     * Whether {@code options} start a flight recording: a JVM that writes a class archive at exit writes no recording,
     * so a child asked to record maps its node's archive if there is one but never makes it.
     */
    static boolean startsRecording(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-XX:StartFlightRecording"));
    }

    /** Whether the class path holds only files (a JVM refuses to archive classes from a directory). */
    private static boolean jarsOnly() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(entry).isDirectory()) {
                return false;
            }
        }
        return true;
    }

    /** The private archive directory, or null if it cannot be made private to this user. */
    private static Path archiveDirectory() {
        try {
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), ARCHIVE_DIRECTORY + user);
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                    PosixFilePermission.OWNER_EXECUTE)));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another run made it: checked below like any other
                }
            }
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            var me = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!a.isDirectory() || !a.owner().equals(me) || !a.permissions().equals(EnumSet.of(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))) {
                return null;
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Hash of what makes an archive valid: the JVM, the class path as it is on disk, the options. */
    private static String key(List<String> inherited, List<String> flags) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            StringBuilder b = new StringBuilder();
            b.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                File f = new File(entry);
                b.append(entry).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
            }
            // system properties and logging do not change what an archive holds
            inherited.stream().filter(o -> !o.startsWith("-D") && !o.startsWith("-Xlog"))
                    .forEach(o -> b.append(o).append('\n'));
            flags.forEach(o -> b.append(o).append('\n'));
            return HexFormat.of().formatHex(d.digest(b.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
