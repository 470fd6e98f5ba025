package io.ticketsuite.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.ticketsuite.testkit.TestInfrastructure;

/** Every triage test runs against the shared test broker and a fresh database of its own. */
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "triage"))
public class TriageTestResource {}
