package dev.ownstack.destinations.s3;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.destinations.file.FileDestinationFactory;
import dev.ownstack.destinations.file.FileStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * {@code type: s3}: CSV or JSON-lines files per run in an S3 bucket or S3-compatible storage
 * (MinIO, R2, GCS interoperability) given by {@code endpoint} and {@code path-style}. Without an
 * access key the AWS default credential chain is used (environment, profile, instance role).
 */
public final class S3DestinationFactory extends FileDestinationFactory {
    @Override
    public String type() {
        return "s3";
    }

    @Override
    public String description() {
        return "CSV or JSON-lines files per run in an S3 bucket or S3-compatible storage, with a manifest written last.";
    }

    @Override
    protected List<ConfigField> storeFields() {
        return List.of(
                ConfigField.required("bucket", ConfigField.Type.STRING, "The bucket the files go to."),
                ConfigField.withDefault("prefix", ConfigField.Type.STRING, "", "Key prefix (folder) inside the bucket."),
                ConfigField.withDefault("region", ConfigField.Type.STRING, "us-east-1", "The bucket's region."),
                ConfigField.optional("endpoint", ConfigField.Type.STRING,
                        "URL of S3-compatible storage (e.g. http://localhost:9000); default: AWS."),
                ConfigField.withDefault("path-style", ConfigField.Type.BOOLEAN, false,
                        "Address the bucket in the path (endpoint/bucket/key), as most S3-compatible storage needs."),
                ConfigField.optional("access-key-id", ConfigField.Type.STRING, "Access key id; default: the AWS default credential chain."),
                ConfigField.optional("secret-access-key", ConfigField.Type.SECRET, "Secret access key, with access-key-id; best as ${env:NAME}."));
    }

    @Override
    protected FileStore store(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        Optional<String> keyId = settings.optionalString("access-key-id");
        Optional<Secret> secret = settings.optionalSecret("secret-access-key");
        if (keyId.isPresent() != secret.isPresent()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + (keyId.isPresent() ? "secret-access-key" : "access-key-id")
                    + ": access-key-id and secret-access-key go together");
        }
        AwsCredentialsProvider credentials = keyId.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId.get(), secret.get().reveal()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.string("region")))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.bool("path-style"))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)));
        settings.optionalString("endpoint").ifPresent(endpoint -> builder.endpointOverride(endpoint(prefix, endpoint)));
        return new S3Store(builder.build(), settings.string("bucket"), settings.string("prefix"));
    }

    private static URI endpoint(String prefix, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "endpoint: must be a URL like https://host:port, got '" + endpoint + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "endpoint: must be a URL like https://host:port, got '" + endpoint + "'");
        }
    }
}
