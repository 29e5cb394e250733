package dev.tarn.iam;

import dev.tarn.iam.store.Arns;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.SessionRecord;
import dev.tarn.policy.MatchedStatement;
import dev.tarn.policy.PolicyCategory;
import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicySizeLimits;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Temporary credentials, as STS issues them: role sessions (AssumeRole), decided by the caller's
 * identity-based policies and the role's trust policy, and session tokens (GetSessionToken) for
 * users and root. They are stored, so they survive a restart, and expire.
 */
public final class Sessions
{
    public static final AwsErrorCode PACKED_POLICY_TOO_LARGE = new AwsErrorCode("PackedPolicyTooLarge", 400,
            "The request was rejected because the total packed size of the session policies and session tags combined was too large.");
    private static final int ROLE_CHAINING_MAX_SECONDS = 3600;

    private final IamContext iam;
    private final PolicyAuthorizer authorizer;

    Sessions(IamContext iam, PolicyAuthorizer authorizer)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    public record AssumeRoleRequest(String roleArn, String roleSessionName, Optional<String> policy, List<String> policyArns,
            Optional<Integer> durationSeconds, Optional<String> externalId)
    {
        public AssumeRoleRequest
        {
            policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
        }
    }

    /**
     * @param assumedRoleId {@code AROA...:session} for a role session
     * @param assumedRoleArn {@code arn:aws:sts::account:assumed-role/role/session} for a role session
     * @param packedPolicySize the session policies' size as a percentage of the quota
     */
    public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
            Optional<String> assumedRoleId, Optional<String> assumedRoleArn, Optional<Integer> packedPolicySize) {}

    public IssuedCredentials assumeRole(RequestContext context, AssumeRoleRequest request)
    {
        Caller caller = context.caller();
        String roleArn = Validation.required("roleArn", request.roleArn());
        String sessionName = sessionName(request.roleSessionName());
        if (caller.root()) {
            throw CommonErrors.ACCESS_DENIED.exception("Roles may not be assumed by root accounts.");
        }
        int packedSize = request.policy().map(this::sessionPolicySize).orElse(0);
        if (request.policyArns().size() > 10) {
            throw Validation.error("policyArns", "Member must have length less than or equal to 10");
        }
        Supplier<AwsException> denied = () -> CommonErrors.ACCESS_DENIED.exception("User: " + caller.arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        // a role of any account of the installation: its trust policy and, across accounts, the caller's policies decide
        RoleRecord role = Arns.parse(roleArn, "role")
                .flatMap(parsed -> iam.store().read(reader -> reader.get(Kind.ROLES, IamReader.key(parsed.accountId(), parsed.name()))))
                .filter(found -> found.arn().equals(roleArn))
                .orElseThrow(denied::get);
        boolean chained = caller.arn().startsWith("arn:aws:sts::");
        int maxDuration = chained ? ROLE_CHAINING_MAX_SECONDS : role.maxSessionDuration();
        int duration = request.durationSeconds().orElse(3600);
        if (duration < 900) {
            throw Validation.error("durationSeconds", "Member must have value greater than or equal to 900");
        }
        if (duration > maxDuration) {
            throw IamErrors.VALIDATION_ERROR.exception("The requested DurationSeconds exceeds the " + (chained ? "1 hour session limit for roles assumed by role chaining." : "MaxSessionDuration set for this role."));
        }
        for (String arn : request.policyArns()) {
            iam.store().read(reader -> Entities.policy(reader, arn));
        }

        Map<String, List<String>> keys = new HashMap<>();
        keys.put("sts:RoleSessionName", List.of(sessionName));
        request.externalId().ifPresent(id -> keys.put("sts:ExternalId", List.of(id)));
        PolicyAuthorizer.Decided decided = authorizer.evaluate(context,
                new AuthorizationRequest("sts:AssumeRole", role.arn(), Optional.of(role.accountId()), keys, Optional.of(role.trustPolicy())));
        // the trust policy must allow whatever the identity-based policies say
        boolean trusted = decided.result().matchedStatements().stream().map(MatchedStatement::category).anyMatch(PolicyCategory.RESOURCE_BASED::equals);
        if (!decided.result().isAllowed() || !trusted) {
            throw denied.get();
        }

        String assumedRoleId = role.id() + ":" + sessionName;
        String sessionArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
        SessionRecord session = new SessionRecord(iam.ids().accessKeyId(true), iam.ids().secretAccessKey(), iam.ids().sessionToken(),
                iam.now().plus(Duration.ofSeconds(duration)), role.accountId(), sessionArn, assumedRoleId, false, Optional.empty(),
                Optional.of(role.name()), request.policy(), request.policyArns());
        store(session);
        return new IssuedCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration(),
                Optional.of(assumedRoleId), Optional.of(sessionArn), Optional.of(packedSize));
    }

    public IssuedCredentials sessionToken(RequestContext context, Optional<Integer> durationSeconds)
    {
        Caller caller = context.caller();
        if (caller.accessKeyId().map(key -> key.startsWith("ASIA")).orElse(false)) {
            throw CommonErrors.ACCESS_DENIED.exception("Cannot call GetSessionToken with session credentials");
        }
        int max = caller.root() ? 3600 : 129_600;
        int duration = durationSeconds.orElse(caller.root() ? 3600 : 43_200);
        if (duration < 900 || duration > max) {
            throw Validation.error("durationSeconds", "Member must have value between 900 and " + max);
        }
        Optional<String> userName = caller.root() ? Optional.empty() : Arns.parse(caller.arn(), "user").map(Arns.ParsedArn::name);
        SessionRecord session = new SessionRecord(iam.ids().accessKeyId(true), iam.ids().secretAccessKey(), iam.ids().sessionToken(),
                iam.now().plus(Duration.ofSeconds(duration)), caller.accountId(), caller.arn(), caller.userId(), caller.root(), userName,
                Optional.empty(), Optional.empty(), List.of());
        store(session);
        return new IssuedCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private void store(SessionRecord session)
    {
        iam.store().write(writer -> {
            writer.put(Kind.SESSIONS, session.accessKeyId(), session);
            return null;
        });
    }

    private int sessionPolicySize(String policy)
    {
        PolicyDocument.parse(policy, dev.tarn.policy.PolicyType.IDENTITY);
        int size = PolicyDocument.size(policy);
        if (size > PolicySizeLimits.SESSION_POLICY) {
            throw PACKED_POLICY_TOO_LARGE.exception("Packed size of consumed policies exceeds 100%.");
        }
        return size * 100 / PolicySizeLimits.SESSION_POLICY;
    }

    private static String sessionName(String name)
    {
        Validation.required("roleSessionName", name);
        if (name.length() < 2 || name.length() > 64 || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "_+=,.@-".indexOf(c) >= 0)) {
            throw Validation.error("roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
        }
        return name;
    }
}
