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
    private final byte[] single = new byte[1];
    static final int BUFFER_SIZE = 64 * 1024;
    private static final int DIRECT_READ_THRESHOLD = 8 * 1024;
    private static final int MAX_LINE = 4 * 1024;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;
    private static final int MAX_TRAILERS = 64;
    private static final byte[] CHUNK_SIGNATURE = "chunk-signature=".getBytes(StandardCharsets.US_ASCII);
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
    private final byte[] chunkSignature = new byte[ChunkSignatureVerifier.SIGNATURE_LENGTH];
    private int chunkSignatureLength;
    private final byte[] chunkHash = new byte[32];
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

    /** The trailing headers; known once the payload was read to its end (and none at all when none are expected). */
    Headers trailers()
    {
        if (!trailing) {
            return Headers.empty();
        }
        if (state != State.DONE || failure != null) {
            throw new IllegalStateException("The trailing headers are known once the payload was read to its end");
        }
        return trailers;
    }

    @Override
    public int read()
            throws IOException
    {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
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
        int newline = nextLine();
        if (newline < 0) {
            throw incomplete();
        }
        int end = lineEnd(newline);
        int start = pos;
        pos = newline + 1;
        if (end != start) {
            throw malformed("chunk data is not followed by CRLF");
        }
        if (verifier != null && !verifier.verifyChunk(digestChunk(), chunkSignature, 0, chunkSignatureLength)) {
            throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception();
        }
        state = State.HEADER;
    }

    /** Parses {@code hex-size[;chunk-signature=SIG]} straight from the buffer. */
    private void readChunkHeader()
            throws IOException
    {
        int newline = nextLine();
        if (newline < 0) {
            throw incomplete();
        }
        int end = lineEnd(newline);
        int i = pos;
        pos = newline + 1;

        long size = 0;
        int digits = 0;
        while (i < end) {
            int digit = Character.digit(buffer[i], 16);
            if (digit < 0 || ++digits > 15) {
                break;
            }
            size = (size << 4) | digit;
            i++;
        }
        i = skipSpaces(i, end);
        if (digits == 0 || digits > 15 || (i < end && buffer[i] != ';')) {
            throw malformed("bad chunk size");
        }

        if (verifier != null) {
            int extension = skipSpaces(i + 1, end);
            if (i >= end || !startsWith(extension, end, CHUNK_SIGNATURE)) {
                throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception("The chunk carries no chunk-signature.");
            }
            int signatureStart = extension + CHUNK_SIGNATURE.length;
            int signatureEnd = signatureStart;
            while (signatureEnd < end && buffer[signatureEnd] != ';' && buffer[signatureEnd] != ' ' && buffer[signatureEnd] != '\t') {
                signatureEnd++;
            }
            chunkSignatureLength = Math.min(signatureEnd - signatureStart, chunkSignature.length + 1);
            System.arraycopy(buffer, signatureStart, chunkSignature, 0, Math.min(chunkSignatureLength, chunkSignature.length));
        }

        if (declaredLength >= 0 && size > declaredLength - decoded) {
            throw CommonErrors.INVALID_REQUEST.exception("The aws-chunked body holds more than the " + declaredLength
                    + " bytes x-amz-decoded-content-length declares.");
        }
        if (chunkDigest != null) {
            chunkDigest.reset();
        }
        if (size > 0) {
            chunkRemaining = size;
            state = State.DATA;
            return;
        }
        if (verifier != null && !verifier.verifyChunk(digestChunk(), chunkSignature, 0, chunkSignatureLength)) {
            throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception();
        }
        if (trailing) {
            trailers = readTrailers();
        }
        else {
            String last = readLine();
            if (last != null && !last.isEmpty()) {
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

    private byte[] digestChunk()
    {
        try {
            chunkDigest.digest(chunkHash, 0, chunkHash.length);
        }
        catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        return chunkHash;
    }

    private int skipSpaces(int from, int end)
    {
        int i = from;
        while (i < end && (buffer[i] == ' ' || buffer[i] == '\t')) {
            i++;
        }
        return i;
    }

    private boolean startsWith(int from, int end, byte[] prefix)
    {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
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

    /** The next line without its CRLF (or bare LF); null at a clean end of stream. */
    private String readLine()
            throws IOException
    {
        int newline = nextLine();
        if (newline < 0) {
            return null;
        }
        String line = new String(buffer, pos, lineEnd(newline) - pos, StandardCharsets.ISO_8859_1);
        pos = newline + 1;
        return line;
    }

    /**
     * Makes sure a whole line starts at {@code pos} in the buffer and returns the index of its LF;
     * -1 at a clean end of stream.
     */
    private int nextLine()
            throws IOException
    {
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            if (limit - pos >= MAX_LINE) {
                throw malformed("line too long");
            }
            int scanned = limit - pos;
            if (fill() < 0) {
                if (pos == limit) {
                    return -1;
                }
                throw incomplete();
            }
            scan = pos + scanned;
        }
    }

    /** Where the line ending at this LF ends, without its CR. */
    private int lineEnd(int newline)
    {
        return newline > pos && buffer[newline - 1] == '\r' ? newline - 1 : newline;
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
