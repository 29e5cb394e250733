package dev.tarn.s3.object;

import java.security.SecureRandom;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Makes version ids (and upload ids): 32 characters of a URL-safe alphabet whose ASCII order is
 * the order of the values, starting with the creation time in milliseconds and a counter, so ids
 * made later sort after earlier ones, followed by random bits, so ids made by different
 * processes never collide. The first character is never {@code -}: command-line tools would read
 * an id passed as {@code --version-id ID} as an option of their own.
 */
public final class VersionIds
{
    // '-' < digits < upper case < '_' < lower case in ASCII: string order equals numeric order
    private static final char[] ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int RANDOM_BYTES = 14;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private int counter;

    public VersionIds(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    public String next()
    {
        long millis;
        int sequence;
        synchronized (this) {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > 0xffff) {
                    // more than 65536 ids in one millisecond: borrow the next millisecond
                    millis++;
                    counter = 0;
                }
            }
            else {
                counter = 0;
            }
            lastMillis = millis;
            sequence = counter;
        }
        byte[] bytes = new byte[24];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (millis >>> (56 - 8 * i));
        }
        // the millisecond count's top byte is zero for ages, so a constant high bit keeps the order
        // and starts every id with a letter; ids made before this sort first, as they are older
        bytes[0] |= (byte) 0x80;
        bytes[8] = (byte) (sequence >>> 8);
        bytes[9] = (byte) sequence;
        byte[] tail = new byte[RANDOM_BYTES];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, bytes, 10, RANDOM_BYTES);
        return encode(bytes);
    }

    /** Whether a string could be an id made here (S3 answers a malformed version id with InvalidArgument). */
    public static boolean isWellFormed(String id)
    {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(char c)
    {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String encode(byte[] bytes)
    {
        // 24 bytes = 192 bits = 32 six-bit digits, most significant first
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < bytes.length; i += 3) {
            int group = ((bytes[i] & 0xff) << 16) | ((bytes[i + 1] & 0xff) << 8) | (bytes[i + 2] & 0xff);
            out.append(ALPHABET[(group >>> 18) & 0x3f])
                    .append(ALPHABET[(group >>> 12) & 0x3f])
                    .append(ALPHABET[(group >>> 6) & 0x3f])
                    .append(ALPHABET[group & 0x3f]);
        }
        return out.toString();
    }
}
