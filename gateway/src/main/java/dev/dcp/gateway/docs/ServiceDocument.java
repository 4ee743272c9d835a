package dev.dcp.gateway.docs;

import java.util.Map;

/**
 * One service's OpenAPI document as its JSON tree, or none when the service could not be asked.
 *
 * @param service  the service's short name (ledger, contract, scheduler): the prefix of its clashing schema names
 * @param document the document, or null when it could not be fetched
 */
record ServiceDocument(String service, Map<String, Object> document) {

    static ServiceDocument missing(String service) {
        return new ServiceDocument(service, null);
    }
}
