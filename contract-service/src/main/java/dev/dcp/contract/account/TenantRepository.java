package dev.dcp.contract.account;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TenantRepository extends JpaRepository<Tenant, String> {

    Optional<Tenant> findByApiKeyHash(String apiKeyHash);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Tenant t where t.id = ?1")
    Optional<Tenant> lockById(String id);

    /** Locks several accounts in id order, the order every multi-account change takes them in, so none deadlock. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Tenant t where t.id in ?1 order by t.id")
    List<Tenant> lockAll(Collection<String> ids);
}
