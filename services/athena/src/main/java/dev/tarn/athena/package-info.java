/**
 * Amazon Athena over the JSON protocol ({@code AmazonAthena}, JSON 1.1): query executions,
 * results in the work group's S3 output location, named queries, work groups, prepared
 * statements and the catalog views. Statements are executed by a {@link dev.tarn.athena.engine.QueryEngine};
 * the embedded one translates Athena's (Trino's) dialect onto DuckDB.
 */
package dev.tarn.athena;
