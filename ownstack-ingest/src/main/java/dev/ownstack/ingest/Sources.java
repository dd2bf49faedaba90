package dev.ownstack.ingest;

import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.ingest.file.FileSource;
import dev.ownstack.ingest.jdbc.JdbcSource;
import dev.ownstack.ingest.singer.SingerSource;
import java.nio.file.Path;

/** Builds the batch source a configuration entry describes. */
public final class Sources {
    private Sources() {
    }

    public static BatchSource create(SourceConfig config, Path projectDirectory) {
        if (config instanceof SourceConfig.Files files) {
            return new FileSource(files, projectDirectory);
        }
        if (config instanceof SourceConfig.Jdbc jdbc) {
            return new JdbcSource(jdbc);
        }
        return new SingerSource((SourceConfig.Singer) config);
    }
}
