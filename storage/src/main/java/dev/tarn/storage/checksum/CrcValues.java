package dev.tarn.storage.checksum;

/** Conversions between CRC values and their big-endian byte form. */
final class CrcValues
{
    private CrcValues() {}

    static byte[] toBytes(long value, int width)
    {
        byte[] bytes = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    static long fromBytes(byte[] bytes, int width)
    {
        if (bytes.length != width) {
            throw new IllegalArgumentException("expected a " + width + "-byte CRC, got " + bytes.length + " bytes");
        }
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
