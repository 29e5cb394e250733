package dev.tarn.gateway.auth;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Removes the aws-chunked framing of a body as it is read:
 * <pre>
 *   hex-size[;chunk-signature=SIG]\r\n data \r\n ... 0[;chunk-signature=SIG]\r\n [trailer: value\r\n ...] \r\n
 * </pre>
 * With a {@link ChunkSignatureVerifier}, each chunk's signature is checked when its last byte was
 * read, before any byte of the next chunk is handed out and before end of stream is reported; a
 * bad one throws SignatureDoesNotMatch. With trailers, the trailing headers are parsed after the
 * last chunk (and their x-amz-trailer-signature checked when signed).
 * <p>
 * Memory is bounded by one fixed buffer whatever the size of the body or its chunks; data is
 * copied in bulk, straight from the source into the reader's array for large reads.
 * <p>
 * When the decoded length is declared (x-amz-decoded-content-length), the read that returns the
 * last declared byte also consumes and checks the final chunk and the trailers, so a reader that
 * stops at the declared length still gets every check.
 */
final class AwsChunkedInputStream
        extends InputStream
{
    static final int BUFFER_SIZE = 64 * 1024;
    private static final int DIRECT_READ_THRESHOLD = 8 * 1024;
    private static final int MAX_LINE = 4 * 1024;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;
    private static final int MAX_TRAILERS = 64;
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private enum State
    {
        HEADER, DATA, DONE
    }

    private final InputStream in;
    private final ChunkSignatureVerifier verifier;
    private final boolean trailing;
    private final Set<String> declaredTrailers;
    private final long declaredLength;
    private final MessageDigest chunkDigest;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;

    private State state = State.HEADER;
    private long chunkRemaining;
    private String chunkSignature;
    private long decoded;
    private AwsException failure;
    private Headers trailers;

    /**
     * @param verifier checks chunk signatures; null for unsigned chunks
     * @param trailing whether trailing headers follow the last chunk
     * @param declaredTrailers the lower-cased names the x-amz-trailer header announced
     * @param declaredLength x-amz-decoded-content-length, when sent
     */
    AwsChunkedInputStream(InputStream in, ChunkSignatureVerifier verifier, boolean trailing, Set<String> declaredTrailers, OptionalLong declaredLength)
    {
        this.in = requireNonNull(in, "in is null");
        this.verifier = verifier;
        this.trailing = trailing;
        this.declaredTrailers = Set.copyOf(declaredTrailers);
        this.declaredLength = declaredLength.orElse(-1);
        this.chunkDigest = verifier == null ? null : SigV4.sha256Digest();
    }

    /** The trailing headers; known once the payload was read to its end. */
    Headers trailers()
    {
        if (state != State.DONE || failure != null) {
            throw new IllegalStateException("The trailing headers are known once the payload was read to its end");
        }
        return trailers;
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len)
            throws IOException
    {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                switch (state) {
                    case DONE:
                        return -1;
                    case HEADER:
                        readChunkHeader();
                        break;
                    case DATA:
                        int n = readData(b, off, len);
                        if (chunkRemaining == 0) {
                            endChunk();
                            if (declaredLength >= 0 && decoded == declaredLength) {
                                while (state != State.DONE) {
                                    readChunkHeader();
                                }
                            }
                        }
                        return n;
                }
            }
        }
        catch (AwsException e) {
            failure = e;
            throw e;
        }
    }

    private int readData(byte[] b, int off, int len)
            throws IOException
    {
        int want = (int) Math.min(len, chunkRemaining);
        int n;
        if (pos < limit) {
            n = Math.min(want, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
        }
        else if (want >= DIRECT_READ_THRESHOLD) {
            do {
                n = in.read(b, off, want);
            }
            while (n == 0);
            if (n < 0) {
                throw incomplete();
            }
        }
        else {
            if (fill() < 0) {
                throw incomplete();
            }
            n = Math.min(want, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
        }
        if (chunkDigest != null) {
            chunkDigest.update(b, off, n);
        }
        chunkRemaining -= n;
        decoded += n;
        return n;
    }

    private void endChunk()
            throws IOException
    {
        String line = readLine();
        if (line == null) {
            throw incomplete();
        }
        if (!line.isEmpty()) {
            throw malformed("chunk data is not followed by CRLF");
        }
        if (verifier != null && !verifier.verifyChunk(chunkDigest.digest(), chunkSignature)) {
            throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception();
        }
        state = State.HEADER;
    }

    private void readChunkHeader()
            throws IOException
    {
        String line = readLine();
        if (line == null) {
            throw incomplete();
        }
        int semicolon = line.indexOf(';');
        long size = parseSize(semicolon < 0 ? line : line.substring(0, semicolon));
        String signature = null;
        if (verifier != null) {
            String extensions = semicolon < 0 ? "" : line.substring(semicolon + 1).trim();
            if (!extensions.startsWith(CHUNK_SIGNATURE)) {
                throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception("The chunk carries no chunk-signature.");
            }
            signature = extensions.substring(CHUNK_SIGNATURE.length());
            int next = signature.indexOf(';');
            signature = (next < 0 ? signature : signature.substring(0, next)).trim();
        }
        if (declaredLength >= 0 && size > declaredLength - decoded) {
            throw CommonErrors.INVALID_REQUEST.exception("The aws-chunked body holds more than the " + declaredLength
                    + " bytes x-amz-decoded-content-length declares.");
        }
        if (size > 0) {
            chunkRemaining = size;
            chunkSignature = signature;
            if (chunkDigest != null) {
                chunkDigest.reset();
            }
            state = State.DATA;
            return;
        }
        if (verifier != null) {
            chunkDigest.reset();
            if (!verifier.verifyChunk(chunkDigest.digest(), signature)) {
                throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception();
            }
        }
        if (trailing) {
            trailers = readTrailers();
        }
        else {
            String end = readLine();
            if (end != null && !end.isEmpty()) {
                throw malformed("the final chunk is not followed by CRLF");
            }
            trailers = Headers.empty();
        }
        if (declaredLength >= 0 && decoded < declaredLength) {
            throw CommonErrors.INCOMPLETE_BODY.exception()
                    .with("ExpectedLength", Long.toString(declaredLength))
                    .with("ReceivedLength", Long.toString(decoded));
        }
        state = State.DONE;
    }

    private Headers readTrailers()
            throws IOException
    {
        Map<String, List<String>> received = new TreeMap<>();
        String trailerSignature = null;
        int bytes = 0;
        int count = 0;
        while (true) {
            String line = readLine();
            if (line == null || line.isEmpty()) {
                break;
            }
            bytes += line.length();
            count++;
            if (bytes > MAX_TRAILER_BYTES || count > MAX_TRAILERS) {
                throw CommonErrors.MALFORMED_TRAILER_ERROR.exception("The trailing headers are too large.");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw CommonErrors.MALFORMED_TRAILER_ERROR.exception();
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (trailerSignature != null) {
                throw CommonErrors.MALFORMED_TRAILER_ERROR.exception("x-amz-trailer-signature must be the last trailing header.");
            }
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
                continue;
            }
            received.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }

        if (verifier != null) {
            if (trailerSignature == null) {
                throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception("The trailing headers carry no x-amz-trailer-signature.");
            }
            StringBuilder canonical = new StringBuilder();
            received.forEach((name, values) -> canonical.append(name).append(':').append(SigV4.canonicalHeaderValue(values)).append('\n'));
            byte[] hash = SigV4.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
            if (!verifier.verifyTrailer(hash, trailerSignature)) {
                throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception();
            }
        }

        for (String name : declaredTrailers) {
            if (!received.containsKey(name)) {
                throw CommonErrors.MALFORMED_TRAILER_ERROR.exception("The trailing header " + name + " announced in x-amz-trailer is missing.");
            }
        }
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> entry : received.entrySet()) {
            if (!declaredTrailers.contains(entry.getKey())) {
                throw CommonErrors.MALFORMED_TRAILER_ERROR.exception("The trailing header " + entry.getKey() + " was not announced in x-amz-trailer.");
            }
            entry.getValue().forEach(value -> headers.add(entry.getKey(), value));
        }
        return headers.build();
    }

    private static long parseSize(String text)
    {
        String hex = text.trim();
        if (hex.isEmpty() || hex.length() > 15) {
            throw malformed("bad chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw malformed("bad chunk size");
            }
            size = (size << 4) | digit;
        }
        return size;
    }

    /** The next line without its CRLF (or bare LF); null at a clean end of stream. */
    private String readLine()
            throws IOException
    {
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            if (limit - pos >= MAX_LINE) {
                throw malformed("line too long");
            }
            int scanned = limit - pos;
            if (fill() < 0) {
                if (pos == limit) {
                    return null;
                }
                throw incomplete();
            }
            scan = pos + scanned;
        }
    }

    /** Reads more of the source into the buffer, keeping the unread part; -1 at end of stream. */
    private int fill()
            throws IOException
    {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        else if (limit == buffer.length) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n;
        do {
            n = in.read(buffer, limit, buffer.length - limit);
        }
        while (n == 0);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private static AwsException incomplete()
    {
        return CommonErrors.INCOMPLETE_BODY.exception();
    }

    private static AwsException malformed(String what)
    {
        return CommonErrors.INVALID_REQUEST.exception("Malformed aws-chunked body: " + what + ".");
    }

    @Override
    public int available()
    {
        return state == State.DATA ? (int) Math.min(limit - pos, chunkRemaining) : 0;
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
