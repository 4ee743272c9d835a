package dev.dcp.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/**
 * The ledger's package rules: no loops between its feature packages, and the domain (blocks, the chain, consensus,
 * the round state machine, the audit) free of Spring, JDBC, Kafka and persistence types. The adapters are {@code api}
 * (HTTP), {@code ingest} (Kafka), {@code store} (JDBC) and {@code config} (Spring wiring).
 */
@AnalyzeClasses(packages = "dev.dcp.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {
        "dev.dcp.ledger.block..",
        "dev.dcp.ledger.chain..",
        "dev.dcp.ledger.consensus..",
        "dev.dcp.ledger.round..",
        "dev.dcp.ledger.audit.."
    };

    @ArchTest
    static final ArchRule featuresDoNotImportEachOtherInLoops = HouseRules.featuresFreeOfCycles("dev.dcp.ledger");

    @ArchTest
    static final ArchRule theDomainIsPlainJava = HouseRules.plainJava(DOMAIN);

    @ArchTest
    static final ArchRule theDomainKeepsNoMetrics = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micrometer..");

    @ArchTest
    static final ArchRule theDomainDependsOnNoAdapter = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.dcp.ledger.api..",
                    "dev.dcp.ledger.ingest..",
                    "dev.dcp.ledger.store..",
                    "dev.dcp.ledger.config..");
}
