package dev.framewire.core.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private directory of one process-engine run: its channels' queue files, the children's status file and
 * logs. Created with mode 0700 and holding a random token; a child is handed the token (through its environment,
 * not its command line) and refuses to work in a directory that is not private or holds another token.
 *
 * <p><b>Where it lives.</b> By default on tmpfs ({@code /dev/shm}, see {@link #defaultParent(long)}): the payload
 * arena and the queues are shared memory-mapped files, and on a disk-backed file system the kernel writes their
 * dirty pages back (about every 30 s) and write-protects them again, so the next rewrite of a warm arena slot
 * page-faults on every page and competes with that disk write; tmpfs has no write-back. A directory kept on
 * {@code /dev/shm} (to inspect it, or to resume the run) lives in memory: it does not survive a reboot, and it counts
 * against the machine's RAM until deleted. To resume after a reboot, run with a disk-backed parent.
 *
 * <p>Thread-safe: immutable apart from the file system.
 */
public final class RunDirectory {
    static final String TOKEN_FILE = "run.token";
    /** The memory-backed file system preferred for run directories. */
    static final Path TMPFS = Path.of("/dev/shm");
    /** Room left free on tmpfs beyond the arena, for the queues, logs and the rest of the machine. */
    static final long TMPFS_HEADROOM = 256L << 20;
    private static final System.Logger LOG = System.getLogger(RunDirectory.class.getName());
    /** Fallback reasons already logged, so that building many options does not repeat the line. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path path;
    private final String token;

    private RunDirectory(Path path, String token) {
        this.path = path;
        this.token = token;
    }

    /**
     * The default parent of run directories: {@code /dev/shm} where it exists and is writable (memory-backed, so
     * queue and arena pages are never written back to disk), the system temporary directory otherwise. Does not
     * check for room: see {@link #defaultParent(long)}.
     */
    public static Path defaultParent() {
        return defaultParent(0);
    }

    /**
     * The parent for a run whose shared files (the payload arena, above all) take up to {@code bytesNeeded} bytes:
     * {@code /dev/shm} when it exists, is writable and has that much room plus 256 MB to spare; otherwise the system
     * temporary directory ({@code java.io.tmpdir}, usually disk-backed), with one logged line (once per reason per
     * JVM) saying why. A tmpfs that fills up mid-run would make a write to a mapped page fail with SIGBUS, which is
     * why the room is checked before choosing it.
     *
     * @param bytesNeeded the bytes the run will write into its directory at most; 0 checks nothing but access
     */
    public static Path defaultParent(long bytesNeeded) {
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"));
        String reason = tmpfsUnusable(TMPFS, bytesNeeded);
        if (reason == null) {
            return TMPFS;
        }
        if (LOGGED.add(reason.replaceAll("[0-9]+", "#"))) {
            LOG.log(System.Logger.Level.INFO, "framewire run directories go to " + fallback + ", not " + TMPFS + ": "
                    + reason + " (shared pages there are written back to disk; see ProcessOptions.withRunDirectoryParent)");
        }
        return fallback;
    }

    /** Why {@code dir} cannot hold a run of {@code bytesNeeded} bytes, or null if it can. */
    static String tmpfsUnusable(Path dir, long bytesNeeded) {
        if (!Files.isDirectory(dir)) {
            return dir + " does not exist";
        }
        if (!Files.isWritable(dir)) {
            return dir + " is not writable";
        }
        if (bytesNeeded > 0) {
            try {
                long usable = Files.getFileStore(dir).getUsableSpace();
                if (usable < bytesNeeded + TMPFS_HEADROOM) {
                    return dir + " has " + (usable >> 20) + " MB free, the run needs " + (bytesNeeded >> 20)
                            + " MB + " + (TMPFS_HEADROOM >> 20) + " MB to spare";
                }
            } catch (IOException e) {
                return "cannot tell the free space of " + dir + " (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    /** Creates a fresh private run directory under {@code parent}. */
    public static RunDirectory create(Path parent) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(parent);
            return withToken(Files.createTempDirectory(parent, "framewire-run-",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY)), token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a just-created directory this run's: owner-only (whatever the umask did to the mode asked for) and holding
     * the token, readable by the owner alone, that children check.
     */
    private static RunDirectory withToken(Path dir, String token) throws IOException {
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
        Path tokenFile = dir.resolve(TOKEN_FILE);
        Files.writeString(tokenFile, token, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tokenFile, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        return new RunDirectory(dir, token);
    }

    /**
     * Creates {@code name}, a fresh private directory inside this one holding the same token: the directory of one run
     * of an engine that keeps its children (and its payload arena) in this one between runs.
     */
    RunDirectory subdirectory(String name) {
        Path dir = path.resolve(sanitize(name));
        try {
            return withToken(Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY)), token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory in " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing run directory, checking that it is private to this user and holds {@code token}.
     *
     * @throws IllegalStateException naming the directory and what is wrong
     */
    public static RunDirectory open(Path dir, String token) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("run directory " + dir + " does not exist or is not a directory");
            }
            String me = System.getProperty("user.name");
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(me)) {
                throw new IllegalStateException("run directory " + dir + " belongs to " + owner + ", not " + me);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!permissions.equals(OWNER_ONLY)) {
                throw new IllegalStateException("run directory " + dir + " is not private (mode "
                        + PosixFilePermissions.toString(permissions) + ", expected rwx------)");
            }
            Path tokenFile = dir.resolve(TOKEN_FILE);
            if (!Files.isRegularFile(tokenFile, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("run directory " + dir + " has no " + TOKEN_FILE);
            }
            byte[] expected = Files.readAllBytes(tokenFile);
            if (token == null || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("run directory " + dir + " belongs to another run (token mismatch)");
            }
            return new RunDirectory(dir, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reopens the kept directory of an earlier run of this user, to resume it: checks it is private and reads its
     * token, then removes everything of the old run but its token and its delivery journals (old channels, arena,
     * status, specs; logs and crash reports stay). A directory kept on {@code /dev/shm} is gone after a reboot; the
     * message then says so.
     *
     * @throws IllegalStateException naming the directory and what is wrong
     */
    public static RunDirectory reopen(Path dir) {
        String token;
        try {
            token = Files.readString(dir.resolve(TOKEN_FILE), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            String hint = !Files.exists(dir) && dir.toAbsolutePath().startsWith(TMPFS)
                    ? "; run directories on " + TMPFS + " live in memory and do not survive a reboot" : "";
            throw new IllegalStateException("cannot resume from " + dir + ": it is not a kept framewire run directory ("
                    + e.getMessage() + ")" + hint, e);
        }
        RunDirectory run = open(dir, token);
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(TOKEN_FILE) || name.startsWith("ch-" + DeliveryJournal.PREFIX) || name.endsWith(".log")) {
                    continue;
                }
                new RunDirectory(p, token).delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir + " for resuming: " + e.getMessage(), e);
        }
        return run;
    }

    public Path path() {
        return path;
    }

    /** The secret a child must present. */
    String token() {
        return token;
    }

    /** Where channel {@code name}'s queue files live. */
    public Path channel(String name) {
        return path.resolve("ch-" + sanitize(name));
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return b.toString();
    }

    /** Removes the directory and everything in it; a missing directory is fine. */
    public void delete() {
        deleteTree(path);
    }

    /** Removes {@code tree} and everything in it, not following links; a missing one is fine. */
    static void deleteTree(Path tree) {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + tree + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
