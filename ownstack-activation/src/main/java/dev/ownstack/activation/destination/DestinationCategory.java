package dev.ownstack.activation.destination;

/**
 * The kind of tool a destination is. Consent is granted per kind: a project names, for each
 * kind, the customer trait that says who may be sent there (see {@code consent:} in
 * {@code ownstack.yml}).
 */
public enum DestinationCategory {
    /** Ad platforms that match people for targeting (Meta, Google Ads). */
    ADVERTISING,
    /** Sales and service systems of record (Salesforce, HubSpot). */
    CRM,
    /** Tools that message people: email, push, in-app (Braze, Marketo). */
    MESSAGING,
    /** The company's own storage and pipelines (files, S3, SFTP, webhooks, Kafka). */
    DATA;

    /** The name used in {@code ownstack.yml}: lower case. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
