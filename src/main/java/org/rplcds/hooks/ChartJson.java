package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;
import org.rplcds.cards.CardJson;
import org.rplcds.timeline.TimelineJson;

/**
 * What the card viewer shows of a chart, from one run of the pipeline: the cards a hook call
 * answers and the timeline of the facts behind them.
 *
 * @param cards the cards, as the hook call answers them
 * @param timeline the facts by date; absent when the cards did not need the chart and it could not
 *     be read
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Schema(description = "The cards of a hook call and the timeline of the facts behind them, from one evaluation")
record ChartJson(List<CardJson> cards, Optional<TimelineJson> timeline) {}
