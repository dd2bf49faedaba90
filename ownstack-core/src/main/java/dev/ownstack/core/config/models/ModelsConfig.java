package dev.ownstack.core.config.models;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code models:} section of {@code ownstack.yml}: how the master models ({@code model.customers},
 * {@code model.customer_identities}, {@code model.transactions}, {@code model.events}) are built
 * from the identity tables and the raw tables.
 *
 * @param asOf         "now" for trait windows and days-since; empty means the time of each build
 * @param attributes   the golden columns of {@code model.customers}, in file order
 * @param transactions the table that becomes {@code model.transactions}; empty when the project has none
 * @param events       the table that becomes {@code model.events}
 * @param traits       computed columns of {@code model.customers}, in file order
 */
public record ModelsConfig(Optional<Instant> asOf, List<CustomerAttribute> attributes, Optional<TransactionsModel> transactions,
                           EventsModel events, List<Trait> traits) {
    /** Columns every {@code model.customers} has; attributes and traits may not take these names. */
    public static final List<String> CUSTOMER_COLUMNS = List.of("customer_id", "first_seen", "last_seen", "record_count", "source_count");

    /** Without a {@code models:} section: customers with the built-in columns, identities, and events from raw.events. */
    public static ModelsConfig defaults() {
        return new ModelsConfig(Optional.empty(), List.of(), Optional.empty(), EventsModel.DEFAULT, List.of());
    }

    public ModelsConfig {
        Objects.requireNonNull(asOf, "asOf");
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(events, "events");
        traits = List.copyOf(traits);
        Set<String> names = new HashSet<>(CUSTOMER_COLUMNS);
        for (CustomerAttribute attribute : attributes) {
            if (!names.add(attribute.name())) {
                throw new IllegalArgumentException("model.customers would have two columns named " + attribute.name());
            }
        }
        for (Trait trait : traits) {
            if (!names.add(trait.name())) {
                throw new IllegalArgumentException("model.customers would have two columns named " + trait.name());
            }
            if (trait.table() == ActivityTable.TRANSACTIONS && transactions.isEmpty()) {
                throw new IllegalArgumentException("trait " + trait.name() + " reads transactions, which are not configured");
            }
        }
    }

    /** The names of the identity sources this configuration refers to, for checking against the identity section. */
    public Set<String> identitySources() {
        Set<String> sources = new HashSet<>();
        attributes.forEach(attribute -> sources.addAll(attribute.sources().keySet()));
        transactions.ifPresent(model -> sources.add(model.source()));
        return sources;
    }
}
