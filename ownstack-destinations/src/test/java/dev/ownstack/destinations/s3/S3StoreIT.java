package dev.ownstack.destinations.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against the in-process fake: multipart uploads, errors and checks. */
class S3StoreIT {
    private S3Fake s3;
    @TempDir
    Path folder;

    @BeforeEach
    void start() throws IOException {
        s3 = new S3Fake("exports", "AKIAOWNSTACKTEST");
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void a_file_over_the_threshold_goes_up_in_parts_and_appears_whole() throws IOException {
        byte[] content = new byte[10_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(folder.resolve("big.bin"), content);
        try (S3Store store = new S3Store(client("AKIAOWNSTACKTEST", s3.endpoint()), "exports", "/p/", 4_096, 4_096)) {
            store.publish("sync/1/snapshot-00000.csv", file);
        }
        assertArrayEquals(content, s3.objects().get("p/sync/1/snapshot-00000.csv"));
        assertEquals(1, s3.completedUploads());
        assertEquals(0, s3.openUploads());
    }

    @Test
    void a_file_under_the_threshold_is_one_put() throws IOException {
        Path file = Files.writeString(folder.resolve("small.csv"), "a,key\n1,k\n");
        try (S3Store store = new S3Store(client("AKIAOWNSTACKTEST", s3.endpoint()), "exports", "")) {
            store.publish("sync/1/added-00000.csv", file);
        }
        assertEquals("a,key\n1,k\n", new String(s3.objects().get("sync/1/added-00000.csv"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, s3.completedUploads());
    }

    @Test
    void a_refused_credential_is_an_auth_error_naming_the_object() throws IOException {
        Path file = Files.writeString(folder.resolve("small.csv"), "x\n");
        try (S3Store store = new S3Store(client("AKIAWRONG", s3.endpoint()), "exports", "p")) {
            DestinationException error = assertThrows(DestinationException.class, () -> store.publish("s/1/_manifest.json", file));
            assertEquals(ErrorClass.AUTH, error.errorClass());
            assertTrue(error.getMessage().contains("s3://exports/p/s/1/_manifest.json"), error.getMessage());
            assertTrue(error.getMessage().contains("InvalidAccessKeyId"), error.getMessage());
        }
    }

    @Test
    void check_names_a_missing_bucket_and_an_unreachable_endpoint() {
        try (S3Store store = new S3Store(client("AKIAOWNSTACKTEST", s3.endpoint()), "nope", "p")) {
            CheckResult result = store.check();
            assertFalse(result.ok());
            assertTrue(result.message().contains("NoSuchBucket"), result.message());
        }
        String closed = s3.endpoint();
        s3.close();
        try (S3Store store = new S3Store(client("AKIAOWNSTACKTEST", closed), "exports", "p")) {
            CheckResult result = store.check();
            assertFalse(result.ok());
            assertTrue(result.message().contains("s3://exports/p"), result.message());
        }
    }

    private static S3Client client(String keyId, String endpoint) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
