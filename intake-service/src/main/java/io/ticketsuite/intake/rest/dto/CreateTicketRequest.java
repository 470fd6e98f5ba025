package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EscalationKind;
import io.ticketsuite.events.TicketType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/v1/tickets. */
@Schema(name = "CreateTicket", description = "A new ticket from a channel")
public record CreateTicketRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "I was charged twice on my invoice")
        String subject,

        @Size(max = 20_000) String description,
        @NotNull TicketType type,
        @NotNull Channel channel,

        @NotNull
        @Valid
        @Schema(
                description = "Who the ticket is for: required from channels and staff. For a customer's token it"
                        + " is taken from the token (id, email; tier from the `tier` claim, else FREE) and only"
                        + " `language` is read from the body")
        Customer customer,

        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 200) String externalId,

        // --- SUPPORT only ---
        @Valid @Schema(description = "SUPPORT only: how to reproduce the fault")
        Reproduction reproduction,

        @Size(max = 50) @Schema(description = "SUPPORT only: the sites or products affected")
        List<@NotBlank @Size(max = 200) String> affected,

        @Size(max = 20) @Schema(description = "SUPPORT only: error messages as seen")
        List<@NotBlank @Size(max = 2000) String> errorMessages,

        @Size(max = 2000) @Schema(description = "SUPPORT only: browser, OS, app version, … in words")
        String environment,

        // --- ESCALATION only ---
        @Size(max = 200)
        @Schema(
                description = "ESCALATION only: the client the concern is about (required with any other escalation"
                        + " field)")
        String client,

        @Size(max = 5)
        @Schema(
                description = "ESCALATION only: the kinds of concern, a non-empty set (no duplicates) of SCOPE_CREEP,"
                        + " DELIVERY_DELAY, QUALITY_PROBLEM, SERVICE_COMPLAINT, COMMUNICATION_PROBLEM")
        List<@NotNull EscalationKind> escalationTypes,

        @Size(max = 5000) @Schema(description = "ESCALATION only: what has already been done")
        String actionTaken,

        @Size(max = 5000) @Schema(description = "ESCALATION only: links, figures, quotes")
        String evidence,

        @Size(max = 5000) @Schema(description = "ESCALATION only: the impact on the relationship")
        String relationshipImpact,

        @Size(max = 5000) @Schema(description = "ESCALATION only: what the author suggests doing next")
        String suggestedNextSteps) {

    /** A ticket without type-specific details. */
    public CreateTicketRequest(
            String subject,
            String description,
            TicketType type,
            Channel channel,
            Customer customer,
            List<String> tags,
            String externalId) {
        this(
                subject,
                description,
                type,
                channel,
                customer,
                tags,
                externalId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This request for another customer (the customer's own request: taken from the token). */
    public CreateTicketRequest withCustomer(Customer other) {
        return new CreateTicketRequest(
                subject,
                description,
                type,
                channel,
                other,
                tags,
                externalId,
                reproduction,
                affected,
                errorMessages,
                environment,
                client,
                escalationTypes,
                actionTaken,
                evidence,
                relationshipImpact,
                suggestedNextSteps);
    }

    /** Whether any SUPPORT field is given. */
    public boolean hasSupportDetails() {
        return reproduction != null || affected != null || errorMessages != null || environment != null;
    }

    /** Whether any ESCALATION field is given. */
    public boolean hasEscalationDetails() {
        return client != null
                || escalationTypes != null
                || actionTaken != null
                || evidence != null
                || relationshipImpact != null
                || suggestedNextSteps != null;
    }

    /** Steps to reproduce a SUPPORT ticket's fault, expected and actual behaviour. */
    @Schema(name = "Reproduction")
    public record Reproduction(
            @NotBlank @Size(max = 10_000) String steps,
            @Size(max = 2000) String expected,
            @Size(max = 2000) String actual) {}

    /** The customer as the channel knows them (for a customer's own request: from the token). */
    @Schema(name = "Customer")
    public record Customer(
            @NotBlank @Size(max = 100) String id,
            @Email @Size(max = 254) String email,
            @NotNull CustomerTier tier,

            @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language tag such as en or pt-BR")
            String language,

            @Size(max = 64)
            @TimeZoneId
            @Schema(
                    description = "IANA time zone (e.g. Europe/Berlin): the customer's business-hours SLA calendar"
                            + " follows its wall clock; without one the calendar's configured zone applies")
            String timeZone) {

        /** A customer without a time zone. */
        public Customer(String id, String email, CustomerTier tier, String language) {
            this(id, email, tier, language, null);
        }
    }
}
