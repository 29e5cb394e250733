package dev.tarn.storage.meta;

/**
 * A failure of the database behind a {@link MetadataStore} (I/O error, corruption, constraint
 * violated by a caller's bug). The message says which operation failed and on what.
 */
public class MetadataStoreException
        extends RuntimeException
{
    public MetadataStoreException(String message, Throwable cause)
    {
        super(message, cause);
    }

    public MetadataStoreException(String message)
    {
        super(message);
    }
}
