package io.github.dl4jrecipes.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The checks every command runs on its output paths before it reads data or trains, so that a
 * path it could not write, or should not write, fails at once and not after the work: a folder
 * option ({@code --output DIR}, {@code --study}, {@code --checkpoints}) must be a folder or
 * creatable as one, a file option ({@code predict --output FILE}) must not be a folder nor one of
 * the command's inputs, and two output folders must not nest. Errors name the option, the rule
 * and the fix ({@link IllegalArgumentException}: exit code 1).
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * Checks a folder the command creates or writes into.
     *
     * @param option the command-line option, e.g. {@code --output}
     * @param dir    its value
     * @throws IllegalArgumentException when it is an existing file, or a file is in its way
     */
    public static void folder(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is an existing file, not a folder: the "
                    + "command writes a folder of files there; fix: pass a folder path (new or existing), or move "
                    + "the file away");
        }
        creatable(option, dir);
    }

    /**
     * Checks a file the command writes, against the files it reads.
     *
     * @param option the command-line option, e.g. {@code --output}
     * @param file   its value
     * @param inputs the command's input files by option ({@code Map.of("--csv", csv)})
     * @throws IllegalArgumentException when it is a folder, a file is in its way, or it is an input
     */
    public static void file(String option, Path file, Map<String, Path> inputs) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder, not a file; fix: pass the path of "
                    + "the file to write, e.g. " + file.resolve("predictions.csv"));
        }
        inputs.forEach((inputOption, input) -> {
            if (same(file, input)) {
                throw new IllegalArgumentException(option + " " + file + " is the " + inputOption + " input file: "
                        + "writing it would replace your data; fix: pass another " + option + " file");
            }
        });
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            creatable(option, parent);
        }
    }

    /**
     * Checks that two output folders are apart: one inside the other would be written over by it.
     *
     * @throws IllegalArgumentException when they are the same folder or one holds the other
     */
    public static void apart(String option, Path dir, String otherOption, Path other) {
        Path a = canonical(dir);
        Path b = canonical(other);
        if (a.startsWith(b) || b.startsWith(a)) {
            throw new IllegalArgumentException(option + " " + dir + " and " + otherOption + " " + other
                    + " overlap: each must be a folder of its own, neither inside the other; fix: pass " + option
                    + " a folder outside " + otherOption);
        }
    }

    /** The nearest existing ancestor must be a writable folder, so the missing part can be created. */
    private static void creatable(String option, Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + dir + " cannot be created: " + existing + " is a file; "
                    + "fix: pass a path under a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + dir + " cannot be written: " + existing + " is not "
                    + "writable by this user; fix: pass a path under a folder you can write");
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b) : canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return canonical(a).equals(canonical(b));
        }
    }

    /** The absolute path with symbolic links of its existing part resolved. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
