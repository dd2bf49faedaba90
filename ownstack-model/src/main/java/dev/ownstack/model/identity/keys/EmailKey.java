package dev.ownstack.model.identity.keys;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Email match keys. {@link #normalise} trims and lower-cases, as every ad platform does;
 * {@link #canonical} also applies the addressing rules of a few providers whose rules are
 * documented, so that {@code j.doe+shop@googlemail.com} and {@code jdoe@gmail.com} meet.
 * Dots stay significant everywhere but Gmail (Google Workspace domains honour them).
 */
public final class EmailKey {
    static final String GMAIL = "gmail.com";
    static final Set<String> GMAIL_DOMAINS = Set.of(GMAIL, "googlemail.com");
    /**
     * Providers that deliver {@code local+tag@domain} to {@code local@domain}: Microsoft's consumer
     * mail (Outlook.com, which serves the Hotmail, Live and MSN domains, country domains included, as
     * one service with plus addressing), iCloud, Fastmail and Proton. Not Yahoo, whose disposable
     * addresses are separate mailboxes, nor domains of other companies, where a {@code +} may be part
     * of a mailbox's name.
     */
    static final Set<String> PLUS_TAG_DOMAINS = Set.of(
            "outlook.com", "hotmail.com", "live.com", "msn.com", "windowslive.com", "passport.com",
            "hotmail.co.uk", "live.co.uk", "outlook.co.uk", "hotmail.ie", "live.ie", "outlook.ie",
            "hotmail.fr", "live.fr", "outlook.fr", "hotmail.de", "live.de", "outlook.de",
            "hotmail.it", "live.it", "outlook.it", "hotmail.es", "live.es", "outlook.es",
            "hotmail.nl", "live.nl", "outlook.nl", "hotmail.be", "live.be", "outlook.be",
            "hotmail.at", "live.at", "outlook.at", "hotmail.ch", "live.ch",
            "hotmail.se", "live.se", "outlook.se", "hotmail.dk", "live.dk", "outlook.dk",
            "hotmail.no", "live.no", "hotmail.fi", "live.fi",
            "hotmail.ca", "live.ca", "hotmail.com.au", "live.com.au", "outlook.com.au",
            "hotmail.co.nz", "live.co.nz", "hotmail.co.jp", "live.jp", "outlook.jp",
            "hotmail.com.br", "live.com.br", "outlook.com.br", "hotmail.com.mx", "live.com.mx",
            "hotmail.com.ar", "live.com.ar", "hotmail.co.za", "live.co.za", "outlook.in", "live.in",
            "icloud.com", "me.com", "mac.com",
            "fastmail.com", "fastmail.fm",
            "proton.me", "protonmail.com", "protonmail.ch", "pm.me");

    private EmailKey() {
    }

    /** The trimmed, lower-cased address, or empty when {@code raw} is not an address. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        return isAddress(email) ? Optional.of(email) : Optional.empty();
    }

    /**
     * The normalised address with provider rules applied: for Gmail dots and any {@code +tag} are
     * dropped from the local part and googlemail.com becomes gmail.com; for the providers in
     * {@link #PLUS_TAG_DOMAINS} only the {@code +tag} is dropped; other addresses stay as normalised.
     * Empty when {@code raw} is not an address or nothing remains of the local part.
     */
    public static Optional<String> canonical(String raw) {
        return normalise(raw).flatMap(EmailKey::applyProviderRules);
    }

    private static Optional<String> applyProviderRules(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (GMAIL_DOMAINS.contains(domain)) {
            local = withoutPlusTag(local).replace(".", "");
            domain = GMAIL;
        } else if (PLUS_TAG_DOMAINS.contains(domain)) {
            local = withoutPlusTag(local);
        }
        return local.isEmpty() ? Optional.empty() : Optional.of(local + "@" + domain);
    }

    private static String withoutPlusTag(String local) {
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    /** Exactly one @, a non-empty local part, a domain of non-empty dot-separated labels, no whitespace. */
    private static boolean isAddress(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            if (Character.isWhitespace(email.charAt(i))) {
                return false;
            }
        }
        String domain = email.substring(at + 1);
        return domain.contains(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.contains("..");
    }
}
