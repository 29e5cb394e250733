package dev.tarn.spi.service;

import dev.tarn.spi.security.RequestContext;

import static java.util.Objects.requireNonNull;

/**
 * An operation of a query- or JSON-protocol service, as plain Java: an input record in, an
 * output record out. The gateway maps names between the wire and the records with Jackson, so
 * record components are named as AWS names the members (e.g. {@code UserName}) or annotated.
 */
public record ActionOperation<I, O>(String name, Class<I> inputType, Handler<I, O> handler)
{
    public ActionOperation
    {
        requireNonNull(name, "name is null");
        requireNonNull(inputType, "inputType is null");
        requireNonNull(handler, "handler is null");
    }

    @FunctionalInterface
    public interface Handler<I, O>
    {
        O handle(RequestContext context, I input);
    }
}
