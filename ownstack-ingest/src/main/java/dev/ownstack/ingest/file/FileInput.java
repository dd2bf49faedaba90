package dev.ownstack.ingest.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens text files as UTF-8, decompressing {@code .gz} files on the fly. */
final class FileInput {
    private static final int BUFFER_SIZE = 1 << 16;

    private FileInput() {
    }

    static Reader reader(Path file) throws IOException {
        InputStream input = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            input = new GZIPInputStream(input, BUFFER_SIZE);
        }
        // malformed UTF-8 becomes U+FFFD rather than failing the load: text columns keep the rest
        return new InputStreamReader(input, StandardCharsets.UTF_8);
    }
}
