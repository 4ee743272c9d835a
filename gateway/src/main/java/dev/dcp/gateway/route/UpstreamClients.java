package dev.dcp.gateway.route;

import dev.dcp.gateway.GatewayProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchangeHandlerFunction;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * How the gateway calls the services: a service that does not answer within {@code dcp.gateway.upstream-timeout}
 * becomes a 504 ({@link Routes}). The gateway's auto-configuration gives this factory to every {@link RestClient}
 * it builds, the proxy's and the key lookups' alike. A progress stream is quiet for long stretches by design, so
 * it is proxied by a client of its own that waits as long as the stream lasts.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamClients {

    /** A service that does not even accept the connection within this is not reachable: 503. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    ClientHttpRequestFactory upstreamRequestFactory(GatewayProperties properties) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(CONNECT_TIMEOUT);
        factory.setReadTimeout(properties.upstreamTimeout());
        return factory;
    }

    @Bean
    EventStreamProxy eventStreamProxy(
            RestClient.Builder http,
            GatewayMvcProperties gateway,
            ObjectProvider<HttpHeadersFilter.RequestHttpHeadersFilter> requestFilters,
            ObjectProvider<HttpHeadersFilter.ResponseHttpHeadersFilter> responseFilters) {
        SimpleClientHttpRequestFactory untimed = new SimpleClientHttpRequestFactory();
        untimed.setConnectTimeout(CONNECT_TIMEOUT); // no read timeout: the stream ends when the service ends it
        return new EventStreamProxy(proxy(http, untimed, gateway, requestFilters, responseFilters));
    }

    /**
     * Objects' bytes go through the JDK's client: when the client's upload breaks off, it aborts the upstream
     * exchange and closes the connection, so the scheduler sees the body end at once and drops the upload (the
     * default client leaves the connection open and the scheduler waiting for the rest). Streams both ways; an upload
     * may take as long as its bytes take to arrive.
     */
    @Bean
    ObjectProxy objectProxy(
            RestClient.Builder http,
            GatewayMvcProperties gateway,
            ObjectProvider<HttpHeadersFilter.RequestHttpHeadersFilter> requestFilters,
            ObjectProvider<HttpHeadersFilter.ResponseHttpHeadersFilter> responseFilters) {
        JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build());
        jdk.setReadTimeout(OBJECT_TRANSFER_TIMEOUT);
        return new ObjectProxy(proxy(http, jdk, gateway, requestFilters, responseFilters));
    }

    /** The longest an object's upload may take until the scheduler answers it. */
    static final Duration OBJECT_TRANSFER_TIMEOUT = Duration.ofMinutes(30);

    private static ProxyExchangeHandlerFunction proxy(
            RestClient.Builder http,
            ClientHttpRequestFactory factory,
            GatewayMvcProperties gateway,
            ObjectProvider<HttpHeadersFilter.RequestHttpHeadersFilter> requestFilters,
            ObjectProvider<HttpHeadersFilter.ResponseHttpHeadersFilter> responseFilters) {
        RestClient client = http.clone().requestFactory(factory).build();
        return new ProxyExchangeHandlerFunction(
                new RestClientProxyExchange(client, gateway), requestFilters, responseFilters);
    }

    /**
     * The gateway's own proxy handler over a client of its own. Not a bean of the handler's type, which the gateway
     * looks up as the one proxy of all other routes; it is started with the context like that one.
     */
    abstract static class DedicatedProxy implements HandlerFunction<ServerResponse> {

        private final ProxyExchangeHandlerFunction proxy;

        DedicatedProxy(ProxyExchangeHandlerFunction proxy) {
            this.proxy = proxy;
        }

        @EventListener
        public void onRefresh(ContextRefreshedEvent event) {
            proxy.onApplicationEvent(event);
        }

        @Override
        public ServerResponse handle(ServerRequest request) throws Exception {
            return proxy.handle(request);
        }
    }

    /** A job's progress stream: no read timeout. */
    static final class EventStreamProxy extends DedicatedProxy {
        EventStreamProxy(ProxyExchangeHandlerFunction proxy) {
            super(proxy);
        }
    }

    /** Objects' bytes, both ways. */
    static final class ObjectProxy extends DedicatedProxy {
        ObjectProxy(ProxyExchangeHandlerFunction proxy) {
            super(proxy);
        }
    }
}
