package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The documentation sections start-up reports name")
class DocsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Docs.class)
    @DisplayName("Should be a heading of its file")
    void isAHeading(Docs section) throws IOException {
        assertThat(Files.readAllLines(Path.of(section.file())))
                .anySatisfy(line -> assertThat(line).matches("#{1,4} " + Pattern.quote(section.heading())));
    }
}
