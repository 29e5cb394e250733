package dev.tarn.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The audit log: every request the gateway answered, allowed or denied, as one JSON line in
 * {@code DIR/audit-YYYY-MM-DD.jsonl} (by the UTC day the request arrived), readable by the
 * server's user only. Requests only enqueue; one background thread writes. The queue is
 * bounded: when the disk cannot keep up, lines are dropped (and counted in the server log)
 * rather than slowing every request down or growing memory. Closing writes what is queued.
 */
public final class AuditLog
        implements RequestObserver, AutoCloseable
{
    public static final int DEFAULT_CAPACITY = 65_536;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int BATCH = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final BlockingQueue<AuditRecord> queue;
    private final ObjectWriter json;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    // used by the writer thread only
    private LocalDate openDay;
    private OutputStream openFile;

    private AuditLog(Path directory, int capacity)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.json = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build()
                .writer();
        this.writer = new Thread(this::run, "tarn-audit-log");
        this.writer.setDaemon(true);
    }

    /** Creates {@code directory} (owner-only) if needed and starts the writer. */
    public static AuditLog start(Path directory, int capacity)
            throws IOException
    {
        createDirectory(directory);
        AuditLog auditLog = new AuditLog(directory, capacity);
        auditLog.writer.start();
        return auditLog;
    }

    @Override
    public void observe(Exchange exchange)
    {
        if (closing || !queue.offer(AuditRecord.of(exchange))) {
            dropped.incrementAndGet();
        }
    }

    /** The file holding the requests of one UTC day. */
    public Path file(LocalDate day)
    {
        return directory.resolve("audit-" + day + ".jsonl");
    }

    private void run()
    {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        break;
                    }
                    reportDropped();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (IOException | RuntimeException e) {
                dropped.addAndGet(batch.size());
                batch.clear();
                log.error("Could not write the audit log in {}", directory, e);
                closeFile();
            }
        }
        closeFile();
        reportDropped();
    }

    private void write(List<AuditRecord> batch)
            throws IOException
    {
        for (AuditRecord record : batch) {
            OutputStream out = fileFor(record.time().atOffset(ZoneOffset.UTC).toLocalDate());
            out.write(json.writeValueAsBytes(record));
            out.write('\n');
        }
        // a line is on disk once its batch is written, not only at rotation or shutdown
        openFile.flush();
    }

    private OutputStream fileFor(LocalDate day)
            throws IOException
    {
        if (!day.equals(openDay)) {
            closeFile();
            Path file = file(day);
            openFile = new BufferedOutputStream(Channels.newOutputStream(Files.newByteChannel(file,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), ownerOnly(OWNER_ONLY_FILE))), 64 * 1024);
            openDay = day;
        }
        return openFile;
    }

    private void closeFile()
    {
        if (openFile == null) {
            return;
        }
        try {
            openFile.close();
        }
        catch (IOException e) {
            log.error("Could not close the audit log of {}", openDay, e);
        }
        openFile = null;
        openDay = null;
    }

    private void reportDropped()
    {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            log.warn("The audit log dropped {} records: its queue was full or its file could not be written", count);
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close()
            throws InterruptedException
    {
        closing = true;
        writer.join();
    }

    private static void createDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(OWNER_ONLY_DIRECTORY));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions)
    {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
