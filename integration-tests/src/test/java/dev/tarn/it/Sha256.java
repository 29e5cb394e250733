package dev.tarn.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, the fingerprint tests compare stored and read-back bytes by. */
public final class Sha256
{
    private Sha256() {}

    public static String of(byte[] bytes)
    {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String of(Path file)
    {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code in} to its end (without closing it). */
    public static String of(InputStream in)
            throws IOException
    {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
