package dev.dcp.worker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/** How the worker is arranged: features in no loop, and the kernels and their registry in plain Java. */
@AnalyzeClasses(packages = "dev.dcp.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotImportEachOtherInLoops = HouseRules.featuresFreeOfCycles("dev.dcp.worker");

    @ArchTest
    static final ArchRule theKernelsArePlainJava = HouseRules.plainJava("dev.dcp.worker.kernel..");
}
