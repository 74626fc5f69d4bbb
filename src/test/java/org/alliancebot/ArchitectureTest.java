package org.alliancebot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine knows nothing of channels, Spring or metrics; adapters depend on it, never the reverse. */
@AnalyzeClasses(packages = "org.alliancebot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] ENGINE = {"..content..", "..conversation..", "..search..", "..safety..", "..embedding.."};
    static final String[] ADAPTERS = {"..telegram..", "..console..", "..preview..", "..cli..", "..system..",
        "..storage.."};

    @ArchTest
    static final ArchRule engineDoesNotKnowSpringOrTelegram = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.telegram..",
                    "jakarta.servlet..", "io.micrometer..");

    @ArchTest
    static final ArchRule engineDoesNotKnowItsAdapters = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);

    @ArchTest
    static final ArchRule onlyTheEntryPointImportsTheWiring = noClasses()
            .that().resideOutsideOfPackages("..system..").and().doNotHaveSimpleName("AllianceBot")
            .should().dependOnClassesThat().resideInAPackage("..system..");
}
