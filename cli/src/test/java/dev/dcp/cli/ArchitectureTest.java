package dev.dcp.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/** The CLI's commands (jobs, ledger, account, admin) share the API client and the printer, and nothing else. */
@AnalyzeClasses(packages = "dev.dcp.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotImportEachOtherInLoops = HouseRules.featuresFreeOfCycles("dev.dcp.cli");
}
