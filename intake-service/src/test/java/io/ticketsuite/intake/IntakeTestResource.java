package io.ticketsuite.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.ticketsuite.testkit.TestInfrastructure;

/** Every intake test runs against the shared test broker and a fresh database of its own. */
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "intake"))
public class IntakeTestResource {}
