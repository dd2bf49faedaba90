package dev.ownstack.ingest.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceDatabaseTest {

    @Test
    void location_keeps_host_port_and_database_and_drops_parameters() {
        assertEquals("db.internal:5432/shop", SourceDatabase.location("jdbc:postgresql://db.internal:5432/shop?password=x&ssl=true"));
        assertEquals("db.internal/shop", SourceDatabase.location("jdbc:postgresql://db.internal/shop"));
    }

    @Test
    void location_of_an_url_without_authority_drops_credentials_and_parameters() {
        assertEquals("dbhost:1521/orcl", SourceDatabase.location("jdbc:oracle:thin:scott/tiger@dbhost:1521/orcl"));
        assertEquals("host:1433", SourceDatabase.location("jdbc:sqlserver://host:1433;password=x"));
    }
}
