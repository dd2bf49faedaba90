package dev.ownstack.ingest;

import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.file.FileSource;
import dev.ownstack.ingest.jdbc.JdbcSource;
import dev.ownstack.ingest.singer.SingerSource;
import java.nio.file.Path;

/** Builds the batch source a configuration entry describes (event sources are not batch sources). */
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
        if (config instanceof SourceConfig.Singer singer) {
            return new SingerSource(singer);
        }
        throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "source '" + config.name()
                + "' is an event source; ownstack serve loads its events, ingest does not");
    }
}
