package dev.tarn.spi.service;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the gateway recognizes and speaks to a service.
 *
 * @param signingName the SigV4 credential-scope service ({@code s3}, {@code sts}, {@code kms}, ...)
 * @param protocol the wire protocol
 * @param targetPrefix for the JSON protocol, the X-Amz-Target prefix ({@code TrentService} for KMS)
 * @param jsonVersion for the JSON protocol, "1.0" or "1.1" (the Content-Type version)
 * @param xmlNamespace for the query protocol, the namespace of response documents
 */
public record ServiceDescriptor(String signingName, WireProtocol protocol, Optional<String> targetPrefix,
        Optional<String> jsonVersion, Optional<String> xmlNamespace)
{
    public ServiceDescriptor
    {
        requireNonNull(signingName, "signingName is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(targetPrefix, "targetPrefix is null");
        requireNonNull(jsonVersion, "jsonVersion is null");
        requireNonNull(xmlNamespace, "xmlNamespace is null");
    }

    public static ServiceDescriptor restXml(String signingName)
    {
        return new ServiceDescriptor(signingName, WireProtocol.REST_XML, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ServiceDescriptor query(String signingName, String xmlNamespace)
    {
        return new ServiceDescriptor(signingName, WireProtocol.QUERY, Optional.empty(), Optional.empty(), Optional.of(xmlNamespace));
    }

    public static ServiceDescriptor json(String signingName, String targetPrefix, String jsonVersion)
    {
        return new ServiceDescriptor(signingName, WireProtocol.JSON, Optional.of(targetPrefix), Optional.of(jsonVersion), Optional.empty());
    }
}
