package org.rplcds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The pipeline's layers, kept by the build. */
@AnalyzeClasses(packages = "org.rplcds", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule rulesSeeFactsNeverFhirOrHttp = noClasses()
            .that()
            .resideInAPackage("..rules..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.hl7.fhir..",
                    "ca.uhn..",
                    "org.springframework..",
                    "jakarta.servlet..",
                    "com.fasterxml..",
                    "..prefetch..",
                    "..hooks..",
                    "..cards..");

    @ArchTest
    static final ArchRule factsDoNotKnowTheEdgeOrTheRules = noClasses()
            .that()
            .resideInAPackage("..facts..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..hooks..", "..rules..", "..cards..", "org.springframework.web..");

    @ArchTest
    static final ArchRule prefetchDoesNotKnowTheEdge = noClasses()
            .that()
            .resideInAPackage("..prefetch..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..hooks..", "..rules..", "..cards..", "..facts..", "org.springframework.web..");

    @ArchTest
    static final ArchRule onlyTheSecurityPackageKnowsTokens = noClasses()
            .that()
            .resideOutsideOfPackage("org.rplcds.security..")
            .should()
            .dependOnClassesThat()
            // Our security package, not java.security: hashing is no knowledge of tokens.
            .resideInAnyPackage("com.nimbusds..", "org.rplcds.security..");

    @ArchTest
    static final ArchRule onlyTheEdgeSpeaksHttp = noClasses()
            .that()
            .resideOutsideOfPackages("..hooks..", "..security..", "..demo..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..");
}
