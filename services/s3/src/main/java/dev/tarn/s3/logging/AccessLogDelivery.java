package dev.tarn.s3.logging;

import dev.tarn.gateway.audit.Exchange;
import dev.tarn.gateway.audit.RequestObserver;
import dev.tarn.s3.CanonicalUser;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.object.BlobIngest;
import dev.tarn.s3.object.ObjectWriter;
import dev.tarn.s3.object.VersionIds;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Server access logging: every request to a bucket with logging enabled becomes one record in
 * AWS's format, written with others as a log object into the target bucket. Delivery is best
 * effort, as on AWS: requests only enqueue (never waiting; when the queue is full the record is
 * dropped and counted), one background thread formats and batches the records, and a batch is
 * written when it is full, every flush interval, and at close. A batch that cannot be written
 * (the target bucket was deleted, the disk failed) is dropped.
 */
public final class AccessLogDelivery
        implements RequestObserver, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(AccessLogDelivery.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final MetadataStore metadata;
    private final LogObjectWriter objects;
    private final Clock clock;
    private final AccessLogSettings settings;
    private final BlockingQueue<Exchange> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean closing;

    // owned by the worker thread
    private final Map<String, Optional<LoggingSource>> sources = new HashMap<>();
    private final Map<BatchKey, List<String>> batches = new LinkedHashMap<>();
    private int pending;

    /** Operations after which a bucket's logging is read again; exchanges arrive in the order they were answered. */
    private static final Set<String> RECONFIGURING = Set.of("PutBucketLogging", "CreateBucket", "DeleteBucket");

    /**
     * A bucket's logging as the worker needs it: its owner, region and target. Read once per
     * flush interval, and again after the bucket was reconfigured.
     */
    private record LoggingSource(String ownerAccountId, String ownerCanonicalId, String region, LoggingTarget target) {}

    /** The records that go into one log object: one target, one source bucket, one day of requests. */
    private record BatchKey(LoggingTarget target, String sourceBucket, String sourceAccountId, String sourceRegion, LocalDate eventDay) {}

    private AccessLogDelivery(MetadataStore metadata, LogObjectWriter objects, Clock clock, AccessLogSettings settings)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.worker = new Thread(this::run, "tarn-s3-access-log");
        this.worker.setDaemon(true);
    }

    public static AccessLogDelivery start(S3Dependencies dependencies, AccessLogSettings settings)
    {
        requireNonNull(dependencies, "dependencies is null");
        BlobIngest ingest = new BlobIngest(dependencies.blobs(), dependencies.dataKeys());
        ObjectWriter writer = new ObjectWriter(dependencies.metadata(), ingest, new VersionIds(dependencies.clock()), dependencies.clock());
        AccessLogDelivery delivery = new AccessLogDelivery(dependencies.metadata(), new LogObjectWriter(dependencies.metadata(), ingest, writer),
                dependencies.clock(), settings);
        delivery.worker.start();
        return delivery;
    }

    @Override
    public void observe(Exchange exchange)
    {
        // Which buckets log is looked up by the worker, so a request costs no more than an offer
        if (closing || !queue.offer(exchange)) {
            dropped.incrementAndGet();
        }
    }

    private void run()
    {
        long intervalNanos = settings.flushInterval().toNanos();
        long deadline = System.nanoTime() + intervalNanos;
        while (true) {
            try {
                // wakes at least every POLL to notice close()
                Exchange exchange = queue.poll(Math.max(0, Math.min(POLL_NANOS, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
                if (exchange != null) {
                    record(exchange);
                }
                if (System.nanoTime() - deadline >= 0) {
                    deliverAll();
                    sources.clear();
                    reportDropped();
                    deadline = System.nanoTime() + intervalNanos;
                }
                if (closing && queue.isEmpty()) {
                    break;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (RuntimeException e) {
                log.warn("Server access log record could not be made", e);
            }
        }
        deliverAll();
        reportDropped();
    }

    private void record(Exchange exchange)
    {
        Optional<LoggedRequest> request = LoggedRequest.of(exchange);
        if (request.isEmpty()) {
            return;
        }
        if (exchange.operation().filter(RECONFIGURING::contains).isPresent()) {
            sources.remove(request.get().bucket());
        }
        Optional<LoggingSource> source = sources.computeIfAbsent(request.get().bucket(), this::loadSource);
        if (source.isEmpty()) {
            return;
        }
        String line = AccessLogRecord.of(exchange, request.get(), source.get().ownerCanonicalId()).format();
        BatchKey key = new BatchKey(source.get().target(), request.get().bucket(), source.get().ownerAccountId(), source.get().region(),
                exchange.receivedAt().atOffset(ZoneOffset.UTC).toLocalDate());
        List<String> batch = batches.computeIfAbsent(key, ignored -> new ArrayList<>());
        batch.add(line);
        pending++;
        if (batch.size() >= settings.maxRecordsPerObject()) {
            batches.remove(key);
            pending -= batch.size();
            deliver(key, batch);
        }
        else if (pending >= settings.maxPendingRecords()) {
            deliverAll();
        }
    }

    private Optional<LoggingSource> loadSource(String bucket)
    {
        Optional<BucketRecord> record = metadata.read(reader -> reader.bucket(bucket));
        return record.flatMap(found -> LoggingTarget.of(found).map(target ->
                new LoggingSource(found.ownerAccountId(), CanonicalUser.of(found.ownerAccountId()).id(), found.region(), target)));
    }

    private void deliverAll()
    {
        for (Iterator<Map.Entry<BatchKey, List<String>>> entries = batches.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<BatchKey, List<String>> entry = entries.next();
            entries.remove();
            deliver(entry.getKey(), entry.getValue());
        }
        pending = 0;
    }

    private void deliver(BatchKey key, List<String> lines)
    {
        Instant now = clock.instant();
        String objectKey = LogObjectKeys.key(key.target(), key.sourceAccountId(), key.sourceRegion(), key.sourceBucket(), key.eventDay(), now);
        ByteArrayOutputStream content = new ByteArrayOutputStream(lines.size() * 400);
        for (String line : lines) {
            content.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            content.write('\n');
        }
        try {
            if (!objects.write(key.target().bucket(), objectKey, content.toByteArray(), key.sourceAccountId())) {
                log.warn("Dropped {} access log records of bucket {}: target bucket {} is gone or has another owner", lines.size(), key.sourceBucket(),
                        key.target().bucket());
            }
        }
        catch (RuntimeException e) {
            log.warn("Dropped {} access log records of bucket {}: writing {} to {} failed", lines.size(), key.sourceBucket(), objectKey,
                    key.target().bucket(), e);
        }
    }

    private void reportDropped()
    {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            log.warn("Dropped {} requests from server access logs: the log queue was full", count);
        }
    }

    /** Writes every pending record and stops. */
    @Override
    public void close()
            throws InterruptedException
    {
        closing = true;
        worker.join();
    }
}
