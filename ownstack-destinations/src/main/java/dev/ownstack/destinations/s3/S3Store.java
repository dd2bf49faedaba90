package dev.ownstack.destinations.s3;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.file.FileStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Objects in an S3 bucket (or S3-compatible storage) under a prefix. An object appears whole or
 * not at all: one PutObject, or for files over the multipart threshold a multipart upload that
 * becomes visible only at CompleteMultipartUpload (aborted on failure). Parts carry CRC32
 * checksums. See https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html.
 */
public final class S3Store implements FileStore {
    /** Files above this size go up in parts. */
    static final long MULTIPART_THRESHOLD = 64L << 20;
    /** The size of each part but the last (S3 takes 5 MiB to 5 GiB, at most 10,000 parts). */
    static final int PART_SIZE = 16 << 20;

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final long multipartThreshold;
    private final int partSize;

    public S3Store(S3Client client, String bucket, String prefix) {
        this(client, bucket, prefix, MULTIPART_THRESHOLD, PART_SIZE);
    }

    S3Store(S3Client client, String bucket, String prefix, long multipartThreshold, int partSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = trimSlashes(Objects.requireNonNull(prefix, "prefix"));
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public CheckResult check() {
        try {
            client.listObjectsV2(request -> request.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix + "/").maxKeys(1));
            return CheckResult.ok(describe() + " is readable with these credentials");
        } catch (S3Exception e) {
            return CheckResult.failed(describe() + ": " + describe(e));
        } catch (SdkException e) {
            return CheckResult.failed(describe() + " cannot be reached: " + e.getMessage());
        }
    }

    @Override
    public void publish(String path, Path file) {
        String key = prefix.isEmpty() ? path : prefix + "/" + path;
        try {
            if (Files.size(file) <= multipartThreshold) {
                client.putObject(request -> request.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromFile(file));
            } else {
                multipart(key, file);
            }
        } catch (S3Exception e) {
            throw new DestinationException(errorClass(e), "cannot put s3://" + bucket + "/" + key + ": " + describe(e), Optional.empty(), e);
        } catch (SdkClientException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot put s3://" + bucket + "/" + key + ": " + e.getMessage(),
                    Optional.empty(), e);
        } catch (IOException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot read " + file + " for s3://" + bucket + "/" + key + ": "
                    + e.getMessage(), Optional.empty(), e);
        }
    }

    private void multipart(String key, Path file) throws IOException {
        String uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocate(partSize);
            int number = 1;
            for (byte[] bytes = readPart(channel, buffer); bytes.length > 0; bytes = readPart(channel, buffer)) {
                int partNumber = number++;
                UploadPartResponse uploaded = client.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(bytes));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).checksumCRC32(uploaded.checksumCRC32()).build());
            }
            client.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (IOException | SdkException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    /** The next part of the file: a full buffer, the rest of the file, or nothing at its end. */
    private static byte[] readPart(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            continue;
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private void abort(String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    static ErrorClass errorClass(S3Exception e) {
        int status = e.statusCode();
        if (status == 401 || status == 403) {
            return ErrorClass.AUTH;
        }
        if (status == 429 || status == 503) {
            return ErrorClass.THROTTLED;
        }
        return status >= 500 || status == 408 ? ErrorClass.RETRYABLE : ErrorClass.PERMANENT;
    }

    private static String describe(S3Exception e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return "HTTP " + e.statusCode() + " " + code + ": " + message;
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
