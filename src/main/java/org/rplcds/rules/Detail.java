package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PregnancyEvent;

/**
 * A card's detail as structure: the service's own words, the record entries and results that fired
 * the rule, and the sources. {@code cards/} writes it as markdown and escapes the record's text;
 * rules never write markup.
 *
 * @param blocks in the order they are read
 */
public record Detail(List<Block> blocks) {

    public Detail {
        blocks = List.copyOf(blocks);
    }

    public Detail() {
        this(List.of());
    }

    /** One part of a detail. */
    public sealed interface Block permits Paragraph, Entries, Results, Events, Checklist, Sources {}

    /**
     * Words of the service: a lead the reader's eye should catch, then the rest; either may be empty.
     *
     * @param lead shown in bold
     * @param text shown as it is
     */
    public record Paragraph(String lead, String text) implements Block {}

    /** Record entries under a heading; nothing is shown when there are none. */
    public record Entries(String heading, List<Evidence> entries) implements Block {}

    /**
     * Results, each with its value and unit, date and resource, under a heading.
     *
     * @param units the units the values are shown in: the site's, set when the rule writes its
     *     finding
     */
    public record Results(String heading, List<LabResult> results, Presentation.UnitSystem units) implements Block {

        public Results(String heading, List<LabResult> results) {
            this(heading, results, Presentation.UnitSystem.CONVENTIONAL);
        }
    }

    /** Pregnancy outcomes with date, gestation and resources, under a heading. */
    public record Events(String heading, List<PregnancyEvent> events) implements Block {}

    /** The items of an evaluation, each with where it stands, under a heading. */
    public record Checklist(String heading, List<WorkUpItem> items) implements Block {}

    /**
     * The guidelines the card's advice comes from: the rule's citation, closing every detail. Only
     * {@link Rule} writes it, from the citation it declares, so the line cannot drift from it.
     */
    public record Sources(String text) implements Block {}

    /** A paragraph of the service's own words. */
    Detail text(String text) {
        return with(new Paragraph("", text));
    }

    /** A paragraph opening with a bold lead. */
    Detail lead(String lead, String text) {
        return with(new Paragraph(lead, text));
    }

    Detail evidence(String heading, List<Evidence> entries) {
        return with(new Entries(heading, List.copyOf(entries)));
    }

    Detail results(String heading, List<LabResult> results) {
        return with(new Results(heading, List.copyOf(results)));
    }

    Detail events(String heading, List<PregnancyEvent> events) {
        return with(new Events(heading, List.copyOf(events)));
    }

    Detail checklist(String heading, List<WorkUpItem> items) {
        return with(new Checklist(heading, List.copyOf(items)));
    }

    /** The blocks of this detail, then those of the other. */
    Detail then(Detail other) {
        List<Block> more = new ArrayList<>(blocks);
        more.addAll(other.blocks());
        return new Detail(more);
    }

    /**
     * The closing line naming each source, in the order cited: those the card links, and after
     * them those it names only (past the third, or without an address).
     */
    Detail cited(List<Citation> sources) {
        return with(new Sources(String.join(
                "; ", sources.stream().map(Citation::label).distinct().toList())));
    }

    /** The same detail without its closing Sources line, for a card that is cited anew. */
    Detail uncited() {
        return new Detail(
                blocks.stream().filter(block -> !(block instanceof Sources)).toList());
    }

    /** The same detail with its results shown in the site's units. */
    Detail in(Presentation.UnitSystem units) {
        return new Detail(blocks.stream()
                .map(block -> block instanceof Results r ? new Results(r.heading(), r.results(), units) : block)
                .toList());
    }

    private Detail with(Block block) {
        List<Block> more = new ArrayList<>(blocks);
        more.add(block);
        return new Detail(more);
    }
}
