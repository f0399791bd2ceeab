package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The CDS Hooks response: {@code cards} is always present, empty when nothing applies. */
public record CardsResponseJson(@JsonInclude(JsonInclude.Include.ALWAYS) List<CardJson> cards) {}
