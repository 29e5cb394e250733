/**
 * The IAM policy language: documents parsed and validated, and the one evaluation engine every
 * service's authorization goes through.
 */
package dev.tarn.policy;
