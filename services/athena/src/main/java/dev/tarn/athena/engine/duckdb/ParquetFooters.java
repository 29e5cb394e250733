package dev.tarn.athena.engine.duckdb;

import org.apache.parquet.format.FileMetaData;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The decoded footers of the Parquet object versions read lately, least recently used dropped
 * first, so a statement that reads an object again does not decode its footer again (about a
 * millisecond for a few dozen row groups). Footers hold column statistics, which are table data:
 * they are kept only beside a plaintext cache. The footers handed out are shared and must not be
 * changed (a pruned footer is a copy).
 */
final class ParquetFooters
{
    private final long capacityBytes;
    private final Map<PlaintextCache.Identity, Footer> footers = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private record Footer(FileMetaData metadata, long length) {}

    /** @param capacityBytes how many bytes of encoded footers to keep at most (0: none) */
    ParquetFooters(long capacityBytes)
    {
        this.capacityBytes = capacityBytes;
    }

    synchronized Optional<FileMetaData> find(PlaintextCache.Identity object)
    {
        return Optional.ofNullable(footers.get(requireNonNull(object, "object is null"))).map(Footer::metadata);
    }

    /** Keeps the footer decoded from {@code length} bytes, unless it alone is over the capacity. */
    synchronized void keep(PlaintextCache.Identity object, FileMetaData metadata, long length)
    {
        requireNonNull(object, "object is null");
        requireNonNull(metadata, "metadata is null");
        if (length > capacityBytes) {
            return;
        }
        Footer replaced = footers.put(object, new Footer(metadata, length));
        bytes += length - (replaced == null ? 0 : replaced.length());
        Iterator<Footer> oldest = footers.values().iterator();
        while (bytes > capacityBytes) {
            bytes -= oldest.next().length();
            oldest.remove();
        }
    }
}
