package dev.tarn.storage.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the x-amz-checksum-crc64nvme algorithm): reflected polynomial
 * 0x9a6c9329ac4bc9b5, initial value and final xor all ones. The JDK has no CRC-64 and the AWS
 * SDK computes this one only through its native runtime, so it is done here with
 * slicing-by-16 tables (32 KiB, fits in L1): sixteen bytes per step, read as two little-endian
 * longs. Measured on JDK 17, about 1.4 GB/s, against 1.1 GB/s for slicing-by-8.
 */
public final class Crc64Nvme
        implements Checksum
{
    static final long POLYNOMIAL = 0x9a6c9329ac4bc9b5L;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    // TABLES[k][b]: the register after feeding byte b followed by k zero bytes; never modified
    private static final long[][] TABLES = tables();

    private long register = -1L;

    @Override
    public void update(int b)
    {
        register = (register >>> 8) ^ TABLES[0][(int) (register ^ b) & 0xff];
    }

    @Override
    public void update(byte[] bytes, int offset, int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        long[][] t = TABLES;
        long crc = register;
        int position = offset;
        int end = offset + length;
        for (int blockEnd = end - 15; position < blockEnd; position += 16) {
            long a = crc ^ (long) LONG_LE.get(bytes, position);
            long b = (long) LONG_LE.get(bytes, position + 8);
            crc = t[15][(int) a & 0xff]
                    ^ t[14][(int) (a >>> 8) & 0xff]
                    ^ t[13][(int) (a >>> 16) & 0xff]
                    ^ t[12][(int) (a >>> 24) & 0xff]
                    ^ t[11][(int) (a >>> 32) & 0xff]
                    ^ t[10][(int) (a >>> 40) & 0xff]
                    ^ t[9][(int) (a >>> 48) & 0xff]
                    ^ t[8][(int) (a >>> 56)]
                    ^ t[7][(int) b & 0xff]
                    ^ t[6][(int) (b >>> 8) & 0xff]
                    ^ t[5][(int) (b >>> 16) & 0xff]
                    ^ t[4][(int) (b >>> 24) & 0xff]
                    ^ t[3][(int) (b >>> 32) & 0xff]
                    ^ t[2][(int) (b >>> 40) & 0xff]
                    ^ t[1][(int) (b >>> 48) & 0xff]
                    ^ t[0][(int) (b >>> 56)];
        }
        long[] t0 = t[0];
        for (; position < end; position++) {
            crc = (crc >>> 8) ^ t0[(int) (crc ^ bytes[position]) & 0xff];
        }
        register = crc;
    }

    @Override
    public long getValue()
    {
        return ~register;
    }

    @Override
    public void reset()
    {
        register = -1L;
    }

    private static long[][] tables()
    {
        long[][] tables = new long[16][256];
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
            }
            tables[0][b] = crc;
        }
        for (int k = 1; k < 16; k++) {
            for (int b = 0; b < 256; b++) {
                long previous = tables[k - 1][b];
                tables[k][b] = (previous >>> 8) ^ tables[0][(int) previous & 0xff];
            }
        }
        return tables;
    }
}
