package dev.ownstack.destinations.sftp;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.destinations.file.FileDestinationFactory;
import dev.ownstack.destinations.file.FileStore;
import java.time.Duration;
import java.util.List;

/** {@code type: sftp}: CSV or JSON-lines files per run on an SFTP server, password or key authentication, pinned host key. */
public final class SftpDestinationFactory extends FileDestinationFactory {
    @Override
    public String type() {
        return "sftp";
    }

    @Override
    public String description() {
        return "CSV or JSON-lines files per run on an SFTP server (pinned host key), uploaded under a temporary name and renamed.";
    }

    @Override
    protected List<ConfigField> storeFields() {
        return List.of(
                ConfigField.required("host", ConfigField.Type.STRING, "The SFTP server's host name or address."),
                ConfigField.withDefault("port", ConfigField.Type.INTEGER, 22L, "The SFTP server's port."),
                ConfigField.required("username", ConfigField.Type.STRING, "The user to log in as."),
                ConfigField.optional("password", ConfigField.Type.SECRET, "The user's password; best as ${env:NAME}."),
                ConfigField.optional("private-key", ConfigField.Type.SECRET, "A private key in OpenSSH or PEM form; best as ${env:NAME}."),
                ConfigField.optional("private-key-passphrase", ConfigField.Type.SECRET, "The private key's passphrase, if it has one."),
                ConfigField.required("host-key-fingerprint", ConfigField.Type.STRING,
                        "The server's host key as `ssh-keygen -lf` prints it (SHA256:...); any other key is refused."),
                ConfigField.withDefault("path", ConfigField.Type.STRING, ".", "The remote folder the files go to; it must exist."),
                ConfigField.withDefault("timeout-seconds", ConfigField.Type.INTEGER, 30L, "Seconds to wait to connect and log in."));
    }

    @Override
    protected FileStore store(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        if (settings.optionalSecret("password").isEmpty() && settings.optionalSecret("private-key").isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "password: set a password or a private-key");
        }
        long port = settings.integer("port");
        if (port < 1 || port > 65_535) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "port: must be from 1 to 65535, got " + port);
        }
        long timeout = settings.integer("timeout-seconds");
        if (timeout < 1) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "timeout-seconds: must be at least 1, got " + timeout);
        }
        SftpConnection connection = new SftpConnection(settings.string("host"), (int) port, settings.string("username"),
                settings.optionalSecret("password"), settings.optionalSecret("private-key"), settings.optionalSecret("private-key-passphrase"),
                settings.string("host-key-fingerprint"), Duration.ofSeconds(timeout));
        return new SftpStore(connection, settings.string("path"));
    }
}
