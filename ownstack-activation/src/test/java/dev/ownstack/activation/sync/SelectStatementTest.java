package dev.ownstack.activation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;

class SelectStatementTest {
    @Test
    void accepts_one_select_or_with_statement_and_drops_trailing_semicolons() {
        assertEquals("SELECT id FROM model.customers", SelectStatement.check("s", "  SELECT id FROM model.customers ;; "));
        assertEquals("with x as (select 1 as id) select * from x", SelectStatement.check("s", "with x as (select 1 as id) select * from x"));
        assertEquals("-- the ids\nSELECT id FROM t", SelectStatement.check("s", "-- the ids\nSELECT id FROM t"));
    }

    @Test
    void ignores_keywords_and_semicolons_inside_quotes_and_comments() {
        String sql = "SELECT 'DELETE; DROP' AS \"update;\", $$INSERT;$$ AS y /* ; CREATE */ FROM t -- ; drop\n";
        assertEquals(sql.strip(), SelectStatement.check("s", sql));
    }

    @Test
    void rejects_two_statements() {
        OwnstackException e = assertThrows(OwnstackException.class, () -> SelectStatement.check("people", "SELECT 1; SELECT 2"));
        assertEquals(ErrorCode.CONFIG_INVALID, e.code());
        assertEquals("syncs.people.source.query: it holds more than one statement (a ';' before its end)", e.getMessage());
    }

    @Test
    void rejects_a_statement_that_is_not_a_select() {
        OwnstackException e = assertThrows(OwnstackException.class, () -> SelectStatement.check("people", "VALUES (1)"));
        assertEquals("syncs.people.source.query: it must start with SELECT or WITH, got VALUES", e.getMessage());
    }

    @Test
    void rejects_a_with_that_writes() {
        OwnstackException e = assertThrows(OwnstackException.class,
                () -> SelectStatement.check("people", "WITH gone AS (DELETE FROM t RETURNING id) SELECT id FROM gone"));
        assertEquals("syncs.people.source.query: it uses DELETE; a sync reads with one SELECT (or WITH ... SELECT)", e.getMessage());
    }

    @Test
    void rejects_unclosed_quotes() {
        OwnstackException e = assertThrows(OwnstackException.class, () -> SelectStatement.check("people", "SELECT 'open FROM t"));
        assertEquals("syncs.people.source.query: a quoted text is not closed", e.getMessage());
    }
}
