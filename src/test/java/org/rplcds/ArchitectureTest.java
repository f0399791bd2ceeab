package org.rplcds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.rplcds.rules.Citation;
import org.rplcds.rules.Detail;

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

    /** Every recommendation has the one shape: inclusion, exclusion, card, declared once. */
    @ArchTest
    static final ArchRule everyRecommendationIsARule = classes()
            .that()
            .resideInAPackage("..rules..")
            .and()
            .haveSimpleNameStartingWith("Rpl")
            .should()
            .beAssignableTo("org.rplcds.rules.Rule")
            .andShould()
            .notBePublic();

    /**
     * A card's "Sources" line is its rule's citation, written by {@code Rule} alone: no rule names
     * its sources by hand, where they would drift from the citation.
     */
    @ArchTest
    static final ArchRule noRuleWritesItsSourcesByHand = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("org.rplcds.rules.Rule")
            .and()
            .doNotHaveFullyQualifiedName(Detail.class.getName())
            .should()
            .callConstructor(Detail.Sources.class, String.class)
            .orShould()
            .callMethod(Detail.class, "cited", Citation.class);

    /**
     * The settings are bound above the layers ({@code CdsSettings} holds records of the rules and of
     * the system); the layers below the edge get their group as a bean and never read the whole, which
     * would tie them to every other layer.
     */
    @ArchTest
    static final ArchRule onlyTheEdgeReadsTheSettings = noClasses()
            .that()
            .resideInAnyPackage(
                    "..prefetch..", "..facts..", "..rules..", "..cards..", "..system..", "..feedback..", "..audit..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName(CdsSettings.class.getName())
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(SettingsConfiguration.class.getName());

    /**
     * A recommendation reads facts and derived facts, never another recommendation: what two rules
     * share is a derived fact ({@code rules/derived/}), decided once.
     */
    @ArchTest
    static final ArchRule noRecommendationDependsOnAnother = classes()
            .that()
            .resideInAPackage("..rules..")
            .and()
            .haveSimpleNameStartingWith("Rpl")
            .should(new ArchCondition<>("not depend on another recommendation") {
                @Override
                public void check(JavaClass rule, ConditionEvents events) {
                    String own = FileGraph.file(rule);
                    for (Dependency dependency : rule.getDirectDependenciesFromSelf()) {
                        JavaClass target = dependency.getTargetClass().getBaseComponentType();
                        String file = FileGraph.file(target);
                        if (target.getPackageName().startsWith("org.rplcds.rules")
                                && file.substring(file.lastIndexOf('.') + 1).startsWith("Rpl")
                                && !file.equals(own)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    /**
     * No two files of {@code rules/} (a top-level class with its nested classes) depend on each other,
     * directly or around a circle: the files stand in floors, each reading only those below it.
     */
    @ArchTest
    static void noCycleAmongTheFilesOfRules(JavaClasses classes) {
        assertThat(FileGraph.of(classes, "org.rplcds.rules").cycles())
                .as("files of rules/ depending on each other in a cycle")
                .isEmpty();
    }

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("org.rplcds.(*)..").should().beFreeOfCycles();

    /**
     * Layers by full package name: {@code ..security..} would take in {@code java.security} too.
     * A hook call flows down once: hooks -> prefetch -> facts -> rules -> cards, and back up to
     * hooks; feedback, security and system serve the edge and nothing below calls up into them.
     */
    @ArchTest
    static final ArchRule layersAreCalledFromAboveOnly = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Hooks")
            .definedBy("org.rplcds.hooks..")
            .layer("Security")
            .definedBy("org.rplcds.security..")
            .layer("Feedback")
            .definedBy("org.rplcds.feedback..")
            .layer("Demo")
            .definedBy("org.rplcds.demo..")
            .layer("Prefetch")
            .definedBy("org.rplcds.prefetch..")
            .layer("Facts")
            .definedBy("org.rplcds.facts..")
            .layer("Rules")
            .definedBy("org.rplcds.rules..")
            .layer("Cards")
            .definedBy("org.rplcds.cards..")
            .layer("System")
            .definedBy("org.rplcds.system..")
            .whereLayer("Hooks")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Security")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Feedback")
            .mayOnlyBeAccessedByLayers("Hooks")
            .whereLayer("Demo")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Cards")
            .mayOnlyBeAccessedByLayers("Hooks")
            .whereLayer("Rules")
            .mayOnlyBeAccessedByLayers("Hooks", "Cards")
            .whereLayer("Facts")
            .mayOnlyBeAccessedByLayers("Hooks", "Rules", "Cards")
            .whereLayer("Prefetch")
            .mayOnlyBeAccessedByLayers("Hooks", "Facts")
            .whereLayer("System")
            .mayOnlyBeAccessedByLayers("Hooks", "Prefetch", "Security", "Feedback", "Demo");

    /**
     * The hub the controller delegates hook calls to stays small: a service per hook, the
     * pipeline, and little else. Renaming it fails here too: a rule that matches no class fails.
     */
    @ArchTest
    static final ArchRule theHubHasAtMostFiveCollaborators = classes()
            .that()
            .haveFullyQualifiedName("org.rplcds.hooks.CdsServiceRegistry")
            .should(haveAtMostCollaborators(5));

    /** Collaborators: instance fields, and the parameters of the widest constructor. */
    static ArchCondition<JavaClass> haveAtMostCollaborators(int most) {
        return new ArchCondition<>("have at most " + most + " collaborators") {
            @Override
            public void check(JavaClass hub, ConditionEvents events) {
                long fields = hub.getFields().stream()
                        .filter(field -> !field.getModifiers().contains(JavaModifier.STATIC))
                        .count();
                int parameters = hub.getConstructors().stream()
                        .mapToInt(constructor ->
                                constructor.getRawParameterTypes().size())
                        .max()
                        .orElse(0);
                long collaborators = Math.max(fields, parameters);
                events.add(new SimpleConditionEvent(
                        hub,
                        collaborators <= most,
                        hub.getName() + " has " + collaborators + " collaborators (" + fields + " fields, " + parameters
                                + " constructor parameters), more than " + most));
            }
        };
    }
}
