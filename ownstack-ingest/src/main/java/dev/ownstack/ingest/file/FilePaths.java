package dev.ownstack.ingest.file;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the {@code path}/{@code paths} entries of a file source into files. An entry is a file, a
 * folder (its files) or a glob with {@code *}, {@code **}, {@code ?}, {@code [...]} and
 * {@code {a,b}}, relative to the project folder unless absolute. Files come out sorted within each
 * entry, entries in the order given, each file once.
 */
final class FilePaths {
    private static final String GLOB_CHARACTERS = "*?[{";

    private FilePaths() {
    }

    static List<Path> resolve(List<String> entries, Path projectDirectory) {
        Set<Path> files = new LinkedHashSet<>();
        for (String entry : entries) {
            files.addAll(resolve(entry, projectDirectory.toAbsolutePath().normalize()));
        }
        return List.copyOf(files);
    }

    private static List<Path> resolve(String entry, Path projectDirectory) {
        String pattern = entry.replace('\\', '/');
        int firstGlob = indexOfGlob(pattern);
        if (firstGlob < 0) {
            Path path = projectDirectory.resolve(pattern).normalize();
            if (Files.isRegularFile(path)) {
                return List.of(path);
            }
            if (Files.isDirectory(path)) {
                return matching(path, "*", entry);
            }
            throw new OwnstackException(ErrorCode.NOT_FOUND, "file '" + entry + "' not found (looked for " + path + ")");
        }
        int lastSlashBeforeGlob = pattern.lastIndexOf('/', firstGlob);
        String fixedPart = lastSlashBeforeGlob < 0 ? "" : pattern.substring(0, lastSlashBeforeGlob + 1);
        String globPart = pattern.substring(lastSlashBeforeGlob + 1);
        Path base = projectDirectory.resolve(fixedPart.isEmpty() ? "." : fixedPart).normalize();
        if (!Files.isDirectory(base)) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no file matches '" + entry + "': folder " + base + " does not exist");
        }
        return matching(base, globPart, entry);
    }

    private static List<Path> matching(Path base, String glob, String entry) {
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        if (glob.contains("**/")) {
            // "data/**/*.csv" should also match data/x.csv, as in shells with globstar
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", "")));
        }
        int depth = glob.contains("**") ? Integer.MAX_VALUE : glob.split("/", -1).length;
        List<Path> found;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            found = walk.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> {
                        Path relative = base.relativize(path);
                        return matchers.stream().anyMatch(matcher -> matcher.matches(relative));
                    })
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot list files for '" + entry + "' in " + base + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no file matches '" + entry + "' in folder " + base);
        }
        return found;
    }

    private static int indexOfGlob(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (GLOB_CHARACTERS.indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
