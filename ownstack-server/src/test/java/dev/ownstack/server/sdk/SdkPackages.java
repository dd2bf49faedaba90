package dev.ownstack.server.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official JavaScript SDKs, installed from the npm registry with {@code npm ci} (versions
 * pinned in {@code src/test/sdk/package-lock.json}) into {@code target/sdk} once per build, next to
 * the scripts and the page that drive them.
 */
final class SdkPackages {
    private static final Path SOURCE = Path.of("src", "test", "sdk");
    private static final Path TARGET = Path.of("target", "sdk");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "send-node.mjs", "browser.html");

    private SdkPackages() {
    }

    /** The folder with node_modules and the scripts, installing the packages when missing. */
    static synchronized Path installed() throws IOException, InterruptedException {
        Files.createDirectories(TARGET);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), TARGET.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(TARGET.resolve("node_modules/@segment/analytics-next"))
                || !Files.isDirectory(TARGET.resolve("node_modules/@segment/analytics-node"))) {
            Path log = TARGET.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(TARGET.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci of the Segment SDKs failed (Node.js and npm are needed, and the npm registry): "
                        + Files.readString(log));
            }
        }
        return TARGET.toAbsolutePath();
    }
}
