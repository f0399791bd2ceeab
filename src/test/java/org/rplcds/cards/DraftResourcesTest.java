package org.rplcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.rules.Concept;
import org.rplcds.rules.ProposedAction;
import org.rplcds.support.Fhir;

@DisplayName("The draft resources of suggestions")
class DraftResourcesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    final ObjectMapper json = new ObjectMapper();
    final CardWriter writer = new CardWriter(Fhir.CONTEXT, json);

    @Test
    @DisplayName("Should be the JSON HAPI writes of the resource's model, whatever the concept, text and dates")
    void sameAsHapi() throws Exception {
        List<String> systems = Arrays.asList("http://snomed.info/sct", null, "", " urn:oid:1.2 ");
        List<String> codes = Arrays.asList("734360004", null, "  ", " Z3A.12 ");
        List<String> displays = Arrays.asList("Parental karyotype", null, "", "  ", "é \"quoted\" \n\u2028 ✓");
        List<String> texts = List.of("", "   ", "75 mg once daily", "line one\nline \"two\" \u2028");
        List<Optional<LocalDate>> dates = List.of(Optional.empty(), Optional.of(TODAY.plusWeeks(12)));
        List<String> patients = List.of("p-1", "Abc.DEF-9", "not/plain id");
        int compared = 0;
        for (ProposedAction.Kind kind : List.of(
                ProposedAction.Kind.PROBLEM,
                ProposedAction.Kind.SERVICE_REQUEST,
                ProposedAction.Kind.MEDICATION_REQUEST)) {
            for (String system : systems) {
                for (String code : codes) {
                    for (String display : displays) {
                        for (String text : texts) {
                            for (Optional<LocalDate> date : dates) {
                                // given
                                String patient = patients.get(compared % patients.size());
                                ProposedAction action = new ProposedAction(
                                        "Order it",
                                        kind,
                                        Optional.of(new Concept(system, code, display)),
                                        text,
                                        date,
                                        Optional.empty(),
                                        true,
                                        date.map(d -> d.minusWeeks(4)),
                                        Optional.empty(),
                                        List.of());
                                // when
                                String written = json.writeValueAsString(writer.resource(patient, TODAY, action));
                                // then
                                assertThat(written)
                                        .as(
                                                "%s system=%s code=%s display=%s text=%s date=%s patient=%s",
                                                kind, system, code, display, text, date, patient)
                                        .isEqualTo(
                                                json.writeValueAsString(writer.hapiResource(patient, TODAY, action)));
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 4 * 4 * 5 * 4 * 2);
    }

    @Test
    @DisplayName("Should give two patients their own drafts")
    void twoPatientsTheirOwnDrafts() {
        // given
        ProposedAction order = ProposedAction.order("Order TSH", new Concept("http://loinc.org", "3016-3", "TSH"));

        // when
        var first = writer.resource("p-1", TODAY, order);
        var second = writer.resource("p-2", TODAY.plusDays(1), order);

        // then
        assertThat(first.path("subject").path("reference").asText()).isEqualTo("Patient/p-1");
        assertThat(second.path("subject").path("reference").asText()).isEqualTo("Patient/p-2");
        assertThat(first.path("authoredOn").asText()).isEqualTo("2026-03-01");
        assertThat(second.path("authoredOn").asText()).isEqualTo("2026-03-02");
    }
}
