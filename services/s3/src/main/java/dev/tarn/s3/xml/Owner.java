package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import dev.tarn.s3.CanonicalUser;

import static java.util.Objects.requireNonNull;

/** The {@code Owner} element of listings. */
public record Owner(
        @JacksonXmlProperty(localName = "ID") String id,
        @JacksonXmlProperty(localName = "DisplayName") String displayName)
{
    public Owner
    {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
    }

    public static Owner of(String accountId)
    {
        CanonicalUser user = CanonicalUser.of(accountId);
        return new Owner(user.id(), user.displayName());
    }
}
