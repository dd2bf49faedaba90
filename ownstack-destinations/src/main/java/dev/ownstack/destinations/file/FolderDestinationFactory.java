package dev.ownstack.destinations.file;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationSettings;
import java.nio.file.Path;
import java.util.List;

/** {@code type: file}: CSV or JSON-lines files in a local (or mounted) folder. */
public final class FolderDestinationFactory extends FileDestinationFactory {
    @Override
    public String type() {
        return "file";
    }

    @Override
    public String description() {
        return "CSV or JSON-lines files per run in a local folder: added and removed records and/or a full snapshot, with a manifest.";
    }

    @Override
    protected List<ConfigField> storeFields() {
        return List.of(ConfigField.required("path", ConfigField.Type.LOCAL_PATH,
                "The folder the files go to; it must exist. A relative path is read from the project's folder."));
    }

    @Override
    protected FileStore store(DestinationSettings settings) {
        return new FolderStore(Path.of(settings.string("path")));
    }
}
