package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Search planning")
class SearchPlannerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static SearchQuery query(String relative) {
        return SearchQuery.parse(relative).orElseThrow();
    }

    static List<String> plan(String template, ServerProfile server) {
        return SearchPlanner.plan(query(template), server).stream()
                .map(SearchQuery::relative)
                .toList();
    }

    static ServerProfile statement(String json) throws Exception {
        JsonNode node = JSON.readTree(json.replace('\'', '"'));
        return ServerProfile.of(node);
    }

    @Nested
    @DisplayName("on a server that said nothing")
    class Unknown {

        @Test
        @DisplayName("Should send the template as it is")
        void sendsTheTemplate() {
            assertThat(plan("Observation?patient=p1&code=a,b&_count=1000", ServerProfile.UNKNOWN))
                    .containsExactly("Observation?patient=p1&code=a,b&_count=1000");
        }

        @Test
        @DisplayName("Should search body weight apart from the other codes, each search with the same filters")
        void searchesBodyWeightApart() {
            assertThat(plan("Observation?patient=p1&code=3016-3,29463-7,8099-4&_count=1000", ServerProfile.UNKNOWN))
                    .containsExactly(
                            "Observation?patient=p1&_count=1000&code=3016-3,8099-4",
                            "Observation?patient=p1&_count=1000&code=29463-7");
            assertThat(plan("Observation?patient=p1&code=29463-7", ServerProfile.UNKNOWN))
                    .containsExactly("Observation?patient=p1&code=29463-7&_count=1000");
        }

        @Test
        @DisplayName("Should search apart exactly the codes of the body-weight value set")
        void apartIsTheBodyWeightValueSet() throws Exception {
            var valueSet = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(java.nio.file.Path.of("fhir-resources/valuesets/ValueSet-body-weight.json")
                            .toFile());
            java.util.Set<String> codes = new java.util.TreeSet<>();
            valueSet.at("/compose/include").forEach(include -> include.path("concept")
                    .forEach(concept -> codes.add(concept.get("code").asText())));
            assertThat(SearchPlanner.APART).containsExactlyInAnyOrderElementsOf(codes);
        }

        @Test
        @DisplayName("Should leave out the parameter a refusal names, and only it")
        void dropsTheNamedParameter() {
            List<SearchQuery> instead = SearchPlanner.recover(
                    query("Procedure?patient=p1&code=a&_count=1000"),
                    "The parameter '_count' is not supported for this resource",
                    ServerProfile.UNKNOWN);

            assertThat(instead).map(SearchQuery::relative).containsExactly("Procedure?patient=p1&code=a");
        }

        @Test
        @DisplayName("Should search each category when a server demands code or category and the code is gone")
        void fansOutByCategory() {
            List<SearchQuery> instead = SearchPlanner.recover(
                    query("Observation?patient=p1&_count=1000"),
                    "Must have either code or category.",
                    ServerProfile.UNKNOWN);

            assertThat(instead)
                    .map(SearchQuery::relative)
                    .contains(
                            "Observation?patient=p1&_count=1000&category=laboratory",
                            "Observation?patient=p1&_count=1000&category=vital-signs")
                    .hasSize(Dialect.OBSERVATION_CATEGORIES.size());
        }

        @Test
        @DisplayName("Should add every intent when a server says a MedicationRequest search needs one")
        void addsEveryIntent() {
            List<SearchQuery> instead = SearchPlanner.recover(
                    query("MedicationRequest?patient=p1"), "intent is a required parameter", ServerProfile.UNKNOWN);

            assertThat(instead).singleElement().satisfies(q -> assertThat(q.values("intent"))
                    .containsExactlyElementsOf(Dialect.INTENTS));
        }

        @Test
        @DisplayName("Should leave out the code filter when a refusal names nothing, and never the patient")
        void dropsTheCodeWhenNothingIsNamed() {
            assertThat(SearchPlanner.recover(query("Procedure?patient=p1&code=a"), "", ServerProfile.UNKNOWN))
                    .map(SearchQuery::relative)
                    .containsExactly("Procedure?patient=p1");
            assertThat(SearchPlanner.recover(
                            query("Procedure?patient=p1"), "patient is not valid", ServerProfile.UNKNOWN))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not read a parameter's name inside another word as naming it")
        void readsWholeWords() {
            List<SearchQuery> instead = SearchPlanner.recover(
                    query("Observation?patient=p1&code=a&_count=1000"),
                    "Unknown search parameter 'encode'",
                    ServerProfile.UNKNOWN);

            assertThat(instead).map(SearchQuery::relative).containsExactly("Observation?patient=p1&_count=1000");
        }
    }

    @Nested
    @DisplayName("on an Epic server")
    class Epic {

        static ServerProfile epic() throws Exception {
            return statement("{'resourceType':'CapabilityStatement','publisher':'Epic',"
                    + "'software':{'name':'Epic'},'rest':[{'mode':'server','resource':["
                    + "{'type':'Condition','searchParam':[{'name':'patient'},{'name':'clinical-status'},"
                    + "{'name':'category'}]},"
                    + "{'type':'Observation','searchParam':[{'name':'patient'},{'name':'code'},"
                    + "{'name':'category'},{'name':'date'}]}]}]}");
        }

        @Test
        @DisplayName("Should recognise Epic from its CapabilityStatement")
        void recognisesEpic() throws Exception {
            assertThat(epic().dialect()).isEqualTo(Dialect.EPIC);
        }

        @Test
        @DisplayName("Should ask for every clinical status and category: Epic answers active problems only otherwise")
        void asksForEveryStatus() throws Exception {
            List<SearchQuery> planned = SearchPlanner.plan(query("Condition?patient=p1&_count=1000"), epic());

            assertThat(planned).singleElement().satisfies(q -> assertThat(q.values("clinical-status"))
                    .containsExactlyElementsOf(Dialect.CLINICAL_STATUSES));
        }

        @Test
        @DisplayName("Should keep the code filter of an Observation search, which Epic takes")
        void keepsTheCode() throws Exception {
            assertThat(plan("Observation?patient=p1&code=a,b&_count=1000", epic()))
                    .containsExactly("Observation?patient=p1&code=a,b&_count=1000");
        }
    }

    @Nested
    @DisplayName("on an Oracle Health server")
    class OracleHealth {

        static ServerProfile oracle() throws Exception {
            return statement("{'resourceType':'CapabilityStatement','publisher':'Cerner',"
                    + "'software':{'name':'Cerner Millennium'},'rest':[{'mode':'server','resource':["
                    + "{'type':'Condition','searchParam':[{'name':'patient'},{'name':'clinical-status'}]},"
                    + "{'type':'Procedure','searchParam':[{'name':'patient'},{'name':'date'}]},"
                    + "{'type':'Observation','searchParam':[{'name':'patient'},{'name':'code'},"
                    + "{'name':'category'},{'name':'_count'}]}]}]}");
        }

        @Test
        @DisplayName("Should send no parameter the server does not list, _count included")
        void sendsOnlyListedParameters() throws Exception {
            assertThat(plan("Condition?patient=p1&_count=1000", oracle())).containsExactly("Condition?patient=p1");
            assertThat(plan("Procedure?patient=p1&code=a,b&_count=1000", oracle()))
                    .allSatisfy(q -> assertThat(q)
                            .startsWith("Procedure?patient=p1&date=")
                            .doesNotContain("code=")
                            .doesNotContain("_count="));
        }

        @Test
        @DisplayName("Should read Procedures in date slices that together cover every date, at once")
        void slicesProceduresByDate() {
            List<SearchQuery> slices =
                    SearchPlanner.byDate(query("Procedure?patient=p1"), java.time.LocalDate.of(2026, 12, 6));

            assertThat(slices.get(0).all("date")).containsExactly("lt1996-01-01T00:00:00Z");
            for (int i = 1; i < slices.size(); i++) {
                List<String> previous = slices.get(i - 1).all("date");
                String end = previous.get(previous.size() - 1);
                assertThat(slices.get(i).all("date").get(0)).isEqualTo("ge" + end.substring(2));
            }
            assertThat(slices.get(slices.size() - 1).all("date")).containsExactly("ge2025-01-01T00:00:00Z");
        }

        @Test
        @DisplayName("Should ask for no more a page than the documented maximum")
        void capsTheCount() throws Exception {
            assertThat(plan("Observation?patient=p1&code=a&_count=1000", oracle()))
                    .containsExactly("Observation?patient=p1&code=a&_count=200");
        }
    }

    @Nested
    @DisplayName("on a server that declares the searches it takes")
    class Combinations {

        static ServerProfile usCore() throws Exception {
            String shall = "{'url':'" + ServerProfile.EXPECTATION + "','valueCode':'SHALL'}";
            String should = "{'url':'" + ServerProfile.EXPECTATION + "','valueCode':'SHOULD'}";
            String combination = "{'url':'" + ServerProfile.COMBINATION + "','extension':[" + shall + ","
                    + "{'url':'required','valueString':'patient'},{'url':'required','valueString':'%s'}]}";
            String optional = "{'url':'" + ServerProfile.COMBINATION + "','extension':[" + should + ","
                    + "{'url':'required','valueString':'patient'},{'url':'required','valueString':'code'}]}";
            return statement("{'resourceType':'CapabilityStatement','publisher':'Example Health',"
                    + "'rest':[{'mode':'server','resource':["
                    + "{'type':'MedicationRequest','extension':[" + combination.formatted("intent") + "],"
                    + "'searchParam':[{'name':'patient','extension':[" + should + "]},{'name':'intent'}]},"
                    + "{'type':'Procedure','extension':[" + combination.formatted("date") + "," + optional + "],"
                    + "'searchParam':[{'name':'patient','extension':[" + shall + "]},{'name':'code'},"
                    + "{'name':'date'}]},"
                    + "{'type':'Observation','extension':[" + combination.formatted("code") + ","
                    + combination.formatted("category") + "],"
                    + "'searchParam':[{'name':'patient','extension':[" + should + "]},{'name':'code'},"
                    + "{'name':'category'}]}]}]}");
        }

        @Test
        @DisplayName("Should add every intent to a MedicationRequest search, which loses nothing")
        void addsEveryIntent() throws Exception {
            List<SearchQuery> planned = SearchPlanner.plan(query("MedicationRequest?patient=p1&_count=1000"), usCore());

            assertThat(planned).singleElement().satisfies(q -> {
                assertThat(q.values("intent")).containsExactlyElementsOf(Dialect.INTENTS);
                assertThat(q.value("_count")).contains("1000");
            });
        }

        @Test
        @DisplayName("Should leave out a code filter that only a SHOULD combination takes")
        void searchesProceduresByPatient() throws Exception {
            assertThat(plan("Procedure?patient=p1&code=a&_count=1000", usCore()))
                    .containsExactly("Procedure?patient=p1&_count=1000");
        }

        @Test
        @DisplayName("Should keep patient and code, a SHALL combination for Observations")
        void keepsPatientAndCode() throws Exception {
            assertThat(plan("Observation?patient=p1&code=a&_count=1000", usCore()))
                    .containsExactly("Observation?patient=p1&code=a&_count=1000");
        }

        @Test
        @DisplayName("Should search each category when an Observation search has no code")
        void searchesEachCategory() throws Exception {
            assertThat(plan("Observation?patient=p1", usCore()))
                    .hasSize(Dialect.OBSERVATION_CATEGORIES.size())
                    .contains("Observation?patient=p1&_count=1000&category=laboratory");
        }
    }
}
