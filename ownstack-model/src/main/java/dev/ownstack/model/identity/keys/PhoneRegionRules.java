package dev.ownstack.model.identity.keys;

import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of one region's libphonenumber metadata that {@link FastPhoneParser} reads, compiled
 * once: the country calling code, the national prefix when it is a plain digit string, the
 * general description and the description of every number type, each checked as
 * libphonenumber checks it (the length among the possible lengths, then the whole national
 * number against the pattern). Immutable and safe to share between threads.
 */
final class PhoneRegionRules {
    /** No possible length in libphonenumber's metadata: the description matches nothing. */
    private static final int NO_LENGTH = -1;

    private final int countryCode;
    /** The national prefix for parsing as its alternatives in order, when it is plain digit strings joined by |. */
    private final List<String> nationalPrefixes;
    private final boolean nationalPrefixPlain;
    private final Optional<String> internationalPrefix;
    private final Optional<Pattern> leadingDigits;
    private final Desc general;
    private final List<Integer> generalLengths;
    private final List<Integer> localOnlyLengths;
    private final List<Desc> types;

    PhoneRegionRules(PhoneMetadata metadata) {
        this.countryCode = metadata.getCountryCode();
        String forParsing = metadata.getNationalPrefixForParsing();
        boolean noTransform = metadata.getNationalPrefixTransformRule() == null || metadata.getNationalPrefixTransformRule().isEmpty();
        this.nationalPrefixes = forParsing == null || forParsing.isEmpty() ? List.of() : List.of(forParsing.split("\\|", -1));
        this.nationalPrefixPlain = noTransform && nationalPrefixes.stream().allMatch(PhoneRegionRules::digitsOnly);
        String idd = metadata.getInternationalPrefix();
        this.internationalPrefix = idd != null && digitsOnly(idd) ? Optional.of(idd) : Optional.empty();
        this.leadingDigits = metadata.hasLeadingDigits() ? Optional.of(Pattern.compile(metadata.getLeadingDigits())) : Optional.empty();
        this.general = new Desc(metadata.getGeneralDesc());
        this.generalLengths = List.copyOf(metadata.getGeneralDesc().getPossibleLengthList());
        this.localOnlyLengths = List.copyOf(metadata.getGeneralDesc().getPossibleLengthLocalOnlyList());
        // validity asks whether any type matches, so the common types go first: a valid number is usually decided by the second
        List<PhoneNumberDesc> descs = new ArrayList<>(List.of(metadata.getFixedLine()));
        // libphonenumber does not look at the mobile description when it has the fixed-line pattern
        if (!metadata.getSameMobileAndFixedLinePattern()) {
            descs.add(metadata.getMobile());
        }
        descs.addAll(List.of(metadata.getPremiumRate(), metadata.getTollFree(), metadata.getSharedCost(), metadata.getVoip(),
                metadata.getPersonalNumber(), metadata.getPager(), metadata.getUan(), metadata.getVoicemail()));
        this.types = descs.stream().map(Desc::new).filter(Desc::canMatch).toList();
    }

    int countryCode() {
        return countryCode;
    }

    /**
     * Whether this fast path can strip the national prefix exactly: none, or plain digit strings
     * such as {@code 0|180020} (a pattern with no group, so only stripped, never transformed), and no transform rule.
     */
    boolean nationalPrefixPlain() {
        return nationalPrefixPlain;
    }

    /** The international dialling prefix when it is a plain digit string such as 00 (a pattern gives empty). */
    Optional<String> plainInternationalPrefix() {
        return internationalPrefix;
    }

    Optional<Pattern> leadingDigits() {
        return leadingDigits;
    }

    /** The national number matches the general pattern (libphonenumber's matchNationalNumber: no length check). */
    boolean matchesGeneralPattern(CharSequence nationalNumber) {
        return general.matchesPattern(nationalNumber);
    }

    /** libphonenumber's number type is not UNKNOWN: the general description and one type's description match. */
    boolean isValid(String nationalNumber) {
        if (!general.matches(nationalNumber)) {
            return false;
        }
        for (Desc type : types) {
            if (type.matches(nationalNumber)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The national prefix stripped as libphonenumber strips it for parsing: the first alternative
     * the number starts with (a regular expression tries them in order), and not when the number
     * matched the general pattern before and would not after. Call only when {@link #nationalPrefixPlain}.
     */
    String stripNationalPrefix(String number) {
        if (number.isEmpty()) {
            return number;
        }
        String prefix = null;
        for (String alternative : nationalPrefixes) {
            if (number.startsWith(alternative)) {
                prefix = alternative;
                break;
            }
        }
        if (prefix == null) {
            return number;
        }
        String stripped = number.substring(prefix.length());
        if (general.matchesPattern(number) && !general.matchesPattern(stripped)) {
            return number;
        }
        return stripped;
    }

    /** The outcomes of libphonenumber's length test against the general description that this fast path tells apart. */
    enum Length { POSSIBLE, TOO_SHORT, TOO_LONG, LOCAL_ONLY, INVALID }

    Length testLength(int length) {
        if (generalLengths.isEmpty() || generalLengths.get(0) == NO_LENGTH) {
            return Length.INVALID;
        }
        if (localOnlyLengths.contains(length)) {
            return Length.LOCAL_ONLY;
        }
        int minimum = generalLengths.get(0);
        if (minimum == length) {
            return Length.POSSIBLE;
        }
        if (minimum > length) {
            return Length.TOO_SHORT;
        }
        if (generalLengths.get(generalLengths.size() - 1) < length) {
            return Length.TOO_LONG;
        }
        return generalLengths.subList(1, generalLengths.size()).contains(length) ? Length.POSSIBLE : Length.INVALID;
    }

    private static boolean digitsOnly(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A number description: possible lengths (empty: any) and the national number pattern (empty: matches nothing). */
    private static final class Desc {
        private final boolean[] lengths;
        private final boolean anyLength;
        private final Optional<Pattern> pattern;

        Desc(PhoneNumberDesc desc) {
            List<Integer> possible = desc.getPossibleLengthList();
            this.anyLength = possible.isEmpty();
            this.lengths = new boolean[64];
            for (int length : possible) {
                if (length >= 0 && length < lengths.length) {
                    lengths[length] = true;
                }
            }
            String regex = desc.getNationalNumberPattern();
            this.pattern = regex == null || regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex));
        }

        boolean canMatch() {
            return pattern.isPresent();
        }

        boolean matches(String nationalNumber) {
            int length = nationalNumber.length();
            if (!anyLength && (length >= lengths.length || !lengths[length])) {
                return false;
            }
            return matchesPattern(nationalNumber);
        }

        boolean matchesPattern(CharSequence nationalNumber) {
            return pattern.isPresent() && pattern.get().matcher(nationalNumber).matches();
        }
    }
}
