package dev.ownstack.cli.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The files of one run. Each is written as {@code <name>.tmp} and renamed only when every person
 * has been written, so a directory never holds a final-named file from an unfinished run. Files
 * the options leave out take their rows and write nothing (see {@link OutputFile}).
 */
final class OutputFiles {

    static final String CRM_CONTACTS = "crm_contacts.csv";
    static final String SHOP_CUSTOMERS = "shop_customers.csv";
    static final String NEWSLETTER_SIGNUPS = "newsletter_signups.jsonl";
    static final String ORDERS = "orders.csv";
    static final String ORDER_ITEMS = "order_items.csv";
    static final String TRANSACTIONS = "transactions.csv";
    static final String EVENTS = "events.jsonl";
    static final String TRUTH = "truth.csv";
    static final List<String> ALL = List.of(CRM_CONTACTS, SHOP_CUSTOMERS, NEWSLETTER_SIGNUPS, ORDERS, ORDER_ITEMS, TRANSACTIONS,
            EVENTS, TRUTH);

    final CsvLine crmContacts;
    final CsvLine shopCustomers;
    final JsonLine newsletterSignups;
    final CsvLine orders;
    final CsvLine orderItems;
    final CsvLine transactions;
    final JsonLine events;
    private final CsvLine truth;

    private final Path directory;
    private final List<OutputFile> files;
    private final GeneratorOptions options;

    private OutputFiles(Path directory, List<OutputFile> files, GeneratorOptions options) {
        this.directory = directory;
        this.files = files;
        this.options = options;
        this.crmContacts = new CsvLine(files.get(0));
        this.shopCustomers = new CsvLine(files.get(1));
        this.newsletterSignups = new JsonLine(files.get(2));
        this.orders = new CsvLine(files.get(3));
        this.orderItems = new CsvLine(files.get(4));
        this.transactions = new CsvLine(files.get(5));
        this.events = new JsonLine(files.get(6));
        this.truth = new CsvLine(files.get(7));
    }

    /** Contact sources are shuffled within blocks so that one person's duplicates are not adjacent. */
    static OutputFiles open(GeneratorOptions options) {
        Path directory = options.outputDirectory();
        List<OutputFile> opened = new ArrayList<>();
        try {
            opened.add(file(options, CRM_CONTACTS, true, "contact_id,first_name,last_name,email,phone,company,"
                    + "address_line,city,postcode,country,created_at,notes"));
            opened.add(file(options, SHOP_CUSTOMERS, true, "customer_id,email,first_name,last_name,phone,"
                    + "accepts_marketing,address_line,city,postcode,country,created_at"));
            opened.add(file(options, NEWSLETTER_SIGNUPS, true, ""));
            opened.add(file(options, ORDERS, false, "order_id,customer_id,ordered_at,status,currency,total"));
            opened.add(file(options, ORDER_ITEMS, false,
                    "order_id,line,sku,product_name,quantity,unit_price,refunded_quantity"));
            opened.add(file(options, TRANSACTIONS, false,
                    "transaction_id,order_id,customer_id,type,occurred_at,currency,amount"));
            opened.add(file(options, EVENTS, false, ""));
            opened.add(file(options, TRUTH, false, "source,record_id,person_id"));
        } catch (RuntimeException failure) {
            discard(opened, failure);
            throw failure;
        }
        return new OutputFiles(directory, List.copyOf(opened), options);
    }

    private static OutputFile file(GeneratorOptions options, String name, boolean shuffled, String header) {
        return new OutputFile(name, options.outputDirectory().resolve(name + ".tmp"), shuffled, header,
                options.writes(baseName(name)));
    }

    /** The file name without its extension, as {@link GeneratorOptions#files()} names it. */
    static String baseName(String fileName) {
        return fileName.substring(0, fileName.indexOf('.'));
    }

    /** Whether the file of this name ({@code orders.csv}) is written. */
    boolean writes(String fileName) {
        return options.writes(baseName(fileName));
    }

    /**
     * Records that the record {@code recordId} of {@code source} belongs to {@code person}, when
     * the file holding that source's records is written ({@code events.userId} is in events.jsonl).
     */
    void truth(String source, String recordId, Person person) {
        int dot = source.indexOf('.');
        if (options.writes(dot < 0 ? source : source.substring(0, dot))) {
            truth.start().text(source).text(recordId).text(person.personId()).end();
        }
    }

    void endPerson(SplittableRandom blockOrder) {
        for (OutputFile file : files) {
            file.endPerson(blockOrder);
        }
    }

    long rowsWritten() {
        long rows = 0;
        for (OutputFile file : files) {
            if (file.written()) {
                rows += file.rowsWritten();
            }
        }
        return rows;
    }

    /** Writes what is buffered, closes every file and gives each its final name; returns rows per file. */
    Map<String, Long> commit(SplittableRandom blockOrder) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (OutputFile file : files) {
            file.finish(blockOrder);
            file.close();
            if (file.written()) {
                rows.put(file.name(), file.rowsWritten());
            }
        }
        for (OutputFile file : files) {
            if (!file.written()) {
                continue;
            }
            Path target = directory.resolve(file.name());
            try {
                Files.move(file.temporaryPath(), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw GeneratorErrors.cannot("rename to " + target, file.temporaryPath(), e);
            }
        }
        return rows;
    }

    /** After a failure: closes and deletes the temporary files, recording any trouble on the failure itself. */
    void discard(Throwable failure) {
        discard(files, failure);
    }

    private static void discard(List<OutputFile> files, Throwable failure) {
        for (OutputFile file : files) {
            try {
                file.close();
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            try {
                if (file.written()) {
                    Files.deleteIfExists(file.temporaryPath());
                }
            } catch (IOException deleteFailure) {
                failure.addSuppressed(deleteFailure);
            }
        }
    }
}
