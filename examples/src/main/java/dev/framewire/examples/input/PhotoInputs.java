package dev.framewire.examples.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the photos of a run, in the order SPEC.md fixes for the archive.
 *
 * <p>An entry is an input when its name ends in .jpg .jpeg .png .bmp .tif .tiff .webp (any case). Entries of a
 * folder are sorted by the bytes of their UTF-8 names, so upper-case names come first. An entry that looks like a
 * photo is an input whatever it is: a directory named {@code x.jpg}, a dangling symlink or an unreadable file is
 * kept, so that it fails visibly instead of vanishing. With {@code recursive}, sub-folders (not named like photos)
 * are walked in the same order, each folder's own files first; a folder reached twice (a symlink loop, two links
 * to one place) is walked once.
 *
 * <p>Files named directly on the command line are inputs in the order given, whatever their extension.
 */
public final class PhotoInputs {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp");

    /** Orders names as SPEC.md does: by the unsigned bytes of their UTF-8 encoding. */
    public static final Comparator<String> UTF8_BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private PhotoInputs() {
    }

    /** Whether a file name has one of the photo extensions, in any case. */
    public static boolean looksLikePhoto(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Lists the inputs under the given folders (and files), in archive order.
     *
     * @param arguments folders or files as the user typed them
     * @throws InputException naming the first argument that does not exist or cannot be listed
     */
    public static List<PhotoInput> discover(List<String> arguments, boolean recursive) throws InputException {
        List<PhotoInput> inputs = new ArrayList<>();
        for (String argument : arguments) {
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                Set<Object> visited = new HashSet<>();
                walk(path, argument, recursive, visited, inputs);
            } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Path name = path.getFileName();
                inputs.add(new PhotoInput(inputs.size(), path, argument, name == null ? argument : name.toString()));
            } else {
                throw new InputException(argument + ": no such file or folder");
            }
        }
        return inputs;
    }

    private static void walk(Path folder, String shownAs, boolean recursive, Set<Object> visited,
                             List<PhotoInput> inputs) throws InputException {
        if (!visited.add(identity(folder))) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new InputException(shownAs + ": cannot list folder (" + reason(e) + ")");
        }
        names.sort(UTF8_BYTE_ORDER);
        List<String> subfolders = new ArrayList<>();
        for (String name : names) {
            Path entry = folder.resolve(name);
            if (looksLikePhoto(name)) {
                inputs.add(new PhotoInput(inputs.size(), entry, join(shownAs, name), name));
            } else if (recursive && Files.isDirectory(entry)) {
                subfolders.add(name);
            }
        }
        for (String name : subfolders) {
            walk(folder.resolve(name), join(shownAs, name), true, visited, inputs);
        }
    }

    /** The folder's file key (device and inode) when the file system has one, else its real path. */
    private static Object identity(Path folder) throws InputException {
        try {
            Object key = Files.readAttributes(folder, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key != null ? key : folder.toRealPath();
        } catch (IOException e) {
            throw new InputException(folder + ": cannot read folder (" + reason(e) + ")");
        }
    }

    private static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
