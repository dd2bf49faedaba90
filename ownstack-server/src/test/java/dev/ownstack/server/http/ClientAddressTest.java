package dev.ownstack.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress proxies = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1"));

    private static Enumeration<String> headers(String... values) {
        return Collections.enumeration(List.of(values));
    }

    @Test
    void uses_the_connection_address_when_it_is_not_a_trusted_proxy() {
        assertEquals("203.0.113.5", proxies.resolve("203.0.113.5", headers("198.51.100.1")));
        assertEquals("2001:db8::5", proxies.resolve("[2001:db8:0:0:0:0:0:5]", headers("198.51.100.1")));
    }

    @Test
    void takes_the_right_most_untrusted_forwarded_address_behind_trusted_proxies() {
        assertEquals("198.51.100.1", proxies.resolve("10.0.0.2", headers("198.51.100.1")));
        assertEquals("203.0.113.9", proxies.resolve("10.0.0.2", headers("1.1.1.1, 203.0.113.9, 10.9.9.9")));
        assertEquals("203.0.113.9", proxies.resolve("10.0.0.2", headers("1.1.1.1", "203.0.113.9, 192.168.1.7")));
        assertEquals("2001:db8::1", proxies.resolve("::1", headers("2001:db8::1, fd12::3")));
        assertEquals("198.51.100.1", proxies.resolve("0:0:0:0:0:0:0:1", headers("[::ffff:198.51.100.1]")));
    }

    @Test
    void stops_at_a_forwarded_entry_that_is_not_an_address() {
        assertEquals("10.1.1.1", proxies.resolve("10.0.0.2", headers("203.0.113.9, evil.example.com, 10.1.1.1")));
        assertEquals("10.0.0.2", proxies.resolve("10.0.0.2", headers("unknown")));
        assertEquals("10.0.0.2", proxies.resolve("10.0.0.2", headers()));
    }

    @Test
    void takes_the_left_most_when_every_hop_is_trusted() {
        assertEquals("10.3.3.3", proxies.resolve("10.0.0.2", headers("10.3.3.3, 10.2.2.2")));
    }

    @Test
    void parses_address_literals_without_resolving_names() {
        assertTrue(IpAddress.parse("localhost").isEmpty());
        assertTrue(IpAddress.parse("256.1.1.1").isEmpty());
        assertTrue(IpAddress.parse("1.2.3").isEmpty());
        assertTrue(IpAddress.parse("01.2.3.4").isEmpty());
        assertTrue(IpAddress.parse("fe80::zz").isEmpty());
        assertTrue(IpAddress.parse("example.com:80").isEmpty());
        assertEquals("fe80::1", IpAddress.normalise("fe80::1%eth0").orElseThrow());
        assertEquals("1.2.3.4", IpAddress.normalise(" 1.2.3.4 ").orElseThrow());
    }

    @Test
    void refuses_a_trusted_proxy_that_is_not_an_address_or_range() {
        for (String bad : List.of("proxy.internal", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x")) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> new ClientAddress(List.of(bad)), bad);
            assertEquals(ErrorCode.CONFIG_INVALID, error.code());
            assertTrue(error.getMessage().contains("'" + bad + "'"), error.getMessage());
        }
    }

    @Test
    void matches_ranges_on_their_prefix_bits() {
        ClientAddress narrow = new ClientAddress(List.of("172.16.0.0/12"));
        assertEquals("8.8.8.8", narrow.resolve("172.31.255.255", headers("8.8.8.8")));
        assertEquals("172.32.0.1", narrow.resolve("172.32.0.1", headers("8.8.8.8")));
    }
}
