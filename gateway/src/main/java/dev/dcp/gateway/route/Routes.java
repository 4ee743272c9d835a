package dev.dcp.gateway.route;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import dev.dcp.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** Which service owns which part of the public API (API.md). */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouterFunction<ServerResponse> contractRoutes(GatewayProperties properties) {
        return route("contract")
                .route(path("/api/v1/tenants/**").or(path("/api/v1/accounts/**")).or(path("/api/v1/providers/**")),
                        http())
                .before(uri(properties.contractUrl()))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> schedulerRoutes(GatewayProperties properties) {
        return route("scheduler")
                .route(path("/api/v1/jobs").or(path("/api/v1/jobs/**")).or(path("/api/v1/workers"))
                        .or(path("/api/v1/workers/**")), http())
                .before(uri(properties.schedulerUrl()))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> ledgerRoutes(GatewayProperties properties) {
        return route("ledger")
                .route(path("/api/v1/ledger/**"), http())
                .before(uri(properties.ledgerUrl()))
                .build();
    }
}
