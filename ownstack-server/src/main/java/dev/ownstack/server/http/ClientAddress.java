package dev.ownstack.server.http;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client's address: the connection's, unless the connection comes from a trusted proxy
 * ({@code server.trusted-proxies}: addresses and CIDR ranges, IPv4 and IPv6); then the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy. Anything a client could have
 * written further left is ignored.
 */
public final class ClientAddress {
    private final List<Range> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            ranges.add(Range.parse(proxy));
        }
        this.trustedProxies = List.copyOf(ranges);
    }

    /** True when the connection comes from one of {@code server.trusted-proxies}, whose forwarding headers are believed. */
    public boolean fromTrustedProxy(String remoteAddress) {
        return IpAddress.parse(remoteAddress).map(this::isTrusted).orElse(false);
    }

    /**
     * @param remoteAddress the connection's address as the server reports it
     * @param forwardedFor every {@code X-Forwarded-For} header, in order
     */
    public String resolve(String remoteAddress, Enumeration<String> forwardedFor) {
        Optional<byte[]> socket = IpAddress.parse(remoteAddress);
        if (socket.isEmpty()) {
            return remoteAddress == null ? "" : remoteAddress;
        }
        String believed = IpAddress.format(socket.get());
        if (!isTrusted(socket.get()) || forwardedFor == null || !forwardedFor.hasMoreElements()) {
            return believed;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = IpAddress.parse(hops.get(i));
            if (hop.isEmpty()) {
                // Not an address: whoever wrote it is not believed; the last trusted hop is the client we know.
                return believed;
            }
            believed = IpAddress.format(hop.get());
            if (!isTrusted(hop.get())) {
                return believed;
            }
        }
        return believed;
    }

    boolean isTrusted(byte[] address) {
        byte[] unmapped = IpAddress.unmapped(address);
        for (Range range : trustedProxies) {
            if (range.contains(unmapped)) {
                return true;
            }
        }
        return false;
    }

    /** An address with a prefix length: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
    record Range(byte[] network, int prefixLength) {
        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = IpAddress.parse(address).map(IpAddress::unmapped).orElseThrow(() -> invalid(text));
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    throw invalid(text);
                }
                if (prefix < 0 || prefix > bits) {
                    throw invalid(text);
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        private static OwnstackException invalid(String text) {
            return new OwnstackException(ErrorCode.CONFIG_INVALID,
                    "server.trusted-proxies: '" + text + "' is not an IP address or a range such as 10.0.0.0/8 or fd00::/8");
        }
    }
}
