package io.ticketsuite.kit.openapi;

import io.ticketsuite.kit.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Documents what every {@code /api} operation can answer besides its success: the problem+json 4xx of the kit
 * (400 for parameters or a body, 401/403 for the bearer token and its roles, 404 for a path id, 413/415 for a
 * body), unless the operation documents them itself; and names the roles an operation requires in its
 * description. Registered with {@code mp.openapi.filter}.
 */
public class ProblemResponsesFilter implements OASFilter {
    static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            boolean pathId = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                document(operation, pathId);
                used = true;
            }
        }
        if (used) {
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            if (openAPI.getComponents().getSchemas() == null
                    || !openAPI.getComponents().getSchemas().containsKey(PROBLEM_SCHEMA)) {
                openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
            }
        }
    }

    private static void document(Operation operation, boolean pathId) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean parameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (body || parameters) {
            add(responses, "400", "Invalid input (problem+json `validation` or `malformed-json`)");
        }
        add(responses, "401", "No bearer token, or one that is not valid");
        add(responses, "403", "The token's roles do not allow this operation");
        if (pathId) {
            add(responses, "404", "Nothing at this id, or nothing the caller may see");
        }
        if (body) {
            add(responses, "413", "Body too large");
            add(responses, "415", "Body not sent as JSON");
        }
        TreeSet<String> roles = new TreeSet<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(roles::addAll);
                }
            }
        }
        if (!roles.isEmpty()) {
            String note = "Roles: " + String.join(", ", roles) + ".";
            String description = operation.getDescription();
            if (description == null || !description.contains(note)) {
                operation.setDescription(
                        description == null || description.isBlank() ? note : description + "\n\n" + note);
            }
        }
    }

    private static void add(APIResponses responses, String code, String description) {
        if (responses.hasAPIResponse(code)) {
            APIResponse existing = responses.getAPIResponse(code);
            if (existing.getContent() == null) {
                existing.setContent(problemContent());
            }
            return;
        }
        responses.addAPIResponse(
                code, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA)));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `type` is stable per kind of error")
                .required(List.of("type", "title", "status"))
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.OBJECT)
                                        .addProperty("field", string)
                                        .addProperty("message", string)));
    }
}
