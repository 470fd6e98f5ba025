package io.ticketsuite.intake.rest.dto;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CustomerTier;
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
        @Size(max = 200) String externalId) {

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
