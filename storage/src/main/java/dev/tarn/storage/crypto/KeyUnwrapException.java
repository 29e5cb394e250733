package dev.tarn.storage.crypto;

import java.io.IOException;

/** A wrapped key that does not open under the given key: wrong key, altered bytes or unknown format. */
public class KeyUnwrapException
        extends IOException
{
    public KeyUnwrapException(String message)
    {
        super(message);
    }

    public KeyUnwrapException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
