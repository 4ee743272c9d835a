package dev.dcp.contract.escrow;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface EscrowRepository extends JpaRepository<Escrow, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from Escrow e where e.jobId = ?1")
    Optional<Escrow> lockByJobId(String jobId);

    long countByTenantIdAndStatus(String tenantId, String status);
}
