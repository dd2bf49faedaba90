package dev.ownstack.destinations.pii;

/**
 * Whose rules a value is prepared by: each advertising vendor normalises (and hashes) customer data its own way,
 * and a value only matches when it was prepared exactly as that vendor prepares its own side.
 */
public enum PiiProfile {
    /**
     * Meta Custom Audiences customer-file keys (EMAIL, PHONE, FN, LN, FI, CT, ST, ZIP, COUNTRY, DOBY, DOBM, DOBD,
     * GEN hashed; MADID and EXTERN_ID plain):
     * https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences
     */
    META,
    /**
     * Google Ads Customer Match and the Data Manager API (email, phone, given and family name hashed; country and
     * postal code, mobile id and third-party user id plain):
     * https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started
     * and https://developers.google.com/data-manager/api/devguides/concepts/formatting
     */
    GOOGLE
}
