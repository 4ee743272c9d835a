package dev.dcp.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/**
 * How contract-service is arranged: features that do not import each other in loops, accounts at the bottom, and
 * each feature's rules (its {@code domain} sub-package) in plain Java, unit-tested without a database or a broker.
 */
@AnalyzeClasses(packages = "dev.dcp.contract", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotImportEachOtherInLoops = HouseRules.featuresFreeOfCycles("dev.dcp.contract");

    /** Who may use whom; a lower feature that needs a higher one defines a port that the higher one implements. */
    @ArchTest
    static final ArchRule featuresAreLayeredAboveTheAccounts = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("account")
            .definedBy("dev.dcp.contract.account..")
            .layer("escrow")
            .definedBy("dev.dcp.contract.escrow..")
            .layer("provider")
            .definedBy("dev.dcp.contract.provider..")
            .layer("admission")
            .definedBy("dev.dcp.contract.admission..")
            .layer("settlement")
            .definedBy("dev.dcp.contract.settlement..")
            .layer("slashing")
            .definedBy("dev.dcp.contract.slashing..")
            .layer("audit")
            .definedBy("dev.dcp.contract.audit..")
            .whereLayer("admission")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("settlement")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("slashing")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("audit")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("provider")
            .mayOnlyBeAccessedByLayers("settlement", "slashing")
            .whereLayer("escrow")
            .mayOnlyBeAccessedByLayers("admission", "settlement")
            .whereLayer("account")
            .mayOnlyBeAccessedByLayers("provider", "admission", "settlement", "slashing", "audit");

    @ArchTest
    static final ArchRule theRulesHoldNoFrameworkTypes = HouseRules.plainJava("dev.dcp.contract..domain..");

    @ArchTest
    static final ArchRule theRulesDependOnNothingButJavaAndOtherRules = classes()
            .that()
            .resideInAPackage("dev.dcp.contract..domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.dcp.contract..domain..");
}
