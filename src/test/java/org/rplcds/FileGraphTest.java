package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The file graph behind the no-cycle rule of rules/")
class FileGraphTest {

    static JavaClasses classes(String pkg) {
        return new ClassFileImporter().importPackages(pkg);
    }

    @Test
    @DisplayName("Should find a planted cycle between two files of one package, closed by a nested class")
    void findsAPlantedCycle() {
        // given two files, one using the other, whose nested class uses the first
        JavaClasses classes = classes("org.rplcds.filegraph.cyclic");

        // when
        FileGraph graph = FileGraph.of(classes, "org.rplcds.filegraph.cyclic");

        // then
        assertThat(graph.cycles())
                .containsExactly(
                        java.util.Set.of("org.rplcds.filegraph.cyclic.Lower", "org.rplcds.filegraph.cyclic.Upper"));
    }

    @Test
    @DisplayName("Should find no cycle among files in floors, and count the floors across subpackages")
    void countsFloors() {
        // given three files in three floors, the bottom one in a subpackage
        JavaClasses classes = classes("org.rplcds.filegraph.layered");

        // when
        FileGraph graph = FileGraph.of(classes, "org.rplcds.filegraph.layered");

        // then
        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.floors()).isEqualTo(3);
    }
}
