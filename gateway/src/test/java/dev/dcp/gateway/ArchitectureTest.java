package dev.dcp.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/** The gateway is adapters only (routes, authentication, problems): its rule is that they import each other in no loop. */
@AnalyzeClasses(packages = "dev.dcp.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotImportEachOtherInLoops = HouseRules.featuresFreeOfCycles("dev.dcp.gateway");
}
