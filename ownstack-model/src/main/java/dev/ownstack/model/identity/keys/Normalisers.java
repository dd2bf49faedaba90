package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The one entry point identity resolution calls: turns a raw column value into the match key of a
 * kind, or empty when the value is missing, invalid or blocked. Immutable and safe to share.
 */
public final class Normalisers {
    private final PhoneKey phoneKey;
    private final BlockedValues blockedValues;

    public Normalisers(PhoneKey phoneKey, BlockedValues blockedValues) {
        this.phoneKey = Objects.requireNonNull(phoneKey, "phoneKey");
        this.blockedValues = Objects.requireNonNull(blockedValues, "blockedValues");
    }

    /**
     * The key of {@code kind} for {@code raw}. A null {@code raw} is allowed, since warehouse
     * columns are nullable, and gives empty. User and anonymous ids are only trimmed: they are
     * case-sensitive identifiers minted by the source.
     */
    public Optional<String> normalise(KeyKind kind, String raw) {
        return canonical(kind, raw).filter(value -> !isBlocked(kind, value));
    }

    /** Like {@link #normalise} but keeps blocked values, so that a caller can record them. */
    public Optional<String> canonical(KeyKind kind, String raw) {
        Objects.requireNonNull(kind, "kind");
        if (raw == null) {
            return Optional.empty();
        }
        return switch (kind) {
            case EMAIL -> EmailKey.normalise(raw);
            case EMAIL_CANONICAL -> EmailKey.canonical(raw);
            case PHONE -> phoneKey.normalise(raw);
            case USER_ID, ANONYMOUS_ID -> Optional.of(raw.strip()).filter(id -> !id.isEmpty());
            case NAME -> NameKey.normalise(raw);
            case FIRST_NAME -> GivenNames.normalise(raw);
            case POSTCODE -> PostcodeKey.normalise(raw);
            case DATE -> DateKey.normalise(raw);
        };
    }

    /**
     * The key of {@code kind} for {@code raw} and whether it is blocked, in one go: the same as
     * {@link #canonical} and then {@link #isBlocked}, but a phone number is parsed once.
     */
    public Optional<Normalised> normalised(KeyKind kind, String raw) {
        Objects.requireNonNull(kind, "kind");
        if (kind == KeyKind.PHONE) {
            return phoneKey.parse(raw).map(phone -> new Normalised(phone.e164(), blockedValues.isBlocked(phone)));
        }
        return canonical(kind, raw).map(value -> new Normalised(value, blockedValues.isBlocked(kind, value)));
    }

    /** A normalised key value and whether it is blocked. */
    public record Normalised(String value, boolean blocked) {
        public Normalised {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The placeholder and test values that never link records. */
    public BlockedValues blockedValues() {
        return blockedValues;
    }

    /** Whether a normalised value of {@code kind} is a placeholder or test value that must never link records. */
    public boolean isBlocked(KeyKind kind, String value) {
        return blockedValues.isBlocked(kind, value);
    }
}
