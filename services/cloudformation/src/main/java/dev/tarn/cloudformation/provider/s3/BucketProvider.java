package dev.tarn.cloudformation.provider.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ProvisionedResource;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceRequest;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.cloudformation.provider.Xml;
import dev.tarn.spi.error.AwsException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS::S3::Bucket: CreateBucket, then one S3 call per configuration property (public access
 * block, versioning, default encryption, tags, logging). A configuration that fails removes the
 * bucket again, so a failed create leaves nothing.
 */
public final class BucketProvider
        implements ResourceProvider
{
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    @Override
    public String type()
    {
        return "AWS::S3::Bucket";
    }

    @Override
    public Set<String> properties()
    {
        return Set.of("BucketName", "PublicAccessBlockConfiguration", "VersioningConfiguration", "BucketEncryption", "Tags", "LoggingConfiguration");
    }

    @Override
    public Set<String> replacementProperties()
    {
        return Set.of("BucketName");
    }

    @Override
    public Set<String> attributes()
    {
        return Set.of("Arn", "DomainName", "RegionalDomainName", "DualStackDomainName");
    }

    @Override
    public ProvisionedResource create(ResourceRequest request)
    {
        ServiceClient s3 = request.client();
        String name = request.text("BucketName").orElseGet(() -> request.generatedName(63, true));
        String configuration = s3.region().equals("us-east-1") ? ""
                : "<CreateBucketConfiguration xmlns=\"" + NAMESPACE + "\">" + Xml.element("LocationConstraint", s3.region()) + "</CreateBucketConfiguration>";
        s3.s3("PUT", name, Map.of(), configuration);
        try {
            configure(s3, name, request, Optional.empty());
        }
        catch (RuntimeException e) {
            try {
                s3.s3("DELETE", name, Map.of(), "");
            }
            catch (AwsException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return provisioned(name, s3.region());
    }

    @Override
    public ProvisionedResource update(ResourceRequest request, ProvisionedResource current, JsonNode previousProperties)
    {
        configure(request.client(), current.physicalId(), request, Optional.of(previousProperties));
        return provisioned(current.physicalId(), request.client().region());
    }

    @Override
    public void delete(ResourceRequest request, ProvisionedResource current)
    {
        try {
            request.client().s3("DELETE", current.physicalId(), Map.of(), "");
        }
        catch (AwsException e) {
            if (!e.code().equals("NoSuchBucket")) {
                throw e;
            }
        }
    }

    private static ProvisionedResource provisioned(String name, String region)
    {
        return new ProvisionedResource(name, Map.of(
                "Arn", "arn:aws:s3:::" + name,
                "DomainName", name + ".s3.amazonaws.com",
                "RegionalDomainName", name + ".s3." + region + ".amazonaws.com",
                "DualStackDomainName", name + ".s3.dualstack." + region + ".amazonaws.com"));
    }

    /** Applies each configuration property that is new or changed; with no previous properties, each one given. */
    private static void configure(ServiceClient s3, String bucket, ResourceRequest request, Optional<JsonNode> previous)
    {
        apply(s3, bucket, request, previous, "PublicAccessBlockConfiguration", "publicAccessBlock", BucketProvider::publicAccessBlock, true);
        apply(s3, bucket, request, previous, "VersioningConfiguration", "versioning", BucketProvider::versioning, false);
        apply(s3, bucket, request, previous, "BucketEncryption", "encryption", BucketProvider::encryption, true);
        apply(s3, bucket, request, previous, "Tags", "tagging", BucketProvider::tagging, true);
        apply(s3, bucket, request, previous, "LoggingConfiguration", "logging", BucketProvider::logging, false);
    }

    private interface Document
    {
        String xml(JsonNode value);
    }

    private static void apply(ServiceClient s3, String bucket, ResourceRequest request, Optional<JsonNode> previous, String property, String subresource,
            Document document, boolean deletable)
    {
        Optional<JsonNode> value = request.node(property);
        Optional<JsonNode> before = previous.map(properties -> properties.get(property)).filter(node -> node != null && !node.isNull());
        if (value.equals(before)) {
            return;
        }
        Map<String, List<String>> query = Map.of(subresource, List.of(""));
        if (value.isPresent()) {
            s3.s3("PUT", bucket, query, document.xml(value.get()));
        }
        else if (deletable) {
            s3.s3("DELETE", bucket, query, "");
        }
        else if (property.equals("VersioningConfiguration")) {
            s3.s3("PUT", bucket, query, "<VersioningConfiguration xmlns=\"" + NAMESPACE + "\"><Status>Suspended</Status></VersioningConfiguration>");
        }
        else {
            s3.s3("PUT", bucket, query, "<BucketLoggingStatus xmlns=\"" + NAMESPACE + "\"/>");
        }
    }

    private static String publicAccessBlock(JsonNode value)
    {
        StringBuilder xml = new StringBuilder("<PublicAccessBlockConfiguration xmlns=\"" + NAMESPACE + "\">");
        for (String flag : List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")) {
            xml.append(Xml.element(flag, String.valueOf(value.path(flag).asText("false").equalsIgnoreCase("true"))));
        }
        return xml.append("</PublicAccessBlockConfiguration>").toString();
    }

    private static String versioning(JsonNode value)
    {
        String status = required(value, "Status", "VersioningConfiguration");
        if (!status.equals("Enabled") && !status.equals("Suspended")) {
            throw CloudFormationErrors.validation("VersioningConfiguration Status must be Enabled or Suspended, not " + status);
        }
        return "<VersioningConfiguration xmlns=\"" + NAMESPACE + "\">" + Xml.element("Status", status) + "</VersioningConfiguration>";
    }

    private static String encryption(JsonNode value)
    {
        StringBuilder xml = new StringBuilder("<ServerSideEncryptionConfiguration xmlns=\"" + NAMESPACE + "\">");
        for (JsonNode rule : value.path("ServerSideEncryptionConfiguration")) {
            xml.append("<Rule>");
            JsonNode byDefault = rule.path("ServerSideEncryptionByDefault");
            if (!byDefault.isMissingNode()) {
                xml.append("<ApplyServerSideEncryptionByDefault>")
                        .append(Xml.element("SSEAlgorithm", required(byDefault, "SSEAlgorithm", "ServerSideEncryptionByDefault")));
                if (byDefault.hasNonNull("KMSMasterKeyID")) {
                    xml.append(Xml.element("KMSMasterKeyID", byDefault.get("KMSMasterKeyID").asText()));
                }
                xml.append("</ApplyServerSideEncryptionByDefault>");
            }
            if (rule.hasNonNull("BucketKeyEnabled")) {
                xml.append(Xml.element("BucketKeyEnabled", String.valueOf(rule.get("BucketKeyEnabled").asText().equalsIgnoreCase("true"))));
            }
            xml.append("</Rule>");
        }
        return xml.append("</ServerSideEncryptionConfiguration>").toString();
    }

    private static String tagging(JsonNode value)
    {
        StringBuilder xml = new StringBuilder("<Tagging xmlns=\"" + NAMESPACE + "\"><TagSet>");
        for (JsonNode tag : value) {
            xml.append("<Tag>").append(Xml.element("Key", required(tag, "Key", "Tags"))).append(Xml.element("Value", tag.path("Value").asText("")))
                    .append("</Tag>");
        }
        return xml.append("</TagSet></Tagging>").toString();
    }

    private static String logging(JsonNode value)
    {
        StringBuilder xml = new StringBuilder("<BucketLoggingStatus xmlns=\"" + NAMESPACE + "\"><LoggingEnabled>");
        xml.append(Xml.element("TargetBucket", required(value, "DestinationBucketName", "LoggingConfiguration")));
        xml.append(Xml.element("TargetPrefix", value.path("LogFilePrefix").asText("")));
        return xml.append("</LoggingEnabled></BucketLoggingStatus>").toString();
    }

    private static String required(JsonNode value, String member, String property)
    {
        JsonNode node = value.get(member);
        if (node == null || node.isNull() || !node.isValueNode()) {
            throw CloudFormationErrors.validation("Property validation failure: [" + property + " requires " + member + "]");
        }
        return node.asText();
    }
}
