package dev.tarn.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualHostsTest
{
    private final VirtualHosts hosts = new VirtualHosts(List.of("localhost", "tarn.example"));

    @Test
    void bucketIsTheLabelBeforeTheDomain()
    {
        assertThat(hosts.bucket(Optional.of("lab.localhost:8276"))).contains("lab");
        assertThat(hosts.bucket(Optional.of("my.dotted.bucket.tarn.example"))).contains("my.dotted.bucket");
        assertThat(hosts.bucket(Optional.of("lab.s3.us-east-1.localhost:8276"))).contains("lab");
    }

    @Test
    void plainHostsArePathStyle()
    {
        assertThat(hosts.bucket(Optional.of("localhost:8276"))).isEmpty();
        assertThat(hosts.bucket(Optional.of("127.0.0.1:8276"))).isEmpty();
        assertThat(hosts.bucket(Optional.of("[::1]:8276"))).isEmpty();
        assertThat(hosts.bucket(Optional.of("s3.localhost"))).isEmpty();
        assertThat(hosts.bucket(Optional.empty())).isEmpty();
    }
}
