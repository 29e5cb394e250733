package dev.tarn.iam;

import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.LoginProfileRecord;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Users' console passwords (login profiles), stored hashed. */
final class LoginProfiles
{
    private final IamContext iam;

    LoginProfiles(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateLoginProfile", CreateLoginProfileRequest.class, this::create));
        registry.operation(new ActionOperation<>("GetLoginProfile", UserNameRequest.class, this::get));
        registry.operation(new ActionOperation<>("UpdateLoginProfile", UpdateLoginProfileRequest.class, this::update));
        registry.operation(new ActionOperation<>("DeleteLoginProfile", UserNameRequest.class, this::delete));
    }

    public record CreateLoginProfileRequest(String userName, String password, Optional<Boolean> passwordResetRequired) {}

    public record UpdateLoginProfileRequest(String userName, Optional<String> password, Optional<Boolean> passwordResetRequired) {}

    public record UserNameRequest(Optional<String> userName) {}

    public record LoginProfile(String userName, Instant createDate, boolean passwordResetRequired) {}

    public record LoginProfileResult(LoginProfile loginProfile) {}

    private LoginProfileResult create(RequestContext context, CreateLoginProfileRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("userName", request.userName());
        String hash = hash(Validation.required("password", request.password()));
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "CreateLoginProfile", current.arn());
        UserRecord user = iam.store().write(writer -> {
            UserRecord found = Entities.user(writer, account, name);
            if (found.loginProfile().isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Login Profile for user " + found.name() + " already exists.");
            }
            UserRecord updated = found.withLoginProfile(Optional.of(new LoginProfileRecord(hash, iam.now(), request.passwordResetRequired().orElse(false))));
            writer.put(Kind.USERS, IamReader.key(account, found.name()), updated);
            return updated;
        });
        return result(user);
    }

    private LoginProfileResult get(RequestContext context, UserNameRequest request)
    {
        String account = IamContext.account(context);
        String name = request.userName().orElseGet(() -> Users.callerUserName(context.caller()));
        UserRecord user = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "GetLoginProfile", user.arn());
        return result(user);
    }

    private Void update(RequestContext context, UpdateLoginProfileRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.required("userName", request.userName());
        Optional<String> hash = request.password().map(this::hash);
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "UpdateLoginProfile", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, name);
            LoginProfileRecord profile = user.loginProfile().orElseThrow(() -> noProfile(user.name()));
            LoginProfileRecord updated = new LoginProfileRecord(hash.orElse(profile.passwordHash()), profile.createDate(),
                    request.passwordResetRequired().orElse(profile.passwordResetRequired()));
            writer.put(Kind.USERS, IamReader.key(account, user.name()), user.withLoginProfile(Optional.of(updated)));
            return null;
        });
        return null;
    }

    private Void delete(RequestContext context, UserNameRequest request)
    {
        String account = IamContext.account(context);
        String name = request.userName().orElseGet(() -> Users.callerUserName(context.caller()));
        UserRecord current = iam.store().read(reader -> Entities.user(reader, account, name));
        iam.authorize(context, "DeleteLoginProfile", current.arn());
        iam.store().write(writer -> {
            UserRecord user = Entities.user(writer, account, name);
            user.loginProfile().orElseThrow(() -> noProfile(user.name()));
            writer.put(Kind.USERS, IamReader.key(account, user.name()), user.withLoginProfile(Optional.empty()));
            return null;
        });
        return null;
    }

    private String hash(String password)
    {
        // IAM's default password policy: at least 8 characters
        if (password.length() < 8 || password.length() > 128) {
            throw IamErrors.PASSWORD_POLICY_VIOLATION.exception("Password should have a minimum length of 8");
        }
        return PasswordHash.hash(password, iam.ids().salt());
    }

    private static LoginProfileResult result(UserRecord user)
    {
        LoginProfileRecord profile = user.loginProfile().orElseThrow(() -> noProfile(user.name()));
        return new LoginProfileResult(new LoginProfile(user.name(), profile.createDate(), profile.passwordResetRequired()));
    }

    private static dev.tarn.spi.error.AwsException noProfile(String user)
    {
        return IamErrors.NO_SUCH_ENTITY.exception("Login Profile for User " + user + " cannot be found.");
    }
}
