package dev.ownstack.cli.generate;

/**
 * The ids of every generated record, each a permuted (person index, slot) pair: unique by
 * construction, stable for a seed, and unrelated between the records of one person.
 */
final class RecordIds {

    /** Slots per person for each kind of record; the caps are enforced where records are made. */
    static final int CONTACT_SLOTS = 4;
    static final int ORDER_SLOTS = 256;

    private static final int HALF_BITS = 20;
    private static final long SHOP_CUSTOMER_OFFSET = 5_000_000_000_000L;
    private static final long ORDER_OFFSET = 3_000_000_000_000L;

    private final IdPermutation crmContacts;
    private final IdPermutation shopCustomers;
    private final IdPermutation orders;
    private final IdPermutation transactions;
    private final long newsletterKey;

    RecordIds(long seed) {
        long base = Seeds.derive(seed, -1, Seeds.Purpose.IDS);
        this.crmContacts = new IdPermutation(HALF_BITS, Seeds.mix(base + 1));
        this.shopCustomers = new IdPermutation(HALF_BITS, Seeds.mix(base + 2));
        this.orders = new IdPermutation(HALF_BITS, Seeds.mix(base + 3));
        this.transactions = new IdPermutation(HALF_BITS, Seeds.mix(base + 4));
        this.newsletterKey = Seeds.mix(base + 5);
    }

    String crmContactId(long personIndex, int slot) {
        return String.format("C%013d", crmContacts.apply(personIndex * CONTACT_SLOTS + checkSlot(slot, CONTACT_SLOTS)));
    }

    String shopCustomerId(long personIndex, int slot) {
        return Long.toString(SHOP_CUSTOMER_OFFSET
                + shopCustomers.apply(personIndex * CONTACT_SLOTS + checkSlot(slot, CONTACT_SLOTS)));
    }

    /** 16 hexadecimal digits; the mix is a bijection, so distinct slots give distinct ids. */
    String newsletterId(long personIndex, int slot) {
        long value = Seeds.mix((personIndex * CONTACT_SLOTS + checkSlot(slot, CONTACT_SLOTS)) ^ newsletterKey);
        String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }

    long orderId(long personIndex, int orderNumber) {
        return ORDER_OFFSET + orders.apply(personIndex * ORDER_SLOTS + checkSlot(orderNumber, ORDER_SLOTS));
    }

    /** Slot 0 is the order itself, slot 1 its cancellation or refund. */
    long transactionId(long personIndex, int orderNumber, int slot) {
        long sequence = (personIndex * ORDER_SLOTS + checkSlot(orderNumber, ORDER_SLOTS)) * 2 + checkSlot(slot, 2);
        return transactions.apply(sequence);
    }

    private static int checkSlot(int slot, int slots) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot must be in [0, " + slots + "), got " + slot);
        }
        return slot;
    }
}
