package dev.ownstack.destinations.salesforce;

import java.util.Map;

/** The contract with Bulk API 2.0 for every upsert and removal: throttling, expiry and rejections all go through ingest jobs. */
class SalesforceBulkContractTest extends SalesforceContract {
    @Override
    protected Map<String, Object> api() {
        return Map.of("api", "bulk", "bulk-batch-size", 300);
    }
}
