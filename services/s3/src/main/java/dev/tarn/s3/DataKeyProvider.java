package dev.tarn.s3;

import dev.tarn.storage.blob.DataKey;

/**
 * Where SSE-S3 data keys come from: a fresh key per object, wrapped by the installation's master
 * key, and the unwrapping of a stored one. (SSE-KMS and SSE-C bring their own wrapping later.)
 */
public interface DataKeyProvider
{
    DataKey newDataKey();

    byte[] unwrap(byte[] wrapped);
}
