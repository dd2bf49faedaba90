package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Normalises distinct texts in the JVM: a query's (kind, raw) rows stream in on one thread, are
 * normalised in batches on a pool of threads, and are appended in their order to
 * {@code identity.work_normalised} (kind, raw, value, blocked) through a sibling connection in
 * one transaction. A text with no key (invalid, empty) gets a NULL value, so it is not sent twice.
 * One instance serves one run; each call starts and stops its threads.
 */
final class TextNormalisation {
    private static final int BATCH = 4096;
    static final List<String> COLUMNS = List.of("kind", "raw", "value", "blocked");

    private final Normalisers normalisers;
    private final int threads;

    TextNormalisation(Normalisers normalisers, int threads) {
        this.normalisers = normalisers;
        this.threads = threads;
    }

    /** Normalises every row of {@code query} (kind name, raw text); returns how many. */
    long normalise(Warehouse warehouse, String query) {
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
