package dev.dcp.gateway.docs;

import dev.dcp.common.json.Json;
import dev.dcp.gateway.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Asks each service behind the public routes for its OpenAPI document, at the moment the gateway's is asked for. */
@Component
class ServiceDocuments {

    private static final Logger log = LoggerFactory.getLogger(ServiceDocuments.class);

    private record Service(String name, String url) {}

    private final List<Service> services;
    private final RestClient http;

    ServiceDocuments(GatewayProperties properties, RestClient.Builder http) {
        this.services = List.of(
                new Service("ledger", properties.ledgerUrl()),
                new Service("contract", properties.contractUrl()),
                new Service("scheduler", properties.schedulerUrl()));
        // short: a service that hangs must cost the reader of the docs seconds, not the minute a default allows
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(1));
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = http.requestFactory(requests).build();
    }

    List<ServiceDocument> fetch() {
        return services.stream().map(this::fetch).toList();
    }

    private ServiceDocument fetch(Service service) {
        try {
            String body =
                    http.get().uri(service.url() + "/v3/api-docs").retrieve().body(String.class);
            Map<String, Object> document = body == null ? null : Json.readMap(body);
            return new ServiceDocument(service.name(), document);
        } catch (RuntimeException e) {
            log.warn("no OpenAPI document from {} at {}: {}", service.name(), service.url(), e.toString());
            return ServiceDocument.missing(service.name());
        }
    }
}
