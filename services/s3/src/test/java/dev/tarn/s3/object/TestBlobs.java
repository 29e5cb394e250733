package dev.tarn.s3.object;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.MasterKey;

import java.io.UncheckedIOException;

import java.security.SecureRandom;

/** A data key provider over a random master key, as the server has one over its master key file. */
public final class TestBlobs
{
    private TestBlobs() {}

    public static DataKeyProvider dataKeys()
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        MasterKey master = MasterKey.of(key);
        return new DataKeyProvider()
        {
            @Override
            public DataKey newDataKey()
            {
                return master.newDataKey();
            }

            @Override
            public byte[] unwrap(byte[] wrapped)
            {
                try {
                    return master.unwrap(wrapped);
                }
                catch (KeyUnwrapException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
