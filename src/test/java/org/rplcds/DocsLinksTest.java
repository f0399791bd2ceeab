package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The links of the documentation: every relative link of the README, of {@code SECURITY.md},
 * {@code CONTRIBUTING.md} and of {@code docs/} leads to a file of the repository, and one that names
 * an anchor in a Markdown file leads to a heading of it (GitHub's heading ids: lower case, spaces
 * made hyphens, punctuation dropped, a repeated heading numbered {@code -1}, {@code -2}, ...).
 */
@DisplayName("Links of the documentation")
class DocsLinksTest {

    /** {@code [label](target)} and {@code ![alt](target)}, the target without spaces; an optional title after. */
    static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    static final Path INTEGRATION = Path.of("docs/integration.md");

    static List<Path> pages() throws IOException {
        List<Path> pages =
                new ArrayList<>(List.of(Path.of("README.md"), Path.of("SECURITY.md"), Path.of("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The lines of a Markdown file outside fenced code blocks, with inline code spans blanked. */
    static List<String> prose(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                lines.add(line.replaceAll("`[^`]*`", "``"));
            }
        }
        return lines;
    }

    /** GitHub's id of a heading. */
    static String slug(String heading) {
        return heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .toLowerCase()
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** The ids of a Markdown file's headings. */
    static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /** Where each relative link of a page leads nowhere, one line each. */
    static List<String> broken(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: and the like
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path file = path.isEmpty() ? page : page.resolveSibling(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(page + ": " + target + " (no file " + file + ")");
                } else if (anchor != null
                        && file.toString().endsWith(".md")
                        && !anchors(file).contains(anchor)) {
                    broken.add(page + ": " + target + " (no heading #" + anchor + " in " + file + ")");
                }
            }
        }
        return broken;
    }

    @Test
    @DisplayName(
            "Should lead every relative link of the README and docs/ to a file, and to a heading where it names one")
    void relativeLinksResolve() throws IOException {
        // given
        List<Path> pages = pages();

        // when
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(broken(page));
        }

        // then
        assertThat(pages).contains(Path.of("docs/configuration.md"), Path.of("docs/integration.md"));
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    @DisplayName("Should find a link that leads nowhere, and one to a heading that is not there")
    void findsBrokenLinks(@TempDir Path folder) throws IOException {
        // given
        Files.writeString(folder.resolve("other.md"), "# Other page\n\n## Rule modes: on, silent or off\n");
        Path page = folder.resolve("page.md");
        Files.writeString(
                page,
                """
                # A page

                [fine](other.md#rule-modes-on-silent-or-off), [here](#a-page), [web](https://example.org/x),
                [gone](missing.md), [no heading](other.md#rule-modes), `[in code](nowhere.md)`

                ```
                [in a block](nowhere.md)
                ```
                """);

        // when
        List<String> broken = broken(page);

        // then
        assertThat(broken)
                .containsExactly(
                        page + ": missing.md (no file " + folder.resolve("missing.md") + ")",
                        page + ": other.md#rule-modes (no heading #rule-modes in " + folder.resolve("other.md") + ")");
    }

    /** An example pair and one setting it needs besides its profile, as {@code cds.ui.aggregate-workup=false}. */
    record Need(String pair, String setting) {}

    @Test
    @DisplayName("Should name in docs/integration.md each example pair that needs a setting besides its profile")
    void pairsNeedingASettingAreNamed() throws IOException {
        // given: the pairs whose expected cards name settings ("ui") besides the profile
        ObjectMapper json = new ObjectMapper();
        List<Need> needs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("hooks/examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".cards.json"))
                    .sorted()
                    .toList()) {
                String pair = file.getFileName().toString().replace(".cards.json", "");
                json.readTree(file.toFile())
                        .path("ui")
                        .fields()
                        .forEachRemaining(setting -> needs.add(new Need(
                                pair,
                                "cds.ui." + setting.getKey() + "="
                                        + setting.getValue().asText())));
            }
        }
        List<String> table = Files.readAllLines(INTEGRATION).stream()
                .filter(line -> line.startsWith("|"))
                .toList();

        // when: a row of a table names the pair and the setting
        List<Need> unnamed = needs.stream()
                .filter(need -> table.stream()
                        .noneMatch(row ->
                                row.contains("`" + need.pair() + "`") && row.contains("`" + need.setting() + "`")))
                .toList();

        // then
        assertThat(needs).isNotEmpty();
        assertThat(unnamed)
                .as("pairs needing a setting, missing from the table of " + INTEGRATION)
                .isEmpty();
    }
}
