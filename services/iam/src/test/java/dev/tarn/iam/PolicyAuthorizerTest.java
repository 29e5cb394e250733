package dev.tarn.iam;

import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.IamStore;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyRecord;
import dev.tarn.iam.store.PolicyVersionRecord;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyAuthorizerTest
{
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path dir;
    MetadataStore metadata;
    IamStore store;
    PolicyAuthorizer authorizer;

    @BeforeEach
    void setUp()
    {
        metadata = SqliteMetadataStore.open(dir.resolve("metadata.db"));
        store = new IamStore(metadata);
        ParsedPolicies parsed = new ParsedPolicies();
        authorizer = new PolicyAuthorizer(new PrincipalPolicies(store, parsed), parsed, new KeyUsage(store));
    }

    @AfterEach
    void tearDown()
    {
        metadata.close();
    }

    @Test
    void rootIsAllowedUnlessAResourcePolicyDeniesExplicitly()
    {
        RequestContext root = context(Caller.root(ACCOUNT, "AKIAROOT"));
        authorizer.authorize(root, AuthorizationRequest.of("s3:DeleteBucket", "arn:aws:s3:::b", ACCOUNT));
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::b\"}]}";
        assertThatThrownBy(() -> authorizer.authorize(root, AuthorizationRequest.of("s3:DeleteBucket", "arn:aws:s3:::b", ACCOUNT).withResourcePolicy(Optional.of(deny))))
                .isInstanceOf(AwsException.class)
                .hasMessage("User: arn:aws:iam::" + ACCOUNT + ":root is not authorized to perform: s3:DeleteBucket on resource: arn:aws:s3:::b with an explicit deny in a resource-based policy");
        // another account's root is not this account's root
        assertThatThrownBy(() -> authorizer.authorize(context(Caller.root("999988887777", "AKIAOTHER")), AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::b/k", ACCOUNT)))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void usersGetTheirPoliciesAndLoseThemAtTheNextWrite()
    {
        UserRecord user = user(List.of(managed("reader", "s3:GetObject", "arn:aws:s3:::data/*")));
        RequestContext context = context(new Caller(ACCOUNT, user.arn(), user.id(), Optional.of("AKIAUSER"), false));
        authorizer.authorize(context, AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::data/x", ACCOUNT));
        assertThatThrownBy(() -> authorizer.authorize(context, AuthorizationRequest.of("s3:PutObject", "arn:aws:s3:::data/x", ACCOUNT)))
                .hasMessage("User: " + user.arn() + " is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::data/x because no identity-based policy allows the s3:PutObject action");

        store.write(writer -> {
            writer.put(Kind.USERS, IamReader.key(ACCOUNT, user.name()), user.withPolicies(Map.of(), List.of()));
            return null;
        });
        assertThatThrownBy(() -> authorizer.authorize(context, AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::data/x", ACCOUNT)))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void deletedUsersAreAllowedNothing()
    {
        UserRecord user = user(List.of(managed("all", "s3:*", "*")));
        RequestContext context = context(new Caller(ACCOUNT, user.arn(), user.id(), Optional.of("AKIAUSER"), false));
        authorizer.authorize(context, AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::data/x", ACCOUNT));
        store.write(writer -> writer.delete(Kind.USERS, IamReader.key(ACCOUNT, user.name())));
        assertThatThrownBy(() -> authorizer.authorize(context, AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::data/x", ACCOUNT)))
                .isInstanceOf(AwsException.class);
    }

    /**
     * A user with ten attached policies (five statements each) is decided by all of them: the
     * statement that allows is in the last policy attached, and what none allows stays denied,
     * decision after decision from the cache. (The cost of a decision is measured by the
     * benchmarks, not here.)
     */
    @Test
    void tenAttachedPoliciesDecideTogetherFromTheCache()
    {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arns.add(managed("p" + i, "s3:Get*", "arn:aws:s3:::bucket-" + i + "/*"));
        }
        UserRecord user = user(arns);
        RequestContext context = context(new Caller(ACCOUNT, user.arn(), user.id(), Optional.of("AKIAUSER"), false));
        AuthorizationRequest allowed = AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::bucket-9/key", ACCOUNT);
        AuthorizationRequest denied = AuthorizationRequest.of("s3:PutObject", "arn:aws:s3:::bucket-9/key", ACCOUNT);
        AuthorizationRequest otherBucket = AuthorizationRequest.of("s3:GetObject", "arn:aws:s3:::bucket-10/key", ACCOUNT);
        int denials = 0;
        for (int i = 0; i < 1_000; i++) {
            authorizer.authorize(context, allowed);
            for (AuthorizationRequest request : List.of(denied, otherBucket)) {
                try {
                    authorizer.authorize(context, request);
                }
                catch (AwsException e) {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    denials++;
                }
            }
        }
        assertThat(denials).isEqualTo(2_000);
    }

    private UserRecord user(List<String> attached)
    {
        UserRecord user = new UserRecord(ACCOUNT, "paulo", "AIDAEXAMPLE00000000", "/", Instant.EPOCH, List.of(), Map.of(), attached, Optional.empty(), Optional.empty());
        store.write(writer -> {
            writer.put(Kind.USERS, IamReader.key(ACCOUNT, "paulo"), user);
            return null;
        });
        return user;
    }

    private String managed(String name, String action, String resource)
    {
        StringBuilder statements = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            statements.append(i == 0 ? "" : ",").append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"Allow\",\"Action\":\"")
                    .append(i == 0 ? action : "dynamodb:Get" + i).append("\",\"Resource\":\"").append(resource).append("\"}");
        }
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        PolicyRecord policy = new PolicyRecord(ACCOUNT, name, "ANPA" + name, "/", Optional.empty(), Instant.EPOCH, Instant.EPOCH, "v1",
                List.of(new PolicyVersionRecord("v1", document, Instant.EPOCH)), 2, List.of());
        store.write(writer -> {
            writer.put(Kind.POLICIES, IamReader.key(ACCOUNT, name), policy);
            return null;
        });
        return policy.arn();
    }

    private static RequestContext context(Caller caller)
    {
        return new RequestContext("req", caller, "us-east-1", "10.0.0.1", false, Clock.systemUTC().instant());
    }
}
