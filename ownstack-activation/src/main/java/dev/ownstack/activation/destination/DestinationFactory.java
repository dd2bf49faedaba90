package dev.ownstack.activation.destination;

/**
 * A kind of destination (a connector), found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.ownstack.activation.destination.DestinationFactory}.
 * Implementations have a public no-argument constructor and no state.
 */
public interface DestinationFactory {
    /** The {@code type:} of a destination in {@code ownstack.yml}: lower case, e.g. {@code webhook}. */
    String type();

    /** One sentence for lists and the web app. */
    String description();

    /** The kind of tool this is, for consent; the company's own storage and pipelines unless overridden. */
    default DestinationCategory category() {
        return DestinationCategory.DATA;
    }

    /** The settings the type takes; secrets are marked. */
    ConfigSpec spec();

    /** What a destination with these settings can do and within which limits. */
    Capabilities capabilities(DestinationSettings settings);

    /**
     * What a destination of this type can do with its optional settings at their defaults: the
     * operations and limits {@code ownstack destination types} and the API list.
     */
    Capabilities defaultCapabilities();

    /**
     * Opens a destination; does not contact it (that is {@link Destination#check()}).
     *
     * @throws dev.ownstack.core.error.OwnstackException {@code CONFIG_INVALID} for settings that
     *     pass the spec but cannot work together
     */
    Destination open(DestinationSettings settings);
}
