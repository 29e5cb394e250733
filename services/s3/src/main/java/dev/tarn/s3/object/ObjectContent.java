package dev.tarn.s3.object;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.meta.Segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads plaintext bytes of an object across its segments. Each segment is a blob with its own
 * data key (from its header); only the segments a range touches are opened, and each only for
 * the bytes wanted, so the blob store decrypts no chunk outside the range.
 */
public final class ObjectContent
{
    private final BlobStore blobs;
    // SSE-S3 keys; SSE-KMS and SSE-C objects come with their own KeyUnwrapper
    private final DataKeyProvider dataKeys;

    public ObjectContent(BlobStore blobs, DataKeyProvider dataKeys)
    {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.dataKeys = requireNonNull(dataKeys, "dataKeys is null");
    }

    /** Bytes {@code [offset, offset + length)} of the SSE-S3 object made of {@code segments}. */
    public InputStream open(List<Segment> segments, long offset, long length)
    {
        return open(segments, offset, length, dataKeys::unwrap);
    }

    /** The wrapped data key of an object's first segment, to check its key can be opened before anything is sent. */
    public Optional<byte[]> firstWrappedKey(List<Segment> segments)
    {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(blobs.wrappedKey(segments.get(0).blobId()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes {@code [offset, offset + length)} of the object made of {@code segments}, whose keys {@code keys} opens. */
    public InputStream open(List<Segment> segments, long offset, long length, KeyUnwrapper keys)
    {
        List<Piece> pieces = new ArrayList<>();
        long segmentStart = 0;
        long end = offset + length;
        for (Segment segment : segments) {
            long segmentEnd = segmentStart + segment.length();
            long from = Math.max(offset, segmentStart);
            long to = Math.min(end, segmentEnd);
            if (from < to) {
                pieces.add(new Piece(segment, from - segmentStart, to - from));
            }
            segmentStart = segmentEnd;
        }
        return new PiecesInputStream(pieces, keys);
    }

    private record Piece(Segment segment, long offset, long length) {}

    /** Opens one piece at a time, when the previous one is exhausted. */
    private final class PiecesInputStream
            extends InputStream
    {
        private final List<Piece> pieces;
        private final KeyUnwrapper keys;
        private int next;
        private InputStream current = InputStream.nullInputStream();

        PiecesInputStream(List<Piece> pieces, KeyUnwrapper keys)
        {
            this.pieces = Collections.unmodifiableList(pieces);
            this.keys = keys;
        }

        @Override
        public int read()
                throws IOException
        {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (length == 0) {
                return 0;
            }
            while (true) {
                int read = current.read(buffer, offset, length);
                if (read >= 0) {
                    return read;
                }
                if (next == pieces.size()) {
                    return -1;
                }
                current.close();
                current = openPiece(pieces.get(next++));
            }
        }

        @Override
        public void close()
                throws IOException
        {
            current.close();
            next = pieces.size();
        }

        private InputStream openPiece(Piece piece)
                throws IOException
        {
            byte[] key = keys.unwrap(blobs.wrappedKey(piece.segment().blobId()));
            try {
                return blobs.open(piece.segment().blobId(), key, piece.offset(), piece.length());
            }
            finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }
    }
}
