/** Glue: the Data Catalog (databases, tables, partitions) and the crawlers that fill it. */
package dev.tarn.glue;
