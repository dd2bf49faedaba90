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
 * has been written, so a directory never holds a final-named file from an unfinished run.
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

    private OutputFiles(Path directory, List<OutputFile> files) {
        this.directory = directory;
        this.files = files;
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
    static OutputFiles open(Path directory) {
        List<OutputFile> opened = new ArrayList<>();
        try {
            opened.add(file(directory, CRM_CONTACTS, true, "contact_id,first_name,last_name,email,phone,company,"
                    + "address_line,city,postcode,country,created_at,notes"));
            opened.add(file(directory, SHOP_CUSTOMERS, true, "customer_id,email,first_name,last_name,phone,"
                    + "accepts_marketing,address_line,city,postcode,country,created_at"));
            opened.add(file(directory, NEWSLETTER_SIGNUPS, true, ""));
            opened.add(file(directory, ORDERS, false, "order_id,customer_id,ordered_at,status,currency,total"));
            opened.add(file(directory, ORDER_ITEMS, false,
                    "order_id,line,sku,product_name,quantity,unit_price,refunded_quantity"));
            opened.add(file(directory, TRANSACTIONS, false,
                    "transaction_id,order_id,customer_id,type,occurred_at,currency,amount"));
            opened.add(file(directory, EVENTS, false, ""));
            opened.add(file(directory, TRUTH, false, "source,record_id,person_id"));
        } catch (RuntimeException failure) {
            discard(opened, failure);
            throw failure;
        }
        return new OutputFiles(directory, List.copyOf(opened));
    }

    private static OutputFile file(Path directory, String name, boolean shuffled, String header) {
        return new OutputFile(name, directory.resolve(name + ".tmp"), shuffled, header);
    }

    /** Records that the record {@code recordId} of {@code source} belongs to {@code person}. */
    void truth(String source, String recordId, Person person) {
        truth.start().text(source).text(recordId).text(person.personId()).end();
    }

    void endPerson(SplittableRandom blockOrder) {
        for (OutputFile file : files) {
            file.endPerson(blockOrder);
        }
    }

    long rowsWritten() {
        long rows = 0;
        for (OutputFile file : files) {
            rows += file.rowsWritten();
        }
        return rows;
    }

    /** Writes what is buffered, closes every file and gives each its final name; returns rows per file. */
    Map<String, Long> commit(SplittableRandom blockOrder) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (OutputFile file : files) {
            file.finish(blockOrder);
            file.close();
            rows.put(file.name(), file.rowsWritten());
        }
        for (OutputFile file : files) {
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
                Files.deleteIfExists(file.temporaryPath());
            } catch (IOException deleteFailure) {
                failure.addSuppressed(deleteFailure);
            }
        }
    }
}
