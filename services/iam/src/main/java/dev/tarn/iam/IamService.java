package dev.tarn.iam;

import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;

import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** AWS Identity and Access Management over the query protocol; each area of the API is a class of its own. */
public final class IamService
        implements AwsService
{
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final List<Consumer<OperationRegistry>> areas;

    IamService(List<Consumer<OperationRegistry>> areas)
    {
        this.areas = List.copyOf(requireNonNull(areas, "areas is null"));
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.query("iam", NAMESPACE);
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        areas.forEach(area -> area.accept(registry));
    }
}
