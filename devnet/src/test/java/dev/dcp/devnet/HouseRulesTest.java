package dev.dcp.devnet;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/**
 * The ties between modules, checked where every module is on the class path (the reactor hands the services over as
 * jars): each service's own architecture test checks its packages; this one that no module reaches into another it
 * must not know. The Maven enforcer already keeps a service from depending on another; this reads the classes.
 */
@AnalyzeClasses(packages = "dev.dcp", importOptions = ImportOption.DoNotIncludeTests.class)
class HouseRulesTest {

    @ArchTest
    static final ArchRule theLedgerUsesNoOtherService = HouseRules.usesNoOtherService("dev.dcp.ledger");

    @ArchTest
    static final ArchRule theContractServiceUsesNoOtherService = HouseRules.usesNoOtherService("dev.dcp.contract");

    @ArchTest
    static final ArchRule theSchedulerUsesNoOtherService = HouseRules.usesNoOtherService("dev.dcp.scheduler");

    @ArchTest
    static final ArchRule theWorkerUsesNoOtherService = HouseRules.usesNoOtherService("dev.dcp.worker");

    @ArchTest
    static final ArchRule theGatewayUsesNoOtherService = HouseRules.usesNoOtherService("dev.dcp.gateway");

    @ArchTest
    static final ArchRule theSharedKernelKnowsNoService = HouseRules.knowsNoService("dev.dcp.common");

    @ArchTest
    static final ArchRule theTestKitKnowsNoService = HouseRules.knowsNoService("dev.dcp.testkit");

    /** The command line is a client of the public API like any other: it reaches the services only over HTTP. */
    @ArchTest
    static final ArchRule theCommandLineKnowsNoService = HouseRules.knowsNoService("dev.dcp.cli");

    @ArchTest
    static final ArchRule theSharedKernelsPackagesImportEachOtherInNoLoop =
            HouseRules.featuresFreeOfCycles("dev.dcp.common");

    @ArchTest
    static final ArchRule theSharedKernelsEncodingsAndRecordsArePlainJava = HouseRules.plainJava(
            "dev.dcp.common.crypto..", "dev.dcp.common.json..", "dev.dcp.common.ledger..", "dev.dcp.common.event..");
}
