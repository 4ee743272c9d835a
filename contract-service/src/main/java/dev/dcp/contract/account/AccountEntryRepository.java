package dev.dcp.contract.account;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AccountEntryRepository extends JpaRepository<AccountEntry, Long> {

    List<AccountEntry> findByTenantIdAndSeqLessThanOrderBySeqDesc(String tenantId, long beforeSeq, Limit limit);
}
