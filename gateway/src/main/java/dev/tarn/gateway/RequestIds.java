package dev.tarn.gateway;

import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids in AWS's shapes: x-amz-request-id (16 upper-case hex) and x-amz-id-2 (base64). */
final class RequestIds
{
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private RequestIds() {}

    static String requestId()
    {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    static String hostId()
    {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
