package dev.ownstack.ingest.jdbc;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens read connections to a JDBC source. User and password travel as driver properties, never in
 * the URL; messages name the source and the URL's host, port and database, never the password
 * nor the URL's parameters.
 */
final class SourceDatabase {
    private final SourceConfig.Jdbc config;

    SourceDatabase(SourceConfig.Jdbc config) {
        this.config = config;
    }

    /**
     * A connection with autocommit off (PostgreSQL streams a result with a fetch size only inside a
     * transaction) and read-only, since a source is never written.
     */
    Connection connect() {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().map(Secret::reveal).ifPresent(password -> properties.setProperty("password", password));
        try {
            Connection connection = DriverManager.getConnection(config.url(), properties);
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                return connection;
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot connect to source '" + config.name() + "' at " + location(config.url())
                    + config.user().map(user -> " as " + user).orElse(""), e);
        }
    }

    /** An EXTERNAL error naming what failed, with the driver's first message line, masked. */
    OwnstackException failure(String what, SQLException e) {
        return new OwnstackException(ErrorCode.SOURCE_FAILED, what + ": " + mask(firstLine(e.getMessage())), e);
    }

    private String mask(String message) {
        String masked = message;
        if (config.password().isPresent() && !config.password().get().isEmpty()) {
            masked = masked.replace(config.password().get().reveal(), "****");
        }
        return masked;
    }

    /**
     * {@code host:port/database} of a URL such as {@code jdbc:postgresql://db.internal:5432/shop?ssl=true};
     * for URLs of another shape, the part before any parameters.
     */
    static String location(String url) {
        String withoutParameters = url.split("[?;]", 2)[0];
        String rest = withoutParameters.startsWith("jdbc:") ? withoutParameters.substring("jdbc:".length()) : withoutParameters;
        try {
            URI uri = new URI(rest);
            if (uri.getHost() != null) {
                return uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + (uri.getPath() == null ? "" : uri.getPath());
            }
        } catch (java.net.URISyntaxException e) {
            // not a URI with an authority; the URL without its parameters is still safe to show
        }
        int at = withoutParameters.lastIndexOf('@');
        return at >= 0 ? withoutParameters.substring(at + 1) : withoutParameters;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
