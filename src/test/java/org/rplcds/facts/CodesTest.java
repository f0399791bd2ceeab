package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.rplcds.prefetch.PatientRecord;
import org.rplcds.support.Fhir;
import org.rplcds.support.Records;
import org.rplcds.support.SyntheaCharts;

/** Reading a record's facts looks each of its codings up in the terminology once, at most. */
@DisplayName("Code look-ups")
class CodesTest {

    static final List<String> CHARTS = SyntheaCharts.NAMES;

    /** The terminology, counting what it is asked. */
    static final class CountingTerminology extends Terminology {

        final AtomicInteger lookUps = new AtomicInteger();
        final AtomicInteger membershipTests = new AtomicInteger();

        CountingTerminology() {
            super(Fhir.CONTEXT);
        }

        @Override
        public Set<String> valueSetsOf(String system, String code) {
            lookUps.incrementAndGet();
            return super.valueSetsOf(system, code);
        }

        @Override
        public boolean contains(String valueSetUrl, String system, String code) {
            membershipTests.incrementAndGet();
            return super.contains(valueSetUrl, system, code);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CHARTS")
    @DisplayName("Should look each coding of a Synthea chart up once at most, and test no value set one by one")
    void looksEachCodingUpOnce(String chart) {
        // given
        CountingTerminology terminology = new CountingTerminology();
        List<IBaseResource> resources = new ArrayList<>(SyntheaCharts.resources(chart));
        int codings = resources.stream()
                .mapToInt(r -> Fhir.CONTEXT
                        .newTerser()
                        .getAllPopulatedChildElementsOfType(r, Coding.class)
                        .size())
                .sum();

        // when
        new FactsReader(terminology).read(PatientRecord.of("p1", resources), Records.TODAY, new LossCounting(24, true));

        // then
        assertThat(terminology.lookUps.get()).isPositive().isLessThanOrEqualTo(codings);
        assertThat(terminology.membershipTests.get()).isZero();
    }
}
