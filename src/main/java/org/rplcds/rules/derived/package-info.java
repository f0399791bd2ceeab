/**
 * The facts derived from the record, the one home of every fact more
 * than one recommendation reads: computed once per hook call by {@link
 * org.rplcds.rules.derived.DerivedFacts#of}, held by the call's {@link org.rplcds.rules.Assessment};
 * no recommendation computes them again, and none reads another recommendation.
 */
package org.rplcds.rules.derived;
