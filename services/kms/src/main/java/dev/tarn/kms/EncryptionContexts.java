package dev.tarn.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The canonical bytes of an encryption context, authenticated with every ciphertext made under it. */
final class EncryptionContexts
{
    private EncryptionContexts() {}

    /** Pairs sorted by key, each key and value as length-prefixed UTF-8, so equal maps give equal bytes. */
    static byte[] canonical(Map<String, String> context)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text)
    {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
