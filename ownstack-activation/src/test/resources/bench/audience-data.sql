-- Model tables for the audience benchmark (DuckDB), made in SQL from range() and hash(): ${CUSTOMERS}
-- customers, ${EVENTS} events (about 20 per customer, busier customers first, 3% anonymous) and
-- ${TRANSACTIONS} transactions, with the columns of model.customers, model.events and
-- model.transactions (docs/MODELS.md). Times fall in the two years before 2025-01-01.
CREATE SCHEMA IF NOT EXISTS model;

CREATE TABLE model.customers AS
SELECT 'cus_' || lpad(printf('%x', i), 16, '0') AS customer_id,
       'user' || i || '@example.' || CASE hash(i + 11) % 3 WHEN 0 THEN 'com' WHEN 1 THEN 'org' ELSE 'net' END AS email,
       CASE WHEN hash(i + 12) % 100 < 35 THEN 'US' WHEN hash(i + 12) % 100 < 55 THEN 'GB' WHEN hash(i + 12) % 100 < 65 THEN 'DE'
            WHEN hash(i + 12) % 100 < 73 THEN 'FR' WHEN hash(i + 12) % 100 < 79 THEN 'IE' WHEN hash(i + 12) % 100 < 85 THEN 'NL'
            WHEN hash(i + 12) % 100 < 90 THEN 'ES' WHEN hash(i + 12) % 100 < 94 THEN 'IT' WHEN hash(i + 12) % 100 < 97 THEN 'SE' END AS country,
       CASE hash(i + 13) % 4 WHEN 0 THEN 'free' WHEN 1 THEN 'basic' WHEN 2 THEN 'pro' ELSE NULL END AS plan,
       TIMESTAMP '2023-01-01' + to_seconds(CAST(hash(i + 14) % 31536000 AS BIGINT)) AS first_seen,
       TIMESTAMP '2024-01-01' + to_seconds(CAST(hash(i + 15) % 31536000 AS BIGINT)) AS last_seen,
       CAST(1 + hash(i + 16) % 3 AS BIGINT) AS record_count,
       CAST(1 + hash(i + 17) % 2 AS BIGINT) AS source_count,
       CAST((hash(i + 18) % 200000) / 100.0 AS DECIMAL(38, 9)) AS lifetime_value,
       CAST(hash(i + 19) % 12 AS BIGINT) AS order_count
FROM range(0, ${CUSTOMERS}) AS r(i);

CREATE TABLE model.events AS
WITH drawn AS (
    SELECT i,
           CASE WHEN hash(i + 21) % 100 < 3 THEN NULL
                ELSE CAST(floor(${CUSTOMERS} * pow((hash(i + 22) % 1000000007) / 1000000007.0, 1.6)) AS BIGINT) END AS customer,
           hash(i + 23) % 1000 AS pick,
           hash(i + 24) AS h,
           TIMESTAMP '2025-01-01' - to_seconds(CAST(hash(i + 25) % 63072000 AS BIGINT)) AS happened_at
    FROM range(0, ${EVENTS}) AS r(i)
), named AS (
    SELECT *, CASE WHEN pick < 380 THEN 'Page Viewed' WHEN pick < 600 THEN 'Product Viewed' WHEN pick < 700 THEN 'Product Added'
                   WHEN pick < 780 THEN 'Cart Viewed' WHEN pick < 840 THEN 'Checkout Started' WHEN pick < 890 THEN 'Order Completed'
                   WHEN pick < 930 THEN 'Email Opened' WHEN pick < 960 THEN 'Signed Up' WHEN pick < 985 THEN 'Coupon Applied'
                   ELSE 'Product Reviewed' END AS event
    FROM drawn
)
SELECT CASE WHEN customer IS NULL THEN NULL ELSE 'cus_' || lpad(printf('%x', customer), 16, '0') END AS customer_id,
       CASE WHEN customer IS NULL THEN NULL WHEN h % 4 = 0 THEN 'anonymous_id' ELSE 'user_id' END AS customer_linked_by,
       'msg_' || i AS message_id,
       'web' AS source,
       'track' AS type,
       event,
       CAST(NULL AS VARCHAR) AS name,
       CASE WHEN customer IS NULL OR h % 4 = 0 THEN NULL ELSE 'u' || customer END AS user_id,
       'anon_' || (h % 5000000) AS anonymous_id,
       CAST(NULL AS VARCHAR) AS group_id,
       CAST(NULL AS VARCHAR) AS previous_id,
       happened_at AS "timestamp",
       happened_at AS original_timestamp,
       happened_at + INTERVAL 1 SECOND AS sent_at,
       happened_at + INTERVAL 2 SECOND AS received_at,
       '10.' || (h % 250) || '.' || (h % 199) || '.' || (h % 97) AS ip,
       CASE h % 3 WHEN 0 THEN 'Mozilla/5.0 (Macintosh)' WHEN 1 THEN 'Mozilla/5.0 (Windows NT 10.0)' ELSE 'Mozilla/5.0 (iPhone)' END AS user_agent,
       CASE event
           WHEN 'Order Completed' THEN json_object('order_id', 'ord_' || i, 'total', round(5 + (h % 30000) / 100.0, 2),
                'currency', CASE h % 5 WHEN 0 THEN 'EUR' WHEN 1 THEN 'USD' ELSE 'GBP' END, 'coupon', CASE WHEN h % 10 = 0 THEN 'SAVE10' END)
           WHEN 'Product Viewed' THEN json_object('sku', 'SKU' || (h % 5000), 'price', (h % 20000) / 100.0, 'category', 'c' || (h % 40))
           WHEN 'Product Added' THEN json_object('sku', 'SKU' || (h % 5000), 'price', (h % 20000) / 100.0, 'quantity', 1 + h % 3)
           WHEN 'Page Viewed' THEN json_object('path', '/p/' || (h % 1000), 'title', 'Page ' || (h % 1000))
           ELSE json_object('value', h % 100) END AS properties,
       CAST(NULL AS JSON) AS traits,
       CAST('{"library":{"name":"analytics.js","version":"5.2.0"}}' AS JSON) AS context,
       CAST(NULL AS JSON) AS integrations,
       CAST(NULL AS JSON) AS extra,
       happened_at + INTERVAL 5 SECOND AS _ownstack_loaded_at
FROM named
-- clustered by event name, then time, as `ownstack build` writes model.events on DuckDB
ORDER BY event, "timestamp";

CREATE TABLE model.transactions AS
SELECT 'txn_' || i AS transaction_id,
       CASE WHEN hash(i + 31) % 100 < 2 THEN NULL
            ELSE 'cus_' || lpad(printf('%x', CAST(floor(${CUSTOMERS} * pow((hash(i + 32) % 1000000007) / 1000000007.0, 1.3)) AS BIGINT)), 16, '0')
       END AS customer_id,
       'acct_' || (hash(i + 33) % 2000000) AS record_id,
       TIMESTAMP '2025-01-01' - to_seconds(CAST(hash(i + 34) % 63072000 AS BIGINT)) AS occurred_at,
       CAST(CASE WHEN hash(i + 35) % 100 < 8 THEN -1 ELSE 1 END * (5 + (hash(i + 36) % 40000) / 100.0) AS DECIMAL(38, 9)) AS amount,
       CASE hash(i + 37) % 5 WHEN 0 THEN 'EUR' WHEN 1 THEN 'USD' ELSE 'GBP' END AS currency,
       CASE WHEN hash(i + 35) % 100 < 8 THEN 'refund' ELSE 'order' END AS type,
       'ord_' || i AS order_id
FROM range(0, ${TRANSACTIONS}) AS r(i);
