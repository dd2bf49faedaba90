package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probabilistic matching on PostgreSQL gives what it gives on DuckDB. */
class ProbabilisticMatcherIT {
    private static final List<String> NAMES = List.of("robert", "rupert", "rubin", "ashcraft", "tymczak", "pfister", "honeyman",
            "lloyd", "x", "o'brien", "van der berg", "", "1234", "müller");

    private PostgresTestDatabase database;
    private Warehouse postgres;

    @BeforeEach
    void open() {
        database = PostgresTestDatabase.create();
        postgres = PostgresWarehouse.connect(database.config());
    }

    @AfterEach
    void close() {
        postgres.close();
        database.close();
    }

    @Test
    void computes_the_same_soundex_codes_as_duckdb() {
        List<String> onPostgres = new ArrayList<>();
        List<String> onDuckDb = new ArrayList<>();
        try (Warehouse duckDb = DuckDbWarehouse.inMemory()) {
            for (String name : NAMES) {
                onPostgres.add(ProbabilisticMatcherTest.soundex(postgres, name));
                onDuckDb.add(ProbabilisticMatcherTest.soundex(duckDb, name));
            }
        }
        assertEquals(onDuckDb, onPostgres);
        assertEquals(Arrays.asList("r163", "r163", "r150", "a261", "t522", "p236", "h555", "l300", "x000", "o165", "v536", null, null,
                "m460"), onPostgres);
    }

    @Test
    void links_the_same_pairs_with_the_same_weights_as_duckdb_on_fake_1000() {
        LabelledData data = LabelledData.fake1000();
        ProbabilisticConfig config = TestConfigs.probabilistic(ProbabilisticAccuracyTest.FAKE_1000, data.fields());
        MatchSummary onDuckDb;
        List<List<Object>> duckDbPairs;
        try (Warehouse duckDb = DuckDbWarehouse.inMemory()) {
            data.load(duckDb);
            onDuckDb = new ProbabilisticMatcher(config).match(duckDb, LabelledData.INPUT, ProbabilisticAccuracyTest.OUTPUT);
            duckDbPairs = ProbabilisticMatcherTest.pairs(duckDb, ProbabilisticAccuracyTest.OUTPUT);
        }
        data.load(postgres);
        MatchSummary onPostgres = new ProbabilisticMatcher(config).match(postgres, LabelledData.INPUT, ProbabilisticAccuracyTest.OUTPUT);
        List<List<Object>> postgresPairs = ProbabilisticMatcherTest.pairs(postgres, ProbabilisticAccuracyTest.OUTPUT);
        assertFalse(duckDbPairs.isEmpty());
        assertEquals(duckDbPairs, postgresPairs);
        assertEquals(onDuckDb.candidatePairs(), onPostgres.candidatePairs());
        assertEquals(onDuckDb.rules(), onPostgres.rules());
        assertEquals(onDuckDb.lambda(), onPostgres.lambda());
        assertEquals(onDuckDb.comparisons(), onPostgres.comparisons());
    }
}
