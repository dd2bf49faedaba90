package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small shop of five customers for the audience commands, loaded from CSV files and built
 * (ingest + build) as of 2025-01-01: Ann (GB, three orders, the last in September, spent 1,100),
 * Bob (GB, one order in December, new in December), Cat (US, one order in July and a refund,
 * spent 540.50), Dan (US, new in December, viewed products in December, never ordered) and Eve
 * (DE, viewed a product in October).
 */
final class AudienceShop {
    private AudienceShop() {
    }

    static void build(Path project, String audiences) throws IOException {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/shop.csv"), """
                customer_id,email,first_name,country,created_at
                1001,ann@example.com,Ann,GB,2023-01-10T10:00:00Z
                1002,bob@example.org,Bob,GB,2024-12-20T09:00:00Z
                1003,cat@example.com,Cat,US,2023-06-01T00:00:00Z
                1004,dan@example.com,Dan,US,2024-12-28T15:00:00Z
                1005,eve@example.com,Eve,DE,2022-01-10T00:00:00Z
                """);
        Files.writeString(project.resolve("data/transactions.csv"), """
                transaction_id,customer_id,occurred_at,amount,currency,type
                t1,1001,2023-03-01T10:00:00Z,240,GBP,order
                t2,1001,2024-02-01T10:00:00Z,240,GBP,order
                t3,1001,2024-09-15T12:00:00Z,620,GBP,order
                t4,1002,2024-12-21T10:00:00Z,20,GBP,order
                t5,1003,2024-07-01T08:00:00Z,640.50,USD,order
                t6,1003,2024-08-01T08:00:00Z,-100,USD,refund
                """);
        Files.writeString(project.resolve("data/events.csv"), """
                message_id,timestamp,user_id,anonymous_id,event,properties
                m1,2024-12-20T12:05:00Z,1004,a4,Product Viewed,"{""sku"": ""A1""}"
                m2,2024-12-29T15:05:00Z,1004,a4,Product Viewed,"{""sku"": ""B2""}"
                m3,2024-12-21T10:00:00Z,1002,a2,Order Completed,"{""total"": 20}"
                m4,2024-10-01T11:05:00Z,1005,a5,Product Viewed,"{""sku"": ""C3""}"
                """);
        writeProject(project, audiences);
        assertEquals(0, Cli.run("ingest", "-p", project.toString()).exitCode());
        Cli.Result build = Cli.run("build", "-p", project.toString());
        assertEquals(0, build.exitCode(), build.all());
    }

    static void writeProject(Path project, String audiences) throws IOException {
        Files.writeString(project.resolve("ownstack.yml"), """
                warehouse: {type: duckdb, path: warehouse.duckdb}
                sources:
                  shop: {type: file, path: data/shop.csv, columns: {customer_id: string}}
                  transactions: {type: file, path: data/transactions.csv, columns: {customer_id: string, amount: decimal}}
                  web_events: {type: file, path: data/events.csv, columns: {user_id: string, properties: json, timestamp: timestamptz}}
                identity:
                  keys: {user_id: user-id, email: email-canonical}
                  sources:
                    shop: {id: customer_id, updated-at: created_at, keys: {user_id: customer_id, email: email}}
                models:
                  as-of: 2025-01-01T00:00:00Z
                  customers: {attributes: {email: {shop: email}, first_name: {shop: first_name}, country: {shop: country}}}
                  transactions: {table: raw.transactions, source: shop, record-id: customer_id, id: transaction_id,
                                 occurred-at: occurred_at, amount: amount, currency: currency, type: type}
                  events: {table: raw.web_events}
                  traits:
                    orders: {function: count, of: transactions, where: {type: order}}
                    revenue: {function: sum, of: transactions.amount}
                """ + audiences);
    }
}
