package dev.tarn.s3.lifecycle;

import java.util.List;

/** Where the scheduler records what it did, after each change is durable. */
@FunctionalInterface
public interface LifecycleLog
{
    void record(List<LifecycleEvent> events);

    static LifecycleLog discarding()
    {
        return events -> { };
    }
}
