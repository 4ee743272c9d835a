package dev.dcp.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's package rules: no cycles between its feature packages, and the domain packages free of Spring,
 * JDBC, Kafka and persistence types. The adapters are {@code api} (HTTP), {@code ingest} (Kafka), {@code store}
 * (JDBC) and {@code config} (Spring wiring).
 */
class LedgerArchitectureTest {

    static final String[] DOMAIN = {"dev.dcp.ledger.block..", "dev.dcp.ledger.chain..", "dev.dcp.ledger.consensus..",
            "dev.dcp.ledger.round..", "dev.dcp.ledger.audit.."};

    static JavaClasses ledger;

    @BeforeAll
    static void importLedger() {
        ledger = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.dcp.ledger");
    }

    @Test
    void theLedgersFeaturePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.dcp.ledger.(*)..").should().beFreeOfCycles().check(ledger);
    }

    @Test
    void theDomainPackagesHoldNoSpringJdbcKafkaOrPersistenceType() {
        noClasses().that().resideInAnyPackage(DOMAIN).should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..",
                        "jakarta.persistence..", "io.micrometer..")
                .check(ledger);
    }

    @Test
    void theDomainPackagesDependOnNoAdapterPackage() {
        noClasses().that().resideInAnyPackage(DOMAIN).should().dependOnClassesThat()
                .resideInAnyPackage("dev.dcp.ledger.api..", "dev.dcp.ledger.ingest..", "dev.dcp.ledger.store..",
                        "dev.dcp.ledger.config..")
                .check(ledger);
    }

    @Test
    void theLedgerImportsNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.dcp.contract..", "dev.dcp.scheduler..",
                "dev.dcp.worker..", "dev.dcp.gateway..", "dev.dcp.devnet..").check(ledger);
    }
}
