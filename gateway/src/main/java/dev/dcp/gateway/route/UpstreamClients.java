package dev.dcp.gateway.route;

import dev.dcp.gateway.GatewayProperties;
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
        RestClient client = http.requestFactory(untimed).build();
        return new EventStreamProxy(new ProxyExchangeHandlerFunction(
                new RestClientProxyExchange(client, gateway), requestFilters, responseFilters));
    }

    /**
     * The gateway's own proxy handler over the untimed client. Not a bean of the handler's type, which the
     * gateway looks up as the one proxy of all other routes; it is started with the context like that one.
     */
    static final class EventStreamProxy implements HandlerFunction<ServerResponse> {

        private final ProxyExchangeHandlerFunction proxy;

        EventStreamProxy(ProxyExchangeHandlerFunction proxy) {
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
}
