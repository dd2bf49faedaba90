/**
 * Visualization and intelligence: customer features computed in the warehouse from the master
 * models, predictive traits (churn score, lifetime value) written back as customer traits, and
 * the metric queries behind dashboards.
 */
package dev.ownstack.insights;
