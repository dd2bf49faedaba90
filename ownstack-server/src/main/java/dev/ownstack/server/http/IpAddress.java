package dev.ownstack.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, parsed without ever asking DNS: dotted IPv4 by hand, IPv6 only in the
 * bracketed form that {@link InetAddress} treats as a literal and never resolves.
 */
final class IpAddress {
    private IpAddress() {
    }

    /**
     * The address bytes (4 or 16) of an IPv4 or IPv6 literal, with or without brackets, an IPv6
     * zone ({@code %eth0}) ignored; empty for anything else, host names included.
     */
    static Optional<byte[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        if (value.indexOf(':') < 0) {
            return parseIpv4(value);
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            }
        }
        try {
            // Brackets make InetAddress take the text as an IPv6 literal or fail; it never looks it up.
            byte[] bytes = InetAddress.getByName("[" + value + "]").getAddress();
            return Optional.of(bytes);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The canonical text of an address literal (IPv4-mapped IPv6 shown as IPv4); empty if not one. */
    static Optional<String> normalise(String text) {
        return parse(text).map(IpAddress::format);
    }

    static String format(byte[] bytes) {
        byte[] address = unmapped(bytes);
        try {
            String formatted = InetAddress.getByAddress(address).getHostAddress();
            return address.length == 16 ? compressIpv6(formatted) : formatted;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address of 4 or 16 bytes: " + bytes.length, e);
        }
    }

    /** {@code ::ffff:a.b.c.d} as the IPv4 address it stands for. */
    static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }

    private static Optional<byte[]> parseIpv4(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int number = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                number = number * 10 + (c - '0');
            }
            if (number > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) number;
        }
        return Optional.of(bytes);
    }

    /** InetAddress prints 0:0:0:0:0:0:0:1; the usual form is ::1 (RFC 5952: longest zero run). */
    private static String compressIpv6(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
