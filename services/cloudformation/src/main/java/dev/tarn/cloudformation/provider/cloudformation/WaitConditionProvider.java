package dev.tarn.cloudformation.provider.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.spi.error.CommonErrors;

import java.util.Set;

/**
 * AWS::CloudFormation::WaitCondition: waits for signals to its handle for up to Timeout seconds.
 * No signal can reach it in Tarn, so it always waits out its timeout and fails, as it does on AWS
 * when nothing signals: a template uses it to hold a stack in progress (or to make it fail) on
 * purpose.
 */
public final class WaitConditionProvider
        implements ResourceProvider
{
    private static final int MAX_TIMEOUT_SECONDS = 43_200;

    @Override
    public String type()
    {
        return "AWS::CloudFormation::WaitCondition";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("Handle", "Timeout", "Count");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("Handle", "Timeout", "Count");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Data");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        request.text("Handle").orElseThrow(() -> CloudFormationErrors.validation("Property validation failure: [Handle is required]"));
        int timeout;
        try {
            timeout = Integer.parseInt(request.text("Timeout").orElseThrow(() -> CloudFormationErrors.validation(
                    "Property validation failure: [Timeout is required]")));
        }
        catch (NumberFormatException e) {
            throw CloudFormationErrors.validation("Property validation failure: [Timeout must be a number of seconds]");
        }
        if (timeout < 0 || timeout > MAX_TIMEOUT_SECONDS) {
            throw CloudFormationErrors.validation("Property validation failure: [Timeout must be between 0 and " + MAX_TIMEOUT_SECONDS + "]");
        }
        int count = request.text("Count").map(Integer::parseInt).orElse(1);
        try {
            Thread.sleep(timeout * 1000L);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommonErrors.SERVICE_UNAVAILABLE.exception("The wait was interrupted by a shutdown of the server");
        }
        throw CloudFormationErrors.validation("WaitCondition timed out. Received 0 conditions when expecting " + count);
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previousProperties)
    {
        return current;
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
    }
}
