package dev.ownstack.cli.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a person's product events to events.jsonl in the shape of Segment's Spec
 * (https://segment.com/docs/connections/spec/): page, track and identify calls from the browser
 * library, and order cancellations and refunds tracked by the shop's server.
 *
 * <p>Each device has its own anonymous id. Until someone signs in on a device its events carry only
 * the anonymous id; signing in sends an identify with the shop account's id as {@code userId}, and
 * every later event from that device carries both, as analytics.js does once it stores the user id.
 * Server-side events carry only the {@code userId}.
 */
final class EventStream {

    static final String ANONYMOUS_ID_SOURCE = "events.anonymousId";
    static final String USER_ID_SOURCE = "events.userId";

    private static final long STEP_MILLIS = 45_000L;
    /**
     * Browsing takes at most about ten minutes and a purchase under two hours (146 steps at most), so
     * visits this far apart never interleave and a device's events stay in time order.
     */
    private static final long VISIT_SPACING_MILLIS = 30 * ReferenceWindow.MILLIS_PER_MINUTE;
    private static final long PURCHASE_LEAD_MILLIS = 3 * ReferenceWindow.MILLIS_PER_HOUR;
    private static final int[] IP_FIRST_OCTETS = {31, 51, 62, 77, 78, 81, 82, 86, 90, 92, 94, 109, 146, 176, 178, 188, 212, 217};

    /** Something a person did in one sitting; visits are written in time order. */
    private sealed interface Visit permits Browse, Purchase, Reversal {
        long at();
    }

    private record Browse(long at, int device) implements Visit {
    }

    private record Purchase(long at, int device, Order order) implements Visit {
    }

    private record Reversal(long at, Order order) implements Visit {
    }

    private static final class Device {
        final String anonymousId;
        final String userAgent;
        final String ip;
        /** The context object of the device's events, written once as JSON. */
        final String contextJson;
        String userId = "";
        boolean used;
        long lastBrowseAt = Long.MIN_VALUE / 2;

        Device(SplittableRandom random) {
            anonymousId = uuid(random);
            userAgent = Vocabulary.USER_AGENTS[random.nextInt(Vocabulary.USER_AGENTS.length)];
            ip = IP_FIRST_OCTETS[random.nextInt(IP_FIRST_OCTETS.length)] + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + (1 + random.nextInt(254));
            contextJson = "{\"ip\":" + JsonLine.quoted(ip) + ",\"userAgent\":" + JsonLine.quoted(userAgent)
                    + ",\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.70.0\"}}";
        }
    }

    private final ProductCatalog catalog;

    EventStream(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    void write(Person person, ContactSources.Presence presence, List<ContactSources.ShopAccount> accounts,
            List<Order> orders, SplittableRandom random, OutputFiles files) {
        List<Device> devices = devices(presence, random);
        if (devices.isEmpty()) {
            return;
        }
        List<Visit> visits = new ArrayList<>();
        for (Order order : orders) {
            int device = devices.size() == 1 || Noise.chance(random, 600) ? 0 : random.nextInt(devices.size());
            visits.add(new Purchase(order.orderedAt(), device, order));
            if (order.status() != Order.Status.COMPLETED) {
                visits.add(new Reversal(order.reversedAt(), order));
            }
        }
        for (int device = 0; device < devices.size(); device++) {
            int browses = random.nextInt(4) + (device > 0 || orders.isEmpty() ? 1 : 0);
            for (int browse = 0; browse < browses; browse++) {
                long start = browseStart(random);
                if (!overlapsAPurchase(start, orders)) {
                    visits.add(new Browse(start, device));
                }
            }
        }
        visits.sort(Comparator.comparingLong(Visit::at));
        boolean emailOnlySignup = accounts.isEmpty() && presence.newsletterSignups() > 0 && random.nextBoolean();
        List<String> userIds = new ArrayList<>(accounts.size());
        for (Visit visit : visits) {
            // Type patterns in switch need Java 21; the three kinds are checked in turn instead.
            if (visit instanceof Browse browse) {
                Device device = devices.get(browse.device());
                if (browse.at() < device.lastBrowseAt + VISIT_SPACING_MILLIS) {
                    continue;
                }
                device.lastBrowseAt = browse.at();
                writeBrowse(device, browse.at(), emailOnlySignup ? Noise.email(person, random) : "", random, files);
                emailOnlySignup = false;
            } else if (visit instanceof Purchase purchase) {
                ContactSources.ShopAccount account = accounts.get(purchase.order().accountIndex());
                writePurchase(devices.get(purchase.device()), account, purchase.order(), random, files);
                addOnce(userIds, account.customerId());
            } else {
                Reversal reversal = (Reversal) visit;
                ContactSources.ShopAccount account = accounts.get(reversal.order().accountIndex());
                writeReversal(account, reversal.order(), random, files);
                addOnce(userIds, account.customerId());
            }
        }
        for (Device device : devices) {
            if (device.used) {
                files.truth(ANONYMOUS_ID_SOURCE, device.anonymousId, person);
            }
        }
        for (String userId : userIds) {
            files.truth(USER_ID_SOURCE, userId, person);
        }
    }

    /** A visit lasts minutes, so it starts at least an hour before the window ends. */
    private static long browseStart(SplittableRandom random) {
        return ReferenceWindow.START_MILLIS
                + random.nextLong(ReferenceWindow.lengthMillis() - ReferenceWindow.MILLIS_PER_HOUR);
    }

    /** A browsing visit that would overlap a purchase visit is left out rather than moved. */
    private static boolean overlapsAPurchase(long start, List<Order> orders) {
        for (Order order : orders) {
            if (start > order.orderedAt() - PURCHASE_LEAD_MILLIS && start < order.orderedAt() + VISIT_SPACING_MILLIS) {
                return true;
            }
        }
        return false;
    }

    private static void addOnce(List<String> values, String value) {
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    /** Shoppers use one to three devices; people who never shopped visit from one device, if at all. */
    private static List<Device> devices(ContactSources.Presence presence, SplittableRandom random) {
        int count;
        if (presence.shopAccounts() > 0) {
            int draw = random.nextInt(100);
            count = draw < 55 ? 1 : draw < 85 ? 2 : 3;
        } else {
            count = Noise.chance(random, presence.newsletterSignups() > 0 ? 600 : 250) ? 1 : 0;
        }
        List<Device> devices = new ArrayList<>(count);
        for (int device = 0; device < count; device++) {
            devices.add(new Device(random));
        }
        return devices;
    }

    private void writeBrowse(Device device, long at, String signupEmail, SplittableRandom random,
            OutputFiles files) {
        long time = at;
        page(device, time, "Home", "/", "Home | Example Shop", random, files);
        if (!signupEmail.isEmpty()) {
            time += STEP_MILLIS;
            // A newsletter form identifies the visitor by email alone, without a user id.
            start(files, "identify", device, time, random)
                    .startObject("traits").text("email", signupEmail).endObject().end();
        }
        int views = 1 + random.nextInt(4);
        for (int view = 0; view < views; view++) {
            time += STEP_MILLIS + random.nextLong(STEP_MILLIS);
            ProductCatalog.Product product = catalog.draw(random);
            productPage(device, time, product, random, files);
            time += 1_000 + random.nextLong(5_000);
            productEvent("Product Viewed", device, time, product, 1, random, files);
            if (Noise.chance(random, 150)) {
                time += STEP_MILLIS;
                productEvent("Product Added", device, time, product, 1 + random.nextInt(3), random, files);
            }
        }
    }

    private static void writePurchase(Device device, ContactSources.ShopAccount account, Order order,
            SplittableRandom random, OutputFiles files) {
        int viewed = Math.min(order.lines().size(), 3);
        boolean signIn = !device.userId.equals(account.customerId());
        int steps = 1 + viewed * 2 + order.lines().size() + (signIn ? 1 : 0) + 2;
        long time = order.orderedAt() - steps * STEP_MILLIS;
        page(device, time, "Home", "/", "Home | Example Shop", random, files);
        for (int line = 0; line < viewed; line++) {
            ProductCatalog.Product product = order.lines().get(line).product();
            time += STEP_MILLIS;
            productPage(device, time + random.nextLong(STEP_MILLIS / 2), product, random, files);
            time += STEP_MILLIS;
            productEvent("Product Viewed", device, time + random.nextLong(STEP_MILLIS / 2), product, 1, random, files);
        }
        for (Order.Line line : order.lines()) {
            time += STEP_MILLIS;
            productEvent("Product Added", device, time + random.nextLong(STEP_MILLIS / 2), line.product(),
                    line.quantity(), random, files);
        }
        if (signIn) {
            time += STEP_MILLIS;
            device.userId = account.customerId();
            start(files, "identify", device, time + random.nextLong(STEP_MILLIS / 2), random)
                    .startObject("traits")
                    .text("email", account.email())
                    .optionalText("firstName", account.firstName())
                    .optionalText("lastName", account.lastName())
                    .timestamp("createdAt", account.createdAt())
                    .endObject().end();
        }
        time += STEP_MILLIS;
        page(device, time, "Checkout", "/checkout", "Checkout | Example Shop", random, files);
        time += STEP_MILLIS / 2;
        start(files, "track", device, time, random)
                .text("event", "Checkout Started")
                .startObject("properties")
                .number("order_id", order.orderId())
                .money("value", order.total())
                .text("currency", Money.CURRENCY)
                .endObject().end();
        JsonLine completed = start(files, "track", device, order.orderedAt(), random)
                .text("event", "Order Completed")
                .startObject("properties")
                .number("order_id", order.orderId())
                .money("total", order.total())
                .money("revenue", order.total())
                .text("currency", Money.CURRENCY)
                .startArray("products");
        for (Order.Line line : order.lines()) {
            completed.startElement()
                    .fields(line.product().jsonFields())
                    .number("quantity", line.quantity())
                    .endObject();
        }
        completed.endArray().endObject().end();
    }

    private static void writeReversal(ContactSources.ShopAccount account, Order order, SplittableRandom random,
            OutputFiles files) {
        String event = order.status() == Order.Status.CANCELLED ? "Order Cancelled" : "Order Refunded";
        files.events.start()
                .text("type", "track")
                .text("event", event)
                .text("messageId", uuid(random))
                .text("userId", account.customerId())
                .timestamp("timestamp", order.reversedAt())
                .startObject("context").startObject("library")
                .text("name", "analytics-java").text("version", "3.5.1").endObject().endObject()
                .startObject("properties")
                .number("order_id", order.orderId())
                .money("total", order.reversedAmount())
                .text("currency", Money.CURRENCY)
                .endObject()
                .end();
    }

    private static void page(Device device, long at, String name, String path, String title,
            SplittableRandom random, OutputFiles files) {
        start(files, "page", device, at, random)
                .text("name", name)
                .startObject("properties")
                .text("path", path).text("url", ProductCatalog.SHOP_URL + path).text("title", title)
                .endObject().end();
    }

    private static void productPage(Device device, long at, ProductCatalog.Product product, SplittableRandom random,
            OutputFiles files) {
        start(files, "page", device, at, random).plainText("name", "Product")
                .raw("properties", product.pageJson()).end();
    }

    private static void productEvent(String event, Device device, long at, ProductCatalog.Product product,
            int quantity, SplittableRandom random, OutputFiles files) {
        start(files, "track", device, at, random)
                .text("event", event)
                .startObject("properties")
                .fields(product.jsonFields())
                .number("quantity", quantity)
                .text("currency", Money.CURRENCY)
                .endObject().end();
    }

    /** Opens an event with the fields every browser call has; the user id once someone signed in on the device. */
    private static JsonLine start(OutputFiles files, String type, Device device, long at, SplittableRandom random) {
        device.used = true;
        JsonLine line = files.events.start()
                .plainText("type", type)
                .plainText("messageId", uuid(random))
                .plainText("anonymousId", device.anonymousId);
        if (!device.userId.isEmpty()) {
            line.plainText("userId", device.userId);
        }
        return line
                .timestamp("timestamp", at)
                .raw("context", device.contextJson);
    }

    private static String uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
