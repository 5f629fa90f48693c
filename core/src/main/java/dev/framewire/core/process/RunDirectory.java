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

/**
 * The private directory of one process-engine run: its channels' queue files, the children's status file and
 * logs. Created with mode 0700 and holding a random token; a child is handed the token (through its environment,
 * not its command line) and refuses to work in a directory that is not private or holds another token.
 *
 * <p>Thread-safe: immutable apart from the file system.
 */
public final class RunDirectory {
    static final String TOKEN_FILE = "run.token";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path path;
    private final String token;

    private RunDirectory(Path path, String token) {
        this.path = path;
        this.token = token;
    }

    /**
     * The default parent of run directories: {@code /dev/shm} where it exists (memory-backed, so queue pages never
     * go to disk), the system temporary directory otherwise.
     */
    public static Path defaultParent() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Creates a fresh private run directory under {@code parent}. */
    public static RunDirectory create(Path parent) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "framewire-run-",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            Path tokenFile = dir.resolve(TOKEN_FILE);
            Files.writeString(tokenFile, token, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(tokenFile, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            return new RunDirectory(dir, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + parent + ": " + e.getMessage(), e);
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
     * status, specs; logs and crash reports stay).
     *
     * @throws IllegalStateException naming the directory and what is wrong
     */
    public static RunDirectory reopen(Path dir) {
        String token;
        try {
            token = Files.readString(dir.resolve(TOKEN_FILE), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot resume from " + dir + ": it is not a kept framewire run directory ("
                    + e.getMessage() + ")", e);
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
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
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
            throw new UncheckedIOException("cannot delete run directory " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
