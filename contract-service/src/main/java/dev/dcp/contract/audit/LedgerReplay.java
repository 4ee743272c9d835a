package dev.dcp.contract.audit;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.contract.ContractProperties;
import dev.dcp.contract.audit.domain.CreditAudit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Reads every account's replayed amounts from ledger-service, page by page, all as of one height. */
@Component
class LedgerReplay {

    record Page(long height, List<CreditAudit.AccountState> items, String nextCursor) {}

    record Replayed(long height, List<CreditAudit.AccountState> accounts) {}

    private final RestClient http;

    LedgerReplay(RestClient.Builder builder, ContractProperties properties, ServiceCredential credential) {
        this.http = builder.baseUrl(properties.ledgerUrl())
                .requestInterceptor(new AdminCredential(credential))
                .build();
    }

    Replayed read() {
        List<CreditAudit.AccountState> all = new ArrayList<>();
        String cursor = null;
        long height;
        do {
            String c = cursor;
            Page page = http.get()
                    .uri(u -> {
                        u.path("/api/v1/ledger/accounts").queryParam("limit", 500);
                        return (c == null ? u : u.queryParam("cursor", c)).build();
                    })
                    .retrieve()
                    .body(Page.class);
            all.addAll(page.items());
            height = page.height();
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Replayed(height, all);
    }
}
