package dev.tarn.gateway.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Told about every request the gateway answered, once its response is sent: allowed or denied,
 * authenticated or not. Called on the request's thread, so an observer must return quickly and
 * never block (hand the exchange to a bounded queue and do the work elsewhere).
 */
@FunctionalInterface
public interface RequestObserver
{
    void observe(Exchange exchange);

    static RequestObserver none()
    {
        return exchange -> {};
    }

    /** Tells each observer in turn; one that fails is logged and does not keep the others from seeing the exchange. */
    static RequestObserver all(List<RequestObserver> observers)
    {
        List<RequestObserver> copy = List.copyOf(observers);
        Logger log = LoggerFactory.getLogger(RequestObserver.class);
        return exchange -> {
            for (RequestObserver observer : copy) {
                try {
                    observer.observe(exchange);
                }
                catch (RuntimeException e) {
                    log.warn("{} request observer {} failed", exchange.requestId(), observer, e);
                }
            }
        };
    }
}
