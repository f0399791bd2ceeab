package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prefetch templates")
class PrefetchTemplatesTest {

    static JsonNode context(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    @DisplayName("Should fill context tokens, nested ones included")
    void fillsContextTokens() throws Exception {
        JsonNode context = context("{\"patientId\":\"123\",\"encounterId\":\"e 9\",\"a\":{\"b\":\"x\"}}");

        assertThat(PrefetchTemplates.fill(
                        "Condition?patient={{context.patientId}}&encounter={{context.encounterId}}&c={{ context.a.b }}",
                        context))
                .contains("Condition?patient=123&encounter=e+9&c=x");
    }

    @Test
    @DisplayName("Should fill the user tokens from context.userId by resource type")
    void fillsUserTokens() throws Exception {
        assertThat(PrefetchTemplates.fill(
                        "Practitioner/{{userPractitionerId}}", context("{\"userId\":\"Practitioner/abc\"}")))
                .contains("Practitioner/abc");
        assertThat(PrefetchTemplates.fill(
                        "PractitionerRole/{{userPractitionerRoleId}}", context("{\"userId\":\"PractitionerRole/r1\"}")))
                .contains("PractitionerRole/r1");
        assertThat(PrefetchTemplates.fill("Patient/{{userPatientId}}", context("{\"userId\":\"Patient/p7\"}")))
                .contains("Patient/p7");
        assertThat(PrefetchTemplates.fill(
                        "RelatedPerson/{{userRelatedPersonId}}", context("{\"userId\":\"RelatedPerson/q\"}")))
                .contains("RelatedPerson/q");
    }

    @Test
    @DisplayName("Should not fill a template whose token has no value")
    void leavesUnfillableTemplatesEmpty() throws Exception {
        assertThat(PrefetchTemplates.fill(
                        "Practitioner/{{userPractitionerId}}", context("{\"userId\":\"PractitionerRole/r1\"}")))
                .isEmpty();
        assertThat(PrefetchTemplates.fill("Encounter/{{context.encounterId}}", context("{\"patientId\":\"1\"}")))
                .isEmpty();
        assertThat(PrefetchTemplates.fill("X?y={{unknownToken}}", context("{}")))
                .isEmpty();
    }
}
