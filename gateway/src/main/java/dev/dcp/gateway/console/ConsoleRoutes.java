package dev.dcp.gateway.console;

import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RouterFunctions.route;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The web console (docs/console.md): static files under {@code static/console/}, served by Spring's resource
 * handler, which knows files only. These two routes give the folder itself a page: {@code /console} redirects to
 * {@code /console/} (so the page's relative module paths resolve inside the folder) and that is its index.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    static final String INDEX = "static/console/index.html";

    @Bean
    RouterFunction<ServerResponse> consolePage() {
        Resource index = new ClassPathResource(INDEX);
        return route(
                        GET("/console"),
                        request -> ServerResponse.status(HttpStatus.FOUND)
                                .location(URI.create("/console/"))
                                .build())
                .andRoute(
                        GET("/console/"),
                        request -> ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .body(index));
    }
}
