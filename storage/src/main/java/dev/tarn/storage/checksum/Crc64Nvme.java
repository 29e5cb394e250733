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
 * slicing-by-8 tables: eight bytes per step, read as one little-endian long.
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
        long crc = register;
        long[] t0 = TABLES[0];
        long[] t1 = TABLES[1];
        long[] t2 = TABLES[2];
        long[] t3 = TABLES[3];
        long[] t4 = TABLES[4];
        long[] t5 = TABLES[5];
        long[] t6 = TABLES[6];
        long[] t7 = TABLES[7];
        int position = offset;
        int end = offset + length;
        for (int blockEnd = end - 7; position < blockEnd; position += 8) {
            crc ^= (long) LONG_LE.get(bytes, position);
            crc = t7[(int) crc & 0xff]
                    ^ t6[(int) (crc >>> 8) & 0xff]
                    ^ t5[(int) (crc >>> 16) & 0xff]
                    ^ t4[(int) (crc >>> 24) & 0xff]
                    ^ t3[(int) (crc >>> 32) & 0xff]
                    ^ t2[(int) (crc >>> 40) & 0xff]
                    ^ t1[(int) (crc >>> 48) & 0xff]
                    ^ t0[(int) (crc >>> 56)];
        }
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
        long[][] tables = new long[8][256];
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
            }
            tables[0][b] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int b = 0; b < 256; b++) {
                long previous = tables[k - 1][b];
                tables[k][b] = (previous >>> 8) ^ tables[0][(int) previous & 0xff];
            }
        }
        return tables;
    }
}
