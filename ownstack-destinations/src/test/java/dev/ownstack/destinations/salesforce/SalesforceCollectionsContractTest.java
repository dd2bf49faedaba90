package dev.ownstack.destinations.salesforce;

import java.util.Map;

/** The contract with sObject Collections only: batches of 200. */
class SalesforceCollectionsContractTest extends SalesforceContract {
    @Override
    protected Map<String, Object> api() {
        return Map.of("api", "collections");
    }
}
