package org.rplcds.hooks;

import org.rplcds.cards.CardWriter;
import org.rplcds.facts.FactsReader;
import org.rplcds.prefetch.PrefetchResolver;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.rplcds.system.EvaluationDate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pipeline of every hook call, from its stages and the profile and catalogue the site chose. */
@Configuration(proxyBeanMethods = false)
class PipelineAssembly {

    @Bean
    Pipeline pipeline(
            PrefetchResolver prefetch,
            FactsReader facts,
            GuidelineProfile profile,
            Recommendations recommendations,
            Snooze snooze,
            CardWriter cards,
            EvaluationDate evaluationDate) {
        return new Pipeline(prefetch, facts, profile, recommendations, snooze, cards, evaluationDate);
    }
}
