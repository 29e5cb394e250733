package dev.tarn.iam.store;

import java.util.Optional;

/** IAM's ARN shapes: {@code arn:aws:iam::<account>:<kind><path><name>}. */
public final class Arns
{
    private Arns() {}

    public static String iam(String accountId, String kind, String path, String name)
    {
        return "arn:aws:iam::" + accountId + ":" + kind + path + name;
    }

    /** The account and the name (last path segment) of an IAM ARN of the given kind, when it is one. */
    public static Optional<ParsedArn> parse(String arn, String kind)
    {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[5].startsWith(kind + "/")) {
            return Optional.empty();
        }
        String resource = parts[5];
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        String path = resource.substring(kind.length(), resource.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ParsedArn(parts[4], path, name));
    }

    public record ParsedArn(String accountId, String path, String name) {}
}
