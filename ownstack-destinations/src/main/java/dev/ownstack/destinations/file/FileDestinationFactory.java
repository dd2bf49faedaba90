package dev.ownstack.destinations.file;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file destination types (local folder, S3, SFTP): the same files and settings, a different
 * {@link FileStore}. Upserts and removes in batches of up to 10,000 records; a snapshot when the
 * {@code files} setting asks for one.
 */
public abstract class FileDestinationFactory implements DestinationFactory {
    /** Records per batch: spooling is local, so the limit only bounds a batch's memory. */
    public static final int MAX_BATCH_RECORDS = 10_000;

    /** The settings that say where the files go, before the common ones. */
    protected abstract List<ConfigField> storeFields();

    /** The store the settings name; does not contact it. */
    protected abstract FileStore store(DestinationSettings settings);

    @Override
    public final ConfigSpec spec() {
        List<ConfigField> fields = new ArrayList<>(storeFields());
        fields.addAll(FileSettings.fields());
        return new ConfigSpec(fields);
    }

    @Override
    public final Capabilities capabilities(DestinationSettings settings) {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), MAX_BATCH_RECORDS, 0, 2, Optional.empty(),
                FileSettings.of(settings).files().snapshot());
    }

    /** With {@code files: changes}, the default: no snapshot. */
    @Override
    public final Capabilities defaultCapabilities() {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), MAX_BATCH_RECORDS, 0, 2, Optional.empty(), false);
    }

    @Override
    public final Destination open(DestinationSettings settings) {
        return new FileDestination(settings.name(), FileSettings.of(settings), store(settings));
    }
}
