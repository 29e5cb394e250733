package dev.tarn.server;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.MasterKey;

import java.io.UncheckedIOException;

import static java.util.Objects.requireNonNull;

/** SSE-S3 data keys: fresh per object, wrapped by the installation's master key. */
public final class MasterKeyDataKeys
        implements DataKeyProvider
{
    private final MasterKey masterKey;

    public MasterKeyDataKeys(MasterKey masterKey)
    {
        this.masterKey = requireNonNull(masterKey, "masterKey is null");
    }

    @Override
    public DataKey newDataKey()
    {
        return masterKey.newDataKey();
    }

    @Override
    public byte[] unwrap(byte[] wrapped)
    {
        try {
            return masterKey.unwrap(wrapped);
        }
        catch (KeyUnwrapException e) {
            // A stored key that no longer unwraps means the data dir and the master key do not belong together.
            throw new UncheckedIOException(e);
        }
    }
}
