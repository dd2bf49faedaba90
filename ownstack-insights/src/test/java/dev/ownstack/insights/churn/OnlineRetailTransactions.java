package dev.ownstack.insights.churn;

import dev.ownstack.warehouse.Warehouse;
import java.nio.file.Path;

/**
 * Loads Online Retail into {@code model.transactions} with DuckDB's CSV reader, one row per
 * invoice: {@code CustomerID} is the customer, the invoice's time its first line's, the amount
 * the sum of {@code Quantity * UnitPrice}, and an invoice number starting with C a return.
 * The invoice's {@code lines}, {@code quantity} (items) and distinct {@code products} are kept as
 * extra columns, as a shop's transactions table would carry them. Lines without a customer are
 * left out.
 */
final class OnlineRetailTransactions {
    private OnlineRetailTransactions() {
    }

    static long load(Warehouse warehouse, Path byDay) {
        String files = warehouse.dialect().stringLiteral(byDay.toAbsolutePath().resolve("*.csv").toString());
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS model");
        return warehouse.execute("CREATE TABLE model.transactions AS SELECT InvoiceNo AS transaction_id,"
                + " CAST(CAST(CustomerID AS BIGINT) AS VARCHAR) AS customer_id, min(InvoiceDate) AS occurred_at,"
                + " CAST(sum(Quantity * UnitPrice) AS DECIMAL(38, 9)) AS amount,"
                + " CASE WHEN InvoiceNo LIKE 'C%' THEN 'return' ELSE 'order' END AS type,"
                + " count(*) AS lines, sum(Quantity) AS quantity, count(DISTINCT StockCode) AS products"
                + " FROM read_csv(" + files + ", header = true, columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR',"
                + " 'Description': 'VARCHAR', 'Quantity': 'BIGINT', 'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE',"
                + " 'CustomerID': 'DOUBLE', 'Country': 'VARCHAR'})"
                + " WHERE CustomerID IS NOT NULL GROUP BY InvoiceNo, CustomerID");
    }
}
