package dev.tarn.kms;

/** The states a customer key of this service can be in, as KeyMetadata.KeyState names them. */
public enum KeyState
{
    Enabled,
    Disabled,
    PendingDeletion,
}
