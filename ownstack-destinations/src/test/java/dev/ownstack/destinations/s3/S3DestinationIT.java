package dev.ownstack.destinations.s3;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import dev.ownstack.destinations.file.StoredRuns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The S3 destination, through the AWS SDK against an in-process S3 fake, passes the destination contract. */
class S3DestinationIT extends DestinationContract {
    static final String BUCKET = "exports";
    static final String ACCESS_KEY = "AKIAOWNSTACKTEST";

    S3Fake s3;
    @TempDir
    Path spool;

    @BeforeEach
    void startS3() throws IOException {
        s3 = new S3Fake(BUCKET, ACCESS_KEY);
    }

    @AfterEach
    void stopS3() {
        s3.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new S3DestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bucket", BUCKET);
        settings.put("prefix", "ownstack/exports/");
        settings.put("endpoint", s3.endpoint());
        settings.put("path-style", true);
        settings.put("access-key-id", ACCESS_KEY);
        settings.put("secret-access-key", "not-checked-by-the-fake");
        settings.put("spool-folder", spool.toString());
        return settings;
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = settings();
        settings.put("access-key-id", "AKIAWRONG");
        return settings;
    }

    @Override
    protected DestinationProbe probe() {
        return () -> StoredRuns.records(objectsUnder("ownstack/exports/"), SYNC);
    }

    @Override
    protected boolean publishesOnFinish() {
        return true;
    }

    Map<String, byte[]> objectsUnder(String prefix) {
        Map<String, byte[]> files = new TreeMap<>();
        s3.objects().forEach((key, content) -> {
            if (key.startsWith(prefix)) {
                files.put(key.substring(prefix.length()), content);
            }
        });
        return files;
    }
}
