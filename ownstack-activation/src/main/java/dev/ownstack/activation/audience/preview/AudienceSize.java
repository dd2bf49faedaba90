package dev.ownstack.activation.audience.preview;

/**
 * @param members   the audience's members
 * @param customers every row of {@code model.customers}
 */
public record AudienceSize(long members, long customers) {
    public AudienceSize {
        if (members < 0 || members > customers) {
            throw new IllegalArgumentException("members " + members + " must lie between 0 and the customers " + customers);
        }
    }
}
