package dev.ownstack.destinations.salesforce;

import java.util.Map;

/** The contract with api auto: the contract's full batch (250) goes through Bulk API 2.0, smaller ones through sObject Collections. */
class SalesforceContractTest extends SalesforceContract {
    @Override
    protected Map<String, Object> api() {
        return Map.of("api", "auto", "bulk-batch-size", 250, "bulk-threshold", 100);
    }
}
