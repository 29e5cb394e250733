package dev.tarn.s3.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The lifecycle log: one JSON object per line in {@code DATA_DIR/lifecycle/lifecycle.log}
 * ({@code time, bucket, key, versionId, action, rule}, and {@code result} when there is one),
 * appended after the changes it describes committed.
 */
public final class FileLifecycleLog
        implements LifecycleLog
{
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public FileLifecycleLog(Path file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public synchronized void record(List<LifecycleEvent> events)
    {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        try {
            for (LifecycleEvent event : events) {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("time", event.time().toString());
                line.put("bucket", event.bucket());
                line.put("key", event.key());
                line.put("versionId", event.versionId());
                line.put("action", event.action());
                line.put("rule", event.ruleId());
                event.result().ifPresent(result -> line.put("result", result));
                lines.append(json.writeValueAsString(line)).append('\n');
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }
}
