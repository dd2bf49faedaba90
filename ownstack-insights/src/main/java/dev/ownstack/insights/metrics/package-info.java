/**
 * The metric queries behind dashboards: a fixed catalog ({@link dev.ownstack.insights.metrics.MetricCatalog}) of
 * metrics, each one SQL query in a resource next to these classes, run by {@link dev.ownstack.insights.metrics.Metrics}
 * on DuckDB or PostgreSQL and answered as columns and rows ready for JSON.
 */
package dev.ownstack.insights.metrics;
