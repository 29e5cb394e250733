/**
 * The boundary between Athena's API and whatever executes its SQL. The API layer owns query
 * executions (states, statistics, cancellation, result files); an engine owns one statement:
 * parsing Athena's dialect, resolving tables through the Glue catalog as the caller, reading
 * their data from S3 as the caller, and streaming result rows to a {@link dev.tarn.athena.engine.ResultSink}.
 * The embedded engine runs on DuckDB; a Trino or Spark engine can implement the same interface.
 */
package dev.tarn.athena.engine;
