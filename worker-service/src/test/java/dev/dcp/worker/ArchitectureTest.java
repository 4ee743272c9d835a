package dev.dcp.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The worker's shape: features without cycles, kernels in plain Java, no other service's code. */
@AnalyzeClasses(packages = "dev.dcp.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("dev.dcp.worker.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule kernelsArePlainJava = noClasses().that().resideInAPackage("dev.dcp.worker.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "jakarta.persistence..", "java.sql..", "javax.sql..");

    @ArchTest
    static final ArchRule noOtherServiceIsImported = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.dcp.scheduler..", "dev.dcp.contract..", "dev.dcp.ledger..", "dev.dcp.gateway..");
}
