package dev.tarn.iam;

import dev.tarn.iam.store.Arns;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.SessionRecord;
import dev.tarn.policy.EvaluationRequest;
import dev.tarn.policy.MatchedStatement;
import dev.tarn.policy.PolicyCategory;
import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicySizeLimits;
import dev.tarn.policy.RequestPrincipal;
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

    private static final int PURGE_BATCH = 100;

    private final IamContext iam;
    private final PolicyAuthorizer authorizer;
    private final WebIdentityTokens webIdentityTokens;

    Sessions(IamContext iam, PolicyAuthorizer authorizer, WebIdentityTokens webIdentityTokens)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.webIdentityTokens = requireNonNull(webIdentityTokens, "webIdentityTokens is null");
    }

    public record WebIdentityRequest(String roleArn, String roleSessionName, String webIdentityToken, Optional<String> providerId,
            Optional<String> policy, List<String> policyArns, Optional<Integer> durationSeconds)
    {
        public WebIdentityRequest
        {
            policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
        }
    }

    /**
     * A role session for a web identity.
     *
     * @param subject the token's sub claim
     * @param provider the token's iss claim
     * @param audience the client id the token was accepted for
     */
    public record WebIdentityCredentials(IssuedCredentials credentials, String subject, String provider, String audience) {}

    public record FederationRequest(String name, Optional<String> policy, List<String> policyArns, Optional<Integer> durationSeconds)
    {
        public FederationRequest
        {
            policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
        }
    }

    /**
     * AssumeRoleWithWebIdentity: the request is unsigned; the token proves who asks. The role's
     * trust policy must allow {@code sts:AssumeRoleWithWebIdentity} to the token's provider
     * ({@code "Principal": {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/URL"}}), with the
     * provider's condition keys {@code <url>:aud}, {@code <url>:sub}, {@code <url>:iss}
     * and {@code aws:FederatedProvider}.
     */
    public WebIdentityCredentials assumeRoleWithWebIdentity(RequestContext context, WebIdentityRequest request)
    {
        String roleArn = Validation.required("roleArn", request.roleArn());
        String sessionName = sessionName(request.roleSessionName());
        String token = Validation.required("webIdentityToken", request.webIdentityToken());
        if (token.length() < 4 || token.length() > 20_000) {
            throw Validation.error("webIdentityToken", "Member must have length between 4 and 20000");
        }
        if (request.providerId().isPresent()) {
            // OAuth 2.0 providers (Amazon, Facebook) are not OpenID Connect; no provider of that kind exists here
            throw StsErrors.INVALID_IDENTITY_TOKEN.exception("ProviderId is only for OAuth 2.0 access tokens, which are not supported; pass an OpenID Connect ID token.");
        }
        int packedSize = request.policy().map(this::sessionPolicySize).orElse(0);
        if (request.policyArns().size() > 10) {
            throw Validation.error("policyArns", "Member must have length less than or equal to 10");
        }
        Supplier<AwsException> denied = () -> CommonErrors.ACCESS_DENIED.exception("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        Optional<Arns.ParsedArn> parsedRole = Arns.parse(roleArn, "role");
        if (parsedRole.isEmpty()) {
            throw Validation.error("roleArn", "Member must be a role ARN");
        }
        String account = parsedRole.get().accountId();
        Instant now = iam.clock().instant();
        WebIdentityTokens.VerifiedToken verified = webIdentityTokens.verify(token, now,
                url -> iam.store().read(reader -> reader.get(Kind.OIDC_PROVIDERS, account + "/" + url)));
        RoleRecord role = iam.store().read(reader -> reader.get(Kind.ROLES, IamReader.key(account, parsedRole.get().name())))
                .filter(found -> found.arn().equals(roleArn))
                .orElseThrow(denied::get);
        int duration = duration(request.durationSeconds(), role.maxSessionDuration(), false);
        for (String arn : request.policyArns()) {
            iam.store().read(reader -> Entities.policy(reader, arn));
        }

        String providerArn = verified.provider().arn();
        String url = verified.provider().url();
        EvaluationRequest trust = EvaluationRequest.builder(RequestPrincipal.federatedIdentity(providerArn), "sts:AssumeRoleWithWebIdentity", role.arn())
                .resourceAccountId(account)
                .sourceIp(context.sourceIp())
                .secureTransport(context.secureTransport())
                .currentTime(now)
                .requestedRegion(context.region())
                .contextKey(url + ":aud", verified.audience())
                .contextKey(url + ":sub", verified.subject())
                .contextKey(url + ":iss", verified.issuer())
                .contextKey("aws:FederatedProvider", providerArn)
                .contextKey("sts:RoleSessionName", sessionName)
                .build();
        if (!authorizer.evaluateTrust(trust, role.trustPolicy()).isAllowed()) {
            throw denied.get();
        }

        String assumedRoleId = role.id() + ":" + sessionName;
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + role.name() + "/" + sessionName;
        SessionRecord session = new SessionRecord(iam.ids().accessKeyId(true), iam.ids().secretAccessKey(), iam.ids().sessionToken(),
                iam.now().plus(Duration.ofSeconds(duration)), account, sessionArn, assumedRoleId, false, Optional.empty(),
                Optional.of(role.name()), request.policy(), request.policyArns());
        store(session);
        IssuedCredentials issued = new IssuedCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration(),
                Optional.of(assumedRoleId), Optional.of(sessionArn), Optional.of(packedSize));
        return new WebIdentityCredentials(issued, verified.subject(), verified.issuer(), verified.audience());
    }

    /**
     * GetFederationToken: a session for a federated user that has at most the intersection of the
     * calling IAM user's policies and the session policies passed (none passed: no permissions).
     * Root and session credentials are refused.
     */
    public IssuedCredentials federationToken(RequestContext context, FederationRequest request)
    {
        Caller caller = context.caller();
        String name = Validation.required("name", request.name());
        if (name.length() < 2 || name.length() > 32 || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "_+=,.@-".indexOf(c) >= 0)) {
            throw Validation.error("name", "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 32");
        }
        if (caller.accessKeyId().map(key -> key.startsWith("ASIA")).orElse(false)) {
            throw CommonErrors.ACCESS_DENIED.exception("Cannot call GetFederationToken with session credentials");
        }
        if (caller.root()) {
            throw CommonErrors.ACCESS_DENIED.exception("Cannot call GetFederationToken with root credentials");
        }
        int packedSize = request.policy().map(this::sessionPolicySize).orElse(0);
        if (request.policyArns().size() > 10) {
            throw Validation.error("policyArns", "Member must have length less than or equal to 10");
        }
        int duration = request.durationSeconds().orElse(43_200);
        if (duration < 900 || duration > 129_600) {
            throw Validation.error("durationSeconds", "Member must have value between 900 and 129600");
        }
        for (String arn : request.policyArns()) {
            iam.store().read(reader -> Entities.policy(reader, arn));
        }
        String federatedArn = "arn:aws:sts::" + caller.accountId() + ":federated-user/" + name;
        authorizer.authorize(context, AuthorizationRequest.of("sts:GetFederationToken", federatedArn, caller.accountId()));
        String userName = Arns.parse(caller.arn(), "user").map(Arns.ParsedArn::name).orElseThrow(() -> CommonErrors.ACCESS_DENIED.exception(
                "User: " + caller.arn() + " is not authorized to perform: sts:GetFederationToken on resource: " + federatedArn));
        String federatedUserId = caller.accountId() + ":" + name;
        SessionRecord session = new SessionRecord(iam.ids().accessKeyId(true), iam.ids().secretAccessKey(), iam.ids().sessionToken(),
                iam.now().plus(Duration.ofSeconds(duration)), caller.accountId(), federatedArn, federatedUserId, false, Optional.of(userName),
                Optional.empty(), request.policy(), request.policyArns());
        store(session);
        return new IssuedCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration(),
                Optional.of(federatedUserId), Optional.of(federatedArn), Optional.of(packedSize));
    }

    /** Whether the caller signs with credentials from GetFederationToken. */
    static boolean federated(Caller caller)
    {
        return caller.arn().startsWith("arn:aws:sts::") && caller.arn().contains(":federated-user/");
    }

    /**
     * Removes sessions that expired (at most a batch per call, oldest first). Expired sessions are
     * refused by the gateway anyway; this keeps the store from growing with them.
     *
     * @return how many were removed
     */
    public int purgeExpired()
    {
        long now = iam.clock().instant().getEpochSecond();
        List<IamReader.Entry<String>> due = iam.store().read(reader -> reader.page(Kind.SESSION_EXPIRY, "", Optional.empty(), PURGE_BATCH)).stream()
                .filter(entry -> expiry(entry.id()) <= now)
                .toList();
        if (due.isEmpty()) {
            return 0;
        }
        // a plain write, so that cached credentials of the removed sessions go too
        iam.store().write(writer -> {
            for (IamReader.Entry<String> entry : due) {
                writer.delete(Kind.SESSIONS, entry.value());
                writer.delete(Kind.SESSION_EXPIRY, entry.id());
            }
            return null;
        });
        return due.size();
    }

    private static long expiry(String expiryId)
    {
        return Long.parseLong(expiryId.substring(0, expiryId.indexOf('/')));
    }

    /** The id of a session in the expiry index, which every stored session gets so that it is purged once expired. */
    static String expiryId(SessionRecord session)
    {
        return String.format("%012d/%s", session.expiration().getEpochSecond(), session.accessKeyId());
    }

    private static int duration(Optional<Integer> requested, int maxDuration, boolean chained)
    {
        int duration = requested.orElse(3600);
        if (duration < 900) {
            throw Validation.error("durationSeconds", "Member must have value greater than or equal to 900");
        }
        if (duration > maxDuration) {
            throw IamErrors.VALIDATION_ERROR.exception("The requested DurationSeconds exceeds the " + (chained ? "1 hour session limit for roles assumed by role chaining." : "MaxSessionDuration set for this role."));
        }
        return duration;
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
        if (federated(caller)) {
            // a federated user's credentials call no STS operation but GetCallerIdentity
            throw CommonErrors.ACCESS_DENIED.exception("User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
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
        int duration = duration(request.durationSeconds(), maxDuration, chained);
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
            writer.put(Kind.SESSION_EXPIRY, expiryId(session), session.accessKeyId());
            return null;
        });
        purgeExpired();
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
