package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A CDS Hooks 2.0 card; empty members stay off the wire. Its {@code extension} names the rules
 * whose advice it holds.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CardJson(
        String uuid,
        String summary,
        String detail,
        String indicator,
        SourceJson source,
        List<SuggestionJson> suggestions,
        String selectionBehavior,
        List<CodingJson> overrideReasons,
        List<LinkJson> links,
        CardExtensionJson extension) {}
