/**
 * Customer lifetime value: a recency-frequency-monetary summary computed in the warehouse, the
 * BG/NBD model of repeat purchasing (Fader, Hardie and Lee 2005, "Counting Your Customers the
 * Easy Way") and the Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM
 * and CLV"), fitted by maximum likelihood, and their product: expected value over a horizon.
 */
package dev.ownstack.insights.ltv;
