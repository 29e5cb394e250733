package dev.tarn.s3.select;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte counts S3 reports in Stats and Progress: bytes read from the object (compressed),
 * bytes after decompression, bytes of records sent.
 */
final class SelectStats
{
    final AtomicLong scanned = new AtomicLong();
    final AtomicLong processed = new AtomicLong();
    final AtomicLong returned = new AtomicLong();

    String xml(String element)
    {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + element + " xmlns=\"\"><BytesScanned>" + scanned.get() + "</BytesScanned><BytesProcessed>"
                + processed.get() + "</BytesProcessed><BytesReturned>" + returned.get() + "</BytesReturned></" + element + ">";
    }
}
