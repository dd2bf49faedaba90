package dev.ownstack.server.syncs;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets of destinations saved through the API before they go to the warehouse:
 * AES-256-GCM with a random 12-byte nonce per value, written as {@code v1:} and the base64 of
 * nonce and ciphertext. The key is the base64 of 32 bytes in the environment variable
 * {@value #ENVIRONMENT}, else the content of the file {@value #KEY_FILE} in the project's folder,
 * created (owner read and write only) the first time a secret is sealed. The key is read on first
 * use, so a project without saved secrets never needs one. Thread-safe.
 */
public final class SecretBox {
    public static final String ENVIRONMENT = "OWNSTACK_SECRET_KEY";
    public static final String KEY_FILE = ".ownstack-secret.key";
    private static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<byte[]> source;
    private SecretKey key;

    private SecretBox(Supplier<byte[]> source) {
        this.source = source;
    }

    /** The key of {@value #ENVIRONMENT} when set, else that of {@value #KEY_FILE} in {@code projectDirectory}. */
    public static SecretBox forProject(Path projectDirectory, Function<String, Optional<String>> environment) {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(environment, "environment");
        return new SecretBox(() -> environment.apply(ENVIRONMENT).filter(value -> !value.isBlank())
                .map(value -> decode(value, ENVIRONMENT))
                .orElseGet(() -> keyFile(projectDirectory.resolve(KEY_FILE))));
    }

    /** A box with this key (32 bytes). */
    public static SecretBox withKey(byte[] key) {
        byte[] copy = key.clone();
        if (copy.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secret key has " + KEY_BYTES + " bytes, got " + copy.length);
        }
        return new SecretBox(() -> copy);
    }

    /** The sealed form of {@code plain}; sealing one text twice gives two different results. */
    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot seal a secret: " + e.getMessage(), e);
        }
    }

    /**
     * The text {@link #seal} was given.
     *
     * @throws OwnstackException {@code CONFIG_INVALID} when the value was sealed with another key (or altered)
     */
    public String open(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a sealed secret starts with " + PREFIX);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a sealed secret is not base64: " + e.getMessage(), e);
        }
        if (bytes.length < NONCE_BYTES) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a sealed secret is too short: " + bytes.length + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "a saved secret cannot be opened with this key: it was sealed with"
                    + " another " + ENVIRONMENT + " or " + KEY_FILE + ", or altered; restore that key or save the destination's secrets again", e);
        } catch (GeneralSecurityException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot open a secret: " + e.getMessage(), e);
        }
    }

    private synchronized SecretKey key() {
        if (key == null) {
            key = new SecretKeySpec(source.get(), "AES");
        }
        return key;
    }

    private static byte[] decode(String text, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, where + ": must be the base64 of " + KEY_BYTES
                    + " random bytes (such as the output of `openssl rand -base64 32`), got text that is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, where + ": must be the base64 of " + KEY_BYTES
                    + " random bytes (such as the output of `openssl rand -base64 32`), got " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** The key of the file, created with owner-only permissions when missing. */
    private static byte[] keyFile(Path file) {
        try {
            if (Files.notExists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            return decode(Files.readString(file), file.toString());
        } catch (IOException | UnsupportedOperationException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read or create the secret key file " + file + ": " + e.getMessage()
                    + "; set " + ENVIRONMENT + " instead", e);
        }
    }
}
