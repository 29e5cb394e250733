package dev.tarn.gateway.protocol;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.CommonErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorDocumentTest
{
    @Test
    void restXmlCarriesCodeMessageDetailsAndIds()
    {
        var error = new AwsErrorCode("NoSuchKey", 404, "The specified key does not exist.").exception().with("Key", "a<b");
        var response = ErrorDocument.restXml(error, "REQ", "HOST");
        assertThat(response.status()).isEqualTo(404);
        assertThat(QueryProtocolTest.body(response)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                + "<Message>The specified key does not exist.</Message><Key>a&lt;b</Key><RequestId>REQ</RequestId><HostId>HOST</HostId></Error>");
    }

    @Test
    void querySaysSenderForClientErrorsAndReceiverForServerErrors()
    {
        assertThat(QueryProtocolTest.body(ErrorDocument.query(CommonErrors.ACCESS_DENIED.exception(), "R", "ns"))).contains("<Type>Sender</Type>");
        assertThat(QueryProtocolTest.body(ErrorDocument.query(CommonErrors.INTERNAL_ERROR.exception(), "R", "ns"))).contains("<Type>Receiver</Type>");
    }

    @Test
    void jsonHasTypeAndErrorTypeHeader()
    {
        var response = ErrorDocument.json(CommonErrors.VALIDATION_ERROR.exception("bad \"x\"\n"), "application/x-amz-json-1.1");
        assertThat(response.headers().first("x-amzn-errortype")).contains("ValidationError");
        assertThat(QueryProtocolTest.body(response)).isEqualTo("{\"__type\":\"ValidationError\",\"message\":\"bad \\\"x\\\"\\n\"}");
    }

    @Test
    void jsonCarriesDetailsAsFurtherMembers()
    {
        var error = new AwsErrorCode("InvalidRequestException", 400, "bad").exception("no \"such\" query").with("AthenaErrorCode", "INVALID_INPUT");
        assertThat(QueryProtocolTest.body(ErrorDocument.json(error, "application/x-amz-json-1.1")))
                .isEqualTo("{\"__type\":\"InvalidRequestException\",\"message\":\"no \\\"such\\\" query\",\"AthenaErrorCode\":\"INVALID_INPUT\"}");
    }
}
