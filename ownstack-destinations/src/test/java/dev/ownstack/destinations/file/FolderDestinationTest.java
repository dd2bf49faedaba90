package dev.ownstack.destinations.file;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The local folder destination passes the destination contract, in CSV with changes files. */
class FolderDestinationTest extends DestinationContract {
    @TempDir
    Path folder;
    @TempDir
    Path spool;

    @Override
    protected DestinationFactory factory() {
        return new FolderDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("path", folder.toString());
        settings.put("spool-folder", spool.toString());
        return settings;
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = settings();
        settings.put("path", folder.resolve("missing").toString());
        return settings;
    }

    @Override
    protected DestinationProbe probe() {
        return () -> StoredRuns.records(StoredRuns.folder(folder), SYNC);
    }

    @Override
    protected boolean publishesOnFinish() {
        return true;
    }
}
