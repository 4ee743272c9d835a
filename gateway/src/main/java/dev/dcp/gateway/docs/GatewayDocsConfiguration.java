package dev.dcp.gateway.docs;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's {@code /v3/api-docs} (and so the Swagger UI at {@code /docs}) is springdoc's, with its content
 * replaced on every request (springdoc.cache.disabled) by the services' documents merged: the gateway has no API
 * of its own to describe. springdoc keeps what is the gateway's: the OpenAPI version and the server, the gateway's
 * own URL as the request reached it.
 */
@Configuration(proxyBeanMethods = false)
class GatewayDocsConfiguration {

    @Bean
    OpenApiCustomizer combinedDocument(ServiceDocuments services) {
        return openApi -> {
            Map<String, Object> merged = CombinedDocument.merge(services.fetch());
            OpenAPI combined = (String.valueOf(merged.get("openapi")).startsWith("3.1")
                            ? Json31.mapper()
                            : Json.mapper())
                    .convertValue(merged, OpenAPI.class);
            openApi.setInfo(combined.getInfo());
            openApi.setSecurity(combined.getSecurity());
            openApi.setTags(combined.getTags());
            openApi.setPaths(combined.getPaths());
            openApi.setComponents(combined.getComponents());
            openApi.setExtensions(combined.getExtensions());
        };
    }
}
