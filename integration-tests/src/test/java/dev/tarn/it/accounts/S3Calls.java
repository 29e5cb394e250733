package dev.tarn.it.accounts;

import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** What S3 answered a call: 200 or the error's status and code. */
record S3Calls(int status, String code)
{
    static final S3Calls OK = new S3Calls(200, "");

    static S3Calls of(Runnable call)
    {
        try {
            call.run();
            return OK;
        }
        catch (S3Exception e) {
            return new S3Calls(e.statusCode(), e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode());
        }
    }

    static S3Calls error(int status, String code)
    {
        return new S3Calls(status, code);
    }

    static void assertDenied(Runnable call)
    {
        assertError(call, 403, "AccessDenied");
    }

    static void assertError(Runnable call, int status, String code)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (!code.isEmpty()) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }

    @Override
    public String toString()
    {
        return status + (code.isEmpty() ? "" : " " + code);
    }
}
