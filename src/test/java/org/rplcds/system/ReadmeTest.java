package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The README sections start-up reports name")
class ReadmeTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Readme.class)
    @DisplayName("Should be a heading of the README")
    void isAHeading(Readme section) throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).anySatisfy(line -> assertThat(line)
                .matches("#{2,4} " + java.util.regex.Pattern.quote(section.heading())));
    }
}
