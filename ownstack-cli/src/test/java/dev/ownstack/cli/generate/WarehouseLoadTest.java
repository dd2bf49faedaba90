package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files load into DuckDB, the default warehouse, with strict CSV parsing and the column types a
 * user would declare, and every row arrives.
 */
class WarehouseLoadTest {

    private static Connection connection;
    private static Path directory;

    @BeforeAll
    static void open() throws SQLException {
        directory = SampleData.directory();
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void contact_files_load_strictly_with_every_row() throws SQLException {
        assertRows(OutputFiles.CRM_CONTACTS, csv(OutputFiles.CRM_CONTACTS, "all_varchar = true"));
        assertRows(OutputFiles.SHOP_CUSTOMERS, csv(OutputFiles.SHOP_CUSTOMERS,
                "columns = {'customer_id': 'BIGINT', 'email': 'VARCHAR', 'first_name': 'VARCHAR', "
                        + "'last_name': 'VARCHAR', 'phone': 'VARCHAR', 'accepts_marketing': 'BOOLEAN', "
                        + "'address_line': 'VARCHAR', 'city': 'VARCHAR', 'postcode': 'VARCHAR', 'country': 'VARCHAR', "
                        + "'created_at': 'TIMESTAMPTZ'}"));
        assertRows(OutputFiles.TRUTH, csv(OutputFiles.TRUTH, "all_varchar = true"));
    }

    @Test
    void order_files_load_with_numeric_and_timestamp_types() throws SQLException {
        assertRows(OutputFiles.ORDERS, csv(OutputFiles.ORDERS,
                "columns = {'order_id': 'BIGINT', 'customer_id': 'BIGINT', 'ordered_at': 'TIMESTAMPTZ', "
                        + "'status': 'VARCHAR', 'currency': 'VARCHAR', 'total': 'DECIMAL(14,2)'}"));
        assertRows(OutputFiles.ORDER_ITEMS, csv(OutputFiles.ORDER_ITEMS,
                "columns = {'order_id': 'BIGINT', 'line': 'INTEGER', 'sku': 'VARCHAR', 'product_name': 'VARCHAR', "
                        + "'quantity': 'INTEGER', 'unit_price': 'DECIMAL(10,2)', 'refunded_quantity': 'INTEGER'}"));
        assertRows(OutputFiles.TRANSACTIONS, csv(OutputFiles.TRANSACTIONS,
                "columns = {'transaction_id': 'BIGINT', 'order_id': 'BIGINT', 'customer_id': 'BIGINT', "
                        + "'type': 'VARCHAR', 'occurred_at': 'TIMESTAMPTZ', 'currency': 'VARCHAR', "
                        + "'amount': 'DECIMAL(14,2)'}"));
    }

    @Test
    void order_totals_equal_the_sum_of_their_lines_and_transactions_net_to_what_was_kept() throws SQLException {
        String orders = csv(OutputFiles.ORDERS, "columns = {'order_id': 'BIGINT', 'customer_id': 'BIGINT', "
                + "'ordered_at': 'TIMESTAMPTZ', 'status': 'VARCHAR', 'currency': 'VARCHAR', 'total': 'DECIMAL(14,2)'}");
        String items = csv(OutputFiles.ORDER_ITEMS, "columns = {'order_id': 'BIGINT', 'line': 'INTEGER', "
                + "'sku': 'VARCHAR', 'product_name': 'VARCHAR', 'quantity': 'INTEGER', 'unit_price': 'DECIMAL(10,2)', "
                + "'refunded_quantity': 'INTEGER'}");
        String transactions = csv(OutputFiles.TRANSACTIONS, "columns = {'transaction_id': 'BIGINT', "
                + "'order_id': 'BIGINT', 'customer_id': 'BIGINT', 'type': 'VARCHAR', 'occurred_at': 'TIMESTAMPTZ', "
                + "'currency': 'VARCHAR', 'amount': 'DECIMAL(14,2)'}");
        assertEquals(0, count("SELECT count(*) FROM " + orders + " o JOIN (SELECT order_id, "
                + "sum(quantity * unit_price) AS lines, sum(refunded_quantity * unit_price) AS refunded FROM " + items
                + " GROUP BY order_id) i USING (order_id) JOIN (SELECT order_id, sum(amount) AS net FROM "
                + transactions + " GROUP BY order_id) t USING (order_id) "
                + "WHERE o.total <> i.lines OR t.net <> i.lines - i.refunded"));
        assertEquals(0, count("SELECT count(*) FROM " + transactions + " t JOIN " + orders
                + " o USING (order_id) WHERE t.occurred_at < o.ordered_at"));
    }

    @Test
    void json_lines_files_load_with_every_row() throws SQLException {
        assertRows(OutputFiles.EVENTS, "read_json('" + directory.resolve(OutputFiles.EVENTS)
                + "', format = 'newline_delimited', records = true, maximum_object_size = 1048576)");
        assertRows(OutputFiles.NEWSLETTER_SIGNUPS, "read_json('" + directory.resolve(OutputFiles.NEWSLETTER_SIGNUPS)
                + "', format = 'newline_delimited', records = true)");
        assertTrue(count("SELECT count(*) FROM read_json('" + directory.resolve(OutputFiles.EVENTS)
                + "', format = 'newline_delimited', records = true, maximum_object_size = 1048576) "
                + "WHERE type = 'identify' AND userId IS NOT NULL") > 0);
    }

    private static String csv(String fileName, String options) {
        return "read_csv('" + directory.resolve(fileName) + "', header = true, strict_mode = true, " + options + ")";
    }

    private static void assertRows(String fileName, String relation) throws SQLException {
        assertEquals(SampleData.summary().rowsByFile().get(fileName), count("SELECT count(*) FROM " + relation),
                fileName);
    }

    private static long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
