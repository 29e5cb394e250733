package dev.tarn.s3.object;

/** Opens the wrapped data key stored in a blob's header (under the master key, a KMS key or a customer key). */
@FunctionalInterface
public interface KeyUnwrapper
{
    byte[] unwrap(byte[] wrapped);
}
