package dev.tarn.gateway.inprocess;

import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.RestRoute;
import dev.tarn.spi.service.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InProcessInvokerTest
{
    private static final RequestContext CALLER = new RequestContext("req-1", Caller.root("111122223333", "AKIAROOT"), "eu-west-1", "10.0.0.1", false,
            Instant.parse("2026-01-01T00:00:00Z"));

    private final InProcessInvoker invoker = new InProcessInvoker(new ServiceRegistry(List.of(new EchoRest(), new EchoQuery(), new EchoJson())));

    @Test
    void restRequestReachesTheRouteWithPathQueryHeadersBodyAndCaller()
    {
        ServiceResponse response = invoker.invoke(CALLER, "rest", new InProcessRequest.Rest("PUT", "/bucket%20a", Map.of("versioning", List.of("")),
                Headers.builder().set("x-test", "yes").build(), "<x/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(InProcessInvoker.bodyText(response)).isEqualTo("/bucket a versioning yes <x/> arn:aws:iam::111122223333:root eu-west-1");
    }

    @Test
    void queryRequestIsDecodedIntoTheOperationInput()
    {
        ServiceResponse response = invoker.invoke(CALLER, "query", new InProcessRequest.Query("Echo", Map.of("Name", "n1", "Tags.member.1", "t1")));
        assertThat(InProcessInvoker.bodyText(response)).contains("<EchoResult><Text>n1 [t1] 111122223333</Text></EchoResult>");
    }

    @Test
    void jsonRequestCarriesTheTargetOfTheService()
    {
        ServiceResponse response = invoker.invoke(CALLER, "json", new InProcessRequest.Json("Echo", "{\"Name\":\"j\"}"));
        assertThat(InProcessInvoker.bodyText(response)).isEqualTo("{\"Text\":\"j [] 111122223333\"}");
    }

    @Test
    void serviceErrorsArriveAsTheExceptionNotEncoded()
    {
        assertThatThrownBy(() -> invoker.invoke(CALLER, "query", new InProcessRequest.Query("Echo", Map.of("Name", "fail"))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> invoker.invoke(CALLER, "query", new InProcessRequest.Query("Nope", Map.of())))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidAction"));
        assertThatThrownBy(() -> invoker.invoke(CALLER, "nosuch", new InProcessRequest.Query("Echo", Map.of())))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void unexpectedFailuresBecomeInternalErrors()
    {
        assertThatThrownBy(() -> invoker.invoke(CALLER, "json", new InProcessRequest.Json("Echo", "{\"Name\":\"crash\"}")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InternalError"));
    }

    public record EchoRequest(String name, List<String> tags) {}

    public record EchoResult(String text) {}

    private static EchoResult echo(RequestContext context, EchoRequest request)
    {
        if ("fail".equals(request.name())) {
            throw CommonErrors.VALIDATION_ERROR.exception("bad name");
        }
        if ("crash".equals(request.name())) {
            throw new IllegalStateException("crash");
        }
        return new EchoResult(request.name() + " " + (request.tags() == null ? List.of() : request.tags()) + " " + context.caller().accountId());
    }

    private static final class EchoRest
            implements AwsService
    {
        @Override
        public ServiceDescriptor descriptor()
        {
            return ServiceDescriptor.restXml("rest");
        }

        @Override
        public void registerOperations(OperationRegistry registry)
        {
            registry.route(new RestRoute("Put", "PUT", request -> true, request -> {
                try {
                    String text = request.path() + " " + String.join(",", request.query().keySet()) + " " + request.header("x-test").orElse("-") + " "
                            + new String(request.body().readAllBytes(), StandardCharsets.UTF_8) + " " + request.context().caller().arn() + " "
                            + request.context().region();
                    return ServiceResponse.of(200, Headers.empty(), ResponseBody.text(text, "text/plain"));
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    private static final class EchoQuery
            implements AwsService
    {
        @Override
        public ServiceDescriptor descriptor()
        {
            return ServiceDescriptor.query("query", "urn:test");
        }

        @Override
        public void registerOperations(OperationRegistry registry)
        {
            registry.operation(new ActionOperation<>("Echo", EchoRequest.class, InProcessInvokerTest::echo));
        }
    }

    private static final class EchoJson
            implements AwsService
    {
        @Override
        public ServiceDescriptor descriptor()
        {
            return ServiceDescriptor.json("json", "EchoService", "1.1");
        }

        @Override
        public void registerOperations(OperationRegistry registry)
        {
            registry.operation(new ActionOperation<>("Echo", EchoRequest.class, InProcessInvokerTest::echo));
        }
    }
}
