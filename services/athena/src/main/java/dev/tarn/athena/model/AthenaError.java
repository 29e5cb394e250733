package dev.tarn.athena.model;

/** Why a query failed, by category (1 system, 2 user, 3 other) and Athena's error type. */
public record AthenaError(int errorCategory, int errorType, boolean retryable, String errorMessage) {}
