package dev.baton.broker.service;

import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.StateMachineType;
import dev.baton.broker.definition.parse.DefinitionReader;
import dev.baton.proto.v1.ValidateStateMachineDefinitionDiagnostic;
import dev.baton.proto.v1.ValidateStateMachineDefinitionRequest;
import dev.baton.proto.v1.ValidateStateMachineDefinitionResponse;

import java.nio.charset.StandardCharsets;

/**
 * ValidateStateMachineDefinition: checks the request as AWS does (ValidationException for
 * out-of-range members) and reports the definition's diagnostics. Stateless.
 */
public final class DefinitionValidationService {

    public ValidateStateMachineDefinitionResponse validate(ValidateStateMachineDefinitionRequest req) {
        String definition = req.getDefinition();
        if (definition.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value at 'definition' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        if (definition.getBytes(StandardCharsets.UTF_8).length > DefinitionReader.MAX_DEFINITION_BYTES) {
            throw AwsException.validation("1 validation error detected: Value at 'definition' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + DefinitionReader.MAX_DEFINITION_BYTES);
        }
        StateMachineType type = StateMachineType.fromAwsName(req.getType());
        if (type == null) {
            throw AwsException.validation("1 validation error detected: Value '" + req.getType() + "' at 'type' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        Diagnostic.Severity severity = switch (req.getSeverity()) {
            case "", "ERROR" -> Diagnostic.Severity.ERROR;
            case "WARNING" -> Diagnostic.Severity.WARNING;
            default -> throw AwsException.validation("1 validation error detected: Value '" + req.getSeverity()
                    + "' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]");
        };
        if (req.getMaxResults() < 0 || req.getMaxResults() > Definitions.DEFAULT_MAX_RESULTS) {
            throw AwsException.validation("1 validation error detected: Value '" + req.getMaxResults() + "' at "
                    + "'maxResults' failed to satisfy constraint: Member must have value between 0 and "
                    + Definitions.DEFAULT_MAX_RESULTS);
        }
        Definitions.Validation validation = Definitions.validate(definition, type, severity, req.getMaxResults());
        var response = ValidateStateMachineDefinitionResponse.newBuilder()
                .setResult(validation.result())
                .setTruncated(validation.truncated());
        for (Diagnostic d : validation.diagnostics()) {
            response.addDiagnostics(ValidateStateMachineDefinitionDiagnostic.newBuilder()
                    .setSeverity(d.severity().name())
                    .setCode(d.code())
                    .setMessage(d.message())
                    .setLocation(d.location() == null ? "" : d.location()));
        }
        return response.build();
    }
}
