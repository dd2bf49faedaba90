package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Normalises distinct texts with the JVM's normalisers into {@code identity.work_normalised}
 * (kind, raw, value, blocked). A text with no key (invalid, empty) gets a NULL value, so it is not
 * sent twice.
 *
 * <p>Where the engine runs in this JVM (embedded DuckDB) the normalisers are a SQL function
 * ({@link Warehouse#defineTextFunction}) and one INSERT ... SELECT writes the rows: the engine
 * calls the function on its threads and writes in bulk. Elsewhere the query's (kind, raw) rows
 * stream in on one thread, are normalised in batches on a pool of threads, and are appended in
 * their order through a sibling connection in one transaction. One instance serves one run; each
 * call starts and stops its threads.
 */
final class TextNormalisation {
    private static final int BATCH = 4096;
    static final List<String> COLUMNS = List.of("kind", "raw", "value", "blocked");
    /**
     * The SQL function's name. It is the same function for every run: its first argument names
     * the run's normalisers in {@link #RUNS} and the kind, so that redefining it for another run,
     * even at the same time, changes nothing for this one.
     */
    static final String FUNCTION = "ownstack_normalise_key";
    private static final Map<String, Target> RUNS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_RUN = new AtomicLong();

    /** The normalisers and kind that one value of the function's first argument stands for. */
    private record Target(Normalisers normalisers, KeyKind kind) {
    }

    private final Normalisers normalisers;
    private final int threads;

    TextNormalisation(Normalisers normalisers, int threads) {
        this.normalisers = normalisers;
        this.threads = threads;
    }

    /** Normalises every row of {@code query} (kind name, raw text); returns how many. */
    long normalise(Warehouse warehouse, String query) {
        String run = "run" + NEXT_RUN.incrementAndGet() + ":";
        for (KeyKind kind : KeyKind.values()) {
            RUNS.put(run + kind.name(), new Target(normalisers, kind));
        }
        try {
            if (warehouse.defineTextFunction(FUNCTION, TextNormalisation::normaliseInEngine)) {
                return normaliseInEngine(warehouse, query, run);
            }
        } finally {
            for (KeyKind kind : KeyKind.values()) {
                RUNS.remove(run + kind.name());
            }
        }
        return normaliseInJvm(warehouse, query);
    }

    /**
     * The function's answer for (run and kind, raw): NULL for no key, else {@code B} (blocked) or
     * {@code L} (linked) and the value.
     */
    private static String normaliseInEngine(String runAndKind, String raw) {
        Target target = RUNS.get(runAndKind);
        if (target == null) {
            throw new IllegalStateException(FUNCTION + " called for " + runAndKind + ", which is not running");
        }
        return target.normalisers().normalised(target.kind(), raw).map(key -> (key.blocked() ? "B" : "L") + key.value()).orElse(null);
    }

    private static long normaliseInEngine(Warehouse warehouse, String query, String run) {
        SqlDialect dialect = warehouse.dialect();
        String key = FUNCTION + "(" + dialect.stringLiteral(run) + " || t.kind, t.raw)";
        return warehouse.execute("INSERT INTO " + dialect.table(IdentityTables.WORK_NORMALISED) + " (kind, raw, value, blocked)"
                + " SELECT kind, raw, substr(k, 2), COALESCE(substr(k, 1, 1) = 'B', FALSE) FROM (SELECT t.kind, t.raw, " + key
                + " AS k FROM (" + query + ") t) normalised");
    }

    private long normaliseInJvm(Warehouse warehouse, String query) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ownstack-normalise");
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<Future<Object[][]>> pending = new ArrayBlockingQueue<>(threads * 4);
        Future<Object[][]> end = CompletableFuture.completedFuture(new Object[0][]);
        AtomicBoolean stopped = new AtomicBoolean();
        RuntimeException[] readFailure = {null};
        Thread reader = new Thread(() -> {
            try {
                Batcher batcher = new Batcher(pool, pending, stopped);
                warehouse.query(query, List.of(), batcher);
                batcher.submit();
            } catch (RuntimeException e) {
                readFailure[0] = e;
            } finally {
                putQuietly(pending, end);
            }
        }, "ownstack-normalise-reader");
        reader.setDaemon(true);
        reader.start();
        try (Warehouse writerConnection = warehouse.openSibling()) {
            return writerConnection.inTransaction(transaction -> {
                long written = 0;
                try (RowWriter writer = transaction.append(IdentityTables.WORK_NORMALISED, COLUMNS)) {
                    for (Future<Object[][]> batch = take(pending); batch != end; batch = take(pending)) {
                        for (Object[] row : result(batch)) {
                            writer.write(row);
                            written++;
                        }
                    }
                }
                join(reader);
                if (readFailure[0] != null) {
                    throw readFailure[0];
                }
                return written;
            });
        } catch (RuntimeException failure) {
            stopped.set(true);
            // let a reader blocked on a full queue finish
            pending.clear();
            join(reader);
            throw failure;
        } finally {
            pool.shutdownNow();
        }
    }

    private Object[][] normaliseBatch(List<String[]> batch) {
        Object[][] rows = new Object[batch.size()][];
        for (int i = 0; i < rows.length; i++) {
            String kindName = batch.get(i)[0];
            String raw = batch.get(i)[1];
            Optional<Normalisers.Normalised> key = normalisers.normalised(KeyKind.valueOf(kindName), raw);
            rows[i] = new Object[] {kindName, raw, key.map(Normalisers.Normalised::value).orElse(null),
                key.map(Normalisers.Normalised::blocked).orElse(false)};
        }
        return rows;
    }

    /** Collects streamed rows into batches and hands each to the pool, in order. */
    private final class Batcher implements RowHandler {
        private final ExecutorService pool;
        private final BlockingQueue<Future<Object[][]>> pending;
        private final AtomicBoolean stopped;
        private List<String[]> batch = new ArrayList<>(BATCH);

        Batcher(ExecutorService pool, BlockingQueue<Future<Object[][]>> pending, AtomicBoolean stopped) {
            this.pool = pool;
            this.pending = pending;
            this.stopped = stopped;
        }

        @Override
        public void columns(List<ResultColumn> columns) {
        }

        @Override
        public void row(Object[] values) {
            batch.add(new String[] {(String) values[0], (String) values[1]});
            if (batch.size() == BATCH) {
                submit();
            }
        }

        void submit() {
            if (stopped.get()) {
                throw new OwnstackException(ErrorCode.INTERNAL, "normalisation stopped: the writer failed");
            }
            if (batch.isEmpty()) {
                return;
            }
            List<String[]> full = batch;
            batch = new ArrayList<>(BATCH);
            try {
                pending.put(pool.submit(() -> normaliseBatch(full)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while normalising key values", e);
            }
        }
    }

    private static Future<Object[][]> take(BlockingQueue<Future<Object[][]>> pending) {
        try {
            return pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while normalising key values", e);
        }
    }

    private static Object[][] result(Future<Object[][]> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while normalising key values", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new OwnstackException(ErrorCode.INTERNAL, "normalising key values failed: " + e.getCause(), e.getCause());
        }
    }

    private static void putQuietly(BlockingQueue<Future<Object[][]>> pending, Future<Object[][]> item) {
        boolean interrupted = false;
        while (true) {
            try {
                pending.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.INTERNAL, "interrupted while normalising key values", e);
        }
    }
}
