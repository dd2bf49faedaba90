package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class EventsTest {

    /** What happened on one device, in file order (which is time order per person). */
    private record Seen(String type, String userId, String timestamp) {
    }

    private static Map<String, List<Seen>> byAnonymousId;
    private static Map<String, Integer> countByType;
    private static Set<String> completedOrders;
    private static List<JsonNode> serverEvents;

    @BeforeAll
    static void read() {
        byAnonymousId = new HashMap<>();
        countByType = new HashMap<>();
        completedOrders = new HashSet<>();
        serverEvents = new ArrayList<>();
        SampleData.jsonLines(OutputFiles.EVENTS).forEach(event -> {
            String type = event.get("type").asText();
            String label = type.equals("track") ? event.get("event").asText() : type;
            countByType.merge(label, 1, Integer::sum);
            assertTrue(event.hasNonNull("messageId") && event.hasNonNull("timestamp"), event.toString());
            String userId = event.hasNonNull("userId") ? event.get("userId").asText() : "";
            if (event.hasNonNull("anonymousId")) {
                assertTrue(event.at("/context/ip").isTextual() && event.at("/context/userAgent").isTextual(),
                        "browser event without context: " + event);
                byAnonymousId.computeIfAbsent(event.get("anonymousId").asText(), id -> new ArrayList<>())
                        .add(new Seen(type, userId, event.get("timestamp").asText()));
            } else {
                serverEvents.add(event);
            }
            if (label.equals("Order Completed")) {
                completedOrders.add(event.at("/properties/order_id").asText());
                assertTrue(event.at("/properties/products").size() > 0, event.toString());
            }
        });
    }

    @Test
    void anonymous_devices_become_identified_when_someone_signs_in() {
        int transitions = 0;
        for (List<Seen> device : byAnonymousId.values()) {
            int firstIdentify = -1;
            for (int index = 0; index < device.size(); index++) {
                if (device.get(index).type().equals("identify") && !device.get(index).userId().isEmpty()) {
                    firstIdentify = index;
                    break;
                }
            }
            if (firstIdentify < 0) {
                assertTrue(device.stream().allMatch(seen -> seen.userId().isEmpty()),
                        "user id without an identify on the device");
                continue;
            }
            for (int index = 0; index < firstIdentify; index++) {
                assertTrue(device.get(index).userId().isEmpty(), "user id before sign-in: " + device.get(index));
            }
            for (int index = firstIdentify; index < device.size(); index++) {
                assertFalse(device.get(index).userId().isEmpty(), "lost the user id after sign-in");
            }
            if (firstIdentify > 0) {
                transitions++;
            }
        }
        assertTrue(transitions > 100, "devices going from anonymous to identified: " + transitions);
    }

    @Test
    void events_of_a_device_are_in_time_order() {
        for (List<Seen> device : byAnonymousId.values()) {
            for (int index = 1; index < device.size(); index++) {
                assertTrue(device.get(index - 1).timestamp().compareTo(device.get(index).timestamp()) <= 0,
                        "out of order: " + device.get(index - 1) + " then " + device.get(index));
            }
        }
    }

    @Test
    void every_order_has_exactly_one_order_completed_event() {
        List<String> orders = SampleData.csv(OutputFiles.ORDERS).column("order_id");
        assertEquals(new HashSet<>(orders), completedOrders);
        assertEquals(orders.size(), countByType.get("Order Completed"));
    }

    @Test
    void all_spec_calls_are_present() {
        for (String label : List.of("page", "identify", "Product Viewed", "Product Added", "Checkout Started",
                "Order Completed", "Order Refunded", "Order Cancelled")) {
            assertTrue(countByType.getOrDefault(label, 0) > 0, "no " + label + " in " + countByType);
        }
    }

    @Test
    void server_side_refunds_carry_only_the_user_id() {
        assertFalse(serverEvents.isEmpty());
        for (JsonNode event : serverEvents) {
            assertTrue(event.hasNonNull("userId"), event.toString());
            assertTrue(event.get("event").asText().startsWith("Order "), event.toString());
        }
    }

    @Test
    void some_devices_stay_anonymous() {
        long anonymousOnly = byAnonymousId.values().stream()
                .filter(device -> device.stream().allMatch(seen -> seen.userId().isEmpty())).count();
        assertTrue(anonymousOnly > 100, "anonymous-only devices: " + anonymousOnly);
    }
}
