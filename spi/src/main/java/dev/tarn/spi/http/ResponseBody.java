package dev.tarn.spi.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** A response body written straight to the connection, so large bodies are never held whole. */
public interface ResponseBody
{
    /** The exact length when known, so the gateway can send Content-Length instead of chunking. */
    OptionalLong length();

    String contentType();

    void writeTo(OutputStream out)
            throws IOException;

    static ResponseBody bytes(byte[] bytes, String contentType)
    {
        return new ResponseBody()
        {
            @Override
            public OptionalLong length()
            {
                return OptionalLong.of(bytes.length);
            }

            @Override
            public String contentType()
            {
                return contentType;
            }

            @Override
            public void writeTo(OutputStream out)
                    throws IOException
            {
                out.write(bytes);
            }
        };
    }

    static ResponseBody text(String text, String contentType)
    {
        return bytes(text.getBytes(StandardCharsets.UTF_8), contentType);
    }
}
