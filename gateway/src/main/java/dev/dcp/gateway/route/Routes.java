package dev.dcp.gateway.route;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import dev.dcp.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** Which service owns which part of the public API (API.md). */
@Configuration(proxyBeanMethods = false)
class Routes {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    @Bean
    RouterFunction<ServerResponse> contractRoutes(GatewayProperties properties) {
        return route("contract")
                .route(
                        path("/api/v1/tenants/**")
                                .or(path("/api/v1/accounts/**"))
                                .or(path("/api/v1/providers/**"))
                                .or(path("/api/v1/audit/**")),
                        http())
                .before(uri(properties.contractUrl()))
                .onError(Exception.class, Routes::unreachable)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> schedulerRoutes(
            GatewayProperties properties,
            UpstreamClients.EventStreamProxy eventStreams,
            UpstreamClients.ObjectProxy objects) {
        // first: a job's progress stream through the client without a read timeout, objects' bytes through theirs
        return route("scheduler-events")
                .route(GET("/api/v1/jobs/{id}/events"), eventStreams)
                .before(uri(properties.schedulerUrl()))
                .onError(Exception.class, Routes::unreachable)
                .build()
                .and(route("scheduler-objects")
                        .route(path("/api/v1/objects").or(path("/api/v1/objects/**")), objects)
                        .before(uri(properties.schedulerUrl()))
                        .onError(Exception.class, Routes::unreachable)
                        .build())
                .and(route("scheduler")
                        .route(
                                path("/api/v1/jobs")
                                        .or(path("/api/v1/jobs/**"))
                                        .or(path("/api/v1/kinds"))
                                        .or(path("/api/v1/workers"))
                                        .or(path("/api/v1/workers/**")),
                                http())
                        .before(uri(properties.schedulerUrl()))
                        .onError(Exception.class, Routes::unreachable)
                        .build());
    }

    @Bean
    RouterFunction<ServerResponse> ledgerRoutes(GatewayProperties properties) {
        return route("ledger")
                .route(path("/api/v1/ledger/**"), http())
                .before(uri(properties.ledgerUrl()))
                .onError(Exception.class, Routes::unreachable)
                .build();
    }

    /**
     * A service that cannot be reached is a 503 problem the client may retry, one that does not answer in time a
     * 504; neither is a bare 500.
     */
    static ServerResponse unreachable(Throwable error, ServerRequest request) {
        log.warn("{} {} failed upstream: {}", request.method(), request.path(), error.toString());
        boolean timedOut = UpstreamFailure.isTimeout(error);
        HttpStatus status = timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        String title = timedOut ? "Gateway Timeout" : "Service Unavailable";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status,
                timedOut
                        ? "The service behind " + request.path() + " did not answer in time; the request may or may"
                                + " not have taken effect."
                        : "The service behind " + request.path() + " is not reachable right now; try again shortly.");
        problem.setTitle(title);
        problem.setType(dev.dcp.common.web.ProblemTypes.of(title));
        ServerResponse.BodyBuilder response = ServerResponse.status(status);
        if (!timedOut) {
            response.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
