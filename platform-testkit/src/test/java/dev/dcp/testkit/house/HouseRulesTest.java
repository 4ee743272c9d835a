package dev.dcp.testkit.house;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules catch what they name: fixtures with a loop and a domain class that knows Spring. */
class HouseRulesTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("dev.dcp.testkit.house.fixture");

    @Test
    void twoPackagesThatImportEachOtherBreakTheCycleRule() {
        assertThatThrownBy(() -> HouseRules.featuresFreeOfCycles("dev.dcp.testkit.house.fixture.loop")
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("Upstairs.below> has type <dev.dcp.testkit.house.fixture.loop.b.Downstairs>");
    }

    @Test
    void aDomainClassThatUsesSpringBreaksThePlainJavaRule() {
        assertThatThrownBy(() -> HouseRules.plainJava("dev.dcp.testkit.house.fixture.domain..")
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.springframework.util.StringUtils");
    }

    @Test
    void packagesWithoutInfrastructurePassThePlainJavaRule() {
        assertThatCode(() -> HouseRules.plainJava("dev.dcp.testkit.house.fixture.loop..")
                        .check(FIXTURES))
                .doesNotThrowAnyException();
    }

    @Test
    void aRuleOverPackagesThatHoldNothingFailsRatherThanPassingEmpty() {
        assertThatThrownBy(() -> HouseRules.plainJava("dev.dcp.testkit.house.fixture.misspelt..")
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class);
    }
}
