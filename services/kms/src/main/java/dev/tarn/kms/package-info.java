/** KMS: customer keys whose material is stored only wrapped by the master key. */
package dev.tarn.kms;
