package dev.ownstack.destinations.sftp;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.file.FileStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Files on an SFTP server under a remote folder: uploaded as {@code .<name>.part} and then
 * renamed over the target (with the OpenSSH {@code posix-rename} extension when the server has
 * it, so a reader sees the old or the new file, never a partial one). One connection per
 * {@link #publish} batch, opened on first use and kept until {@link #close} or a failure.
 */
public final class SftpStore implements FileStore {
    private final SftpConnection connection;
    private final String root;
    private final AtomicReference<String> refusedHostKey = new AtomicReference<>();
    private SshClient client;
    private SftpClient sftp;

    SftpStore(SftpConnection connection, String root) {
        this.connection = Objects.requireNonNull(connection, "connection");
        String trimmed = Objects.requireNonNull(root, "root");
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.root = trimmed;
    }

    @Override
    public String describe() {
        return connection.describe() + (root.startsWith("/") ? root : "/" + root);
    }

    @Override
    public synchronized CheckResult check() {
        try {
            SftpClient.Attributes attributes = sftp().stat(root);
            if (!attributes.isDirectory()) {
                return CheckResult.failed(describe() + " is not a folder");
            }
            return CheckResult.ok(describe() + " is reachable and the host key matches");
        } catch (IOException | RuntimeException e) {
            disconnect();
            return CheckResult.failed(describe() + ": " + reason(e));
        }
    }

    @Override
    public synchronized void publish(String path, Path file) {
        String target = root + "/" + path;
        int slash = target.lastIndexOf('/');
        String folder = target.substring(0, slash);
        String part = folder + "/." + target.substring(slash + 1) + ".part";
        try {
            SftpClient client = sftp();
            makeFolders(client, folder);
            try (OutputStream out = client.write(part)) {
                Files.copy(file, out);
            }
            rename(client, part, target);
        } catch (IOException | RuntimeException e) {
            disconnect();
            // a refused host key or login will not get better by retrying: the run stops
            boolean auth = refusedHostKey.get() != null
                    || e instanceof SshException && reason(e).toLowerCase(java.util.Locale.ROOT).contains("authentication");
            ErrorClass errorClass = auth ? ErrorClass.AUTH : ErrorClass.RETRYABLE;
            throw new DestinationException(errorClass, "cannot write " + connection.describe() + target + ": " + reason(e), Optional.empty(), e);
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }

    private SftpClient sftp() throws IOException {
        if (sftp == null || !sftp.isOpen()) {
            disconnect();
            refusedHostKey.set(null);
            client = connection.client(refusedHostKey);
            sftp = connection.open(client);
        }
        return sftp;
    }

    private void disconnect() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException e) {
            // the session is being dropped after a failure, or at close: nothing more to save
        } finally {
            sftp = null;
            if (client != null) {
                client.stop();
                client = null;
            }
        }
    }

    private static void makeFolders(SftpClient client, String folder) throws IOException {
        StringBuilder path = new StringBuilder(folder.startsWith("/") ? "/" : "");
        for (String name : folder.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            path.append(path.length() == 0 || path.charAt(path.length() - 1) == '/' ? "" : "/").append(name);
            try {
                client.stat(path.toString());
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
                client.mkdir(path.toString());
            }
        }
    }

    private static void rename(SftpClient client, String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posix = client.getExtension(OpenSSHPosixRenameExtension.class);
        if (posix != null && posix.isSupported()) {
            posix.posixRename(from, to);
            return;
        }
        // SFTP v3 rename refuses an existing target: a rerun of the same run replaces its files
        try {
            client.remove(to);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
        client.rename(from, to);
    }

    private String reason(Exception e) {
        String refused = refusedHostKey.get();
        if (refused != null) {
            return refused;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
