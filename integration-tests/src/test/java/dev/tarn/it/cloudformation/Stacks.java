package dev.tarn.it.cloudformation;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The sample templates of the repository, and waiting for a stack operation to end. */
final class Stacks
{
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Stacks() {}

    static Path samples()
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path samples = dir.resolve("samples/templates");
            if (Files.isDirectory(samples)) {
                return samples;
            }
        }
        throw new IllegalStateException("samples/templates not found above " + Path.of("").toAbsolutePath());
    }

    static String sample(String name)
    {
        try {
            return Files.readString(samples().resolve(name));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack once its operation has ended (any status but *_IN_PROGRESS). */
    static Stack settled(CloudFormationClient cloudFormation, String stackNameOrId)
    {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Stack stack = cloudFormation.describeStacks(request -> request.stackName(stackNameOrId)).stacks().get(0);
            boolean running = stack.stackStatusAsString().endsWith("_IN_PROGRESS") && stack.stackStatus() != StackStatus.REVIEW_IN_PROGRESS;
            if (!running) {
                return stack;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("stack " + stackNameOrId + " still " + stack.stackStatusAsString() + " after " + PATIENCE);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
