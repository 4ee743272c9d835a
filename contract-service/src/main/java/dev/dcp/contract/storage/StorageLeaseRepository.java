package dev.dcp.contract.storage;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface StorageLeaseRepository extends JpaRepository<StorageLease, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from StorageLease l where l.objectId = ?1")
    Optional<StorageLease> lockById(UUID objectId);

    /** Bytes (as uploaded) of the objects a tenant keeps now: what its storage quota counts. */
    @Query("select coalesce(sum(l.size), 0) from StorageLease l where l.tenantId = ?1 and l.status = 'HELD'")
    long storedBytes(String tenantId);
}
