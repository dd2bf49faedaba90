package dev.ownstack.cli.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates the demo and benchmark data set: contacts in three sources with realistic duplicates,
 * orders with cancellations and refunds, Segment-shaped product events, and the truth that ties
 * every record to the person behind it. See docs/GENERATOR.md for the files and the model.
 *
 * <p>People are generated one at a time from (seed, index) and written straight out, so memory
 * does not grow with the number of people and the same options always give the same bytes.
 * An instance holds no state between runs; one run uses the calling thread only.
 */
public final class DataGenerator {

    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;
    private static final int PROGRESS_CHECK_MASK = 255;

    public GeneratorSummary generate(GeneratorOptions options, ProgressListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        Path directory = prepare(options);
        long seed = options.seed();
        RecordIds ids = new RecordIds(seed);
        ProductCatalog catalog = new ProductCatalog(seed);
        PersonFactory persons = new PersonFactory(seed, options.customers());
        ContactSources contacts = new ContactSources(ids);
        OrderHistory orderHistory = new OrderHistory(ids, catalog);
        EventStream events = new EventStream(catalog);
        SplittableRandom blockOrder = Seeds.random(seed, 0, Seeds.Purpose.BLOCK_ORDER);

        OutputFiles files = OutputFiles.open(options);
        boolean writesOrders = files.writes(OutputFiles.ORDERS) || files.writes(OutputFiles.ORDER_ITEMS)
                || files.writes(OutputFiles.TRANSACTIONS);
        // events draw from their own random stream only, so leaving them out changes no other file
        boolean writesEvents = files.writes(OutputFiles.EVENTS);
        try {
            long nextReport = started + PROGRESS_INTERVAL_NANOS;
            for (long index = 0; index < options.customers(); index++) {
                Person person = persons.create(index);
                SplittableRandom contactRandom = Seeds.random(seed, index, Seeds.Purpose.CONTACTS);
                ContactSources.Presence presence = ContactSources.Presence.draw(contactRandom);
                List<Order> orders = orderHistory.plan(index, presence.shopAccounts(),
                        Seeds.random(seed, index, Seeds.Purpose.ORDERS));
                List<ContactSources.ShopAccount> accounts = contacts.write(person, presence, orders, contactRandom, files);
                if (writesOrders) {
                    orderHistory.write(orders, accounts, index, files);
                }
                if (writesEvents) {
                    events.write(person, presence, accounts, orders, Seeds.random(seed, index, Seeds.Purpose.EVENTS), files);
                }
                files.endPerson(blockOrder);
                if ((index & PROGRESS_CHECK_MASK) == PROGRESS_CHECK_MASK && System.nanoTime() >= nextReport) {
                    listener.progress(index + 1, options.customers(), files.rowsWritten());
                    nextReport = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
                }
            }
            Map<String, Long> rowsByFile = files.commit(blockOrder);
            long totalRows = rowsByFile.values().stream().mapToLong(Long::longValue).sum();
            Manifest.write(directory, options, rowsByFile, totalRows);
            listener.progress(options.customers(), options.customers(), totalRows);
            return new GeneratorSummary(rowsByFile, totalRows, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException | Error failure) {
            files.discard(failure);
            throw failure;
        }
    }

    private static Path prepare(GeneratorOptions options) {
        Path directory = options.outputDirectory();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw GeneratorErrors.badOption("--out must be a directory, got a file: " + directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw GeneratorErrors.cannot("create the output directory", directory, e);
        }
        Manifest.removeFrom(directory);
        for (String file : OutputFiles.ALL) {
            if (!options.writes(OutputFiles.baseName(file))) {
                Path left = directory.resolve(file);
                try {
                    Files.deleteIfExists(left);
                } catch (IOException e) {
                    throw GeneratorErrors.cannot("delete the left-out file", left, e);
                }
            }
        }
        return directory;
    }
}
