package dev.ownstack.server.auth;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords of local users, hashed with Argon2id at OWASP's recommended cost (19 MiB of memory,
 * two passes, one lane) and stored in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} (unpadded Base64), so that stronger parameters
 * can be adopted later while old hashes still verify. Thread-safe.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html">OWASP Password Storage</a>
 */
public final class PasswordHasher {
    public static final int MIN_LENGTH = 12;
    /** Longer input only costs hashing time; 1,024 characters is far beyond any pass phrase. */
    public static final int MAX_LENGTH = 1024;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    /** A hash of nothing, verified against when a user is unknown so that the answer takes as long; made on first need. */
    private volatile String decoy;

    /** INPUT_INVALID when the password is too short or too long, saying the limits. */
    public static void checkStrength(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "password: must be at least " + MIN_LENGTH + " characters long, got "
                    + (password == null ? 0 : password.length()) + "; a few unrelated words make a good one");
        }
        if (password.length() > MAX_LENGTH) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "password: must be at most " + MAX_LENGTH + " characters long, got "
                    + password.length());
        }
    }

    /** The PHC string of the password with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(hash);
    }

    /**
     * True when the password matches the PHC string; compares in constant time.
     *
     * @throws OwnstackException INTERNAL when the stored string is not an Argon2id PHC string
     */
    public boolean verify(String password, String phc) {
        Matcher matcher = PHC.matcher(phc);
        if (!matcher.matches()) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a stored password hash is not an Argon2id PHC string ($argon2id$v=19$m=...)");
        }
        byte[] salt = DECODER.decode(matcher.group(4));
        byte[] expected = DECODER.decode(matcher.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of a verification and answers false: for a user that does not exist or is disabled. */
    public boolean verifyNobody(String password) {
        String hash = decoy;
        if (hash == null) {
            hash = hash("decoy-password-never-used");
            decoy = hash;
        }
        verify(password, hash);
        return false;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
