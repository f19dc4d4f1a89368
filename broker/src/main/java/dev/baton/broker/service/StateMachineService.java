package dev.baton.broker.service;

import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.persistence.DefinitionRepository;
import dev.baton.broker.persistence.StateMachineRepository;
import dev.baton.broker.persistence.StateMachineRepository.StateMachineRecord;
import dev.baton.broker.runtime.DefinitionCache;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.CreateStateMachineResponse;
import dev.baton.proto.v1.DeleteStateMachineRequest;
import dev.baton.proto.v1.DeleteStateMachineResponse;
import dev.baton.proto.v1.DescribeStateMachineRequest;
import dev.baton.proto.v1.DescribeStateMachineResponse;
import dev.baton.proto.v1.ListStateMachinesRequest;
import dev.baton.proto.v1.ListStateMachinesResponse;
import dev.baton.proto.v1.StateMachineListItem;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;

/** CreateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine. */
public final class StateMachineService {
    /** AWS's limit on a definition's size. */
    public static final int MAX_DEFINITION_BYTES = 1024 * 1024;
    private static final String PAGE_SCOPE = "state-machines";

    private final Arns arns;
    private final String defaultRoleArn;
    private final StateMachineRepository stateMachines;
    private final DefinitionRepository definitionTexts;
    private final DefinitionCache definitions;
    private final DefinitionLoader loader;
    private final InstantSource clock;
    /**
     * State machines by ARN: StartExecution looks one up on every call. Entries are dropped on delete;
     * another broker sharing the database is not told (a later multi-broker release has to).
     */
    private final java.util.Map<String, StateMachineRecord> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public StateMachineService(Arns arns, String defaultRoleArn, StateMachineRepository stateMachines,
                               DefinitionRepository definitionTexts, DefinitionCache definitions,
                               DefinitionLoader loader, InstantSource clock) {
        this.arns = arns;
        this.defaultRoleArn = defaultRoleArn;
        this.stateMachines = stateMachines;
        this.definitionTexts = definitionTexts;
        this.definitions = definitions;
        this.loader = loader;
        this.clock = clock;
    }

    public CreateStateMachineResponse create(CreateStateMachineRequest req) {
        Names.check(req.getName());
        String type = req.getType().isEmpty() ? "STANDARD" : req.getType();
        if (!type.equals("STANDARD")) {
            if (type.equals("EXPRESS")) {
                throw new AwsException("StateMachineTypeNotSupported",
                        "Express state machines are not supported by Baton yet; create a STANDARD state machine");
            }
            throw AwsException.validation("1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        String roleArn = req.getRoleArn().isEmpty() ? defaultRoleArn : req.getRoleArn();
        if (!roleArn.startsWith("arn:")) {
            throw AwsException.invalidArn("Invalid role ARN: " + roleArn);
        }
        String definition = req.getDefinition();
        // AWS checks the definition's length as a request constraint (ValidationException) before parsing it.
        if (definition.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value at 'definition' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        if (definition.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
            throw AwsException.validation("1 validation error detected: Value at 'definition' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_DEFINITION_BYTES);
        }
        StateMachine parsed = loader.load(definition);
        String arn = arns.stateMachine(req.getName());
        String hash = DefinitionRepository.hash(definition);
        var existing = stateMachines.find(arn);
        if (existing.isEmpty()) {
            definitionTexts.save(definition);
            definitions.put(hash, parsed);
            long now = clock.millis();
            if (stateMachines.insert(new StateMachineRecord(arn, req.getName(), type, hash, definition, roleArn, now))) {
                return CreateStateMachineResponse.newBuilder().setStateMachineArn(arn)
                        .setCreationDate(Timestamps.of(now)).build();
            }
            existing = stateMachines.find(arn);
        }
        // AWS: idempotent on name + definition + type; roleArn differences are ignored.
        StateMachineRecord found = existing.orElseThrow(() -> AwsException.stateMachineDoesNotExist(arn));
        if (!found.definitionHash().equals(hash) || !found.type().equals(type)) {
            throw new AwsException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
        }
        return CreateStateMachineResponse.newBuilder().setStateMachineArn(arn)
                .setCreationDate(Timestamps.of(found.createdAt())).build();
    }

    /** The stored state machine; StateMachineDoesNotExist when there is none. */
    public StateMachineRecord get(String arn) {
        StateMachineRecord cached = cache.get(arn);
        if (cached != null) {
            return cached;
        }
        arns.parseStateMachine(arn);
        StateMachineRecord found = stateMachines.find(arn).orElseThrow(() -> AwsException.stateMachineDoesNotExist(arn));
        cache.put(arn, found);
        return found;
    }

    public DescribeStateMachineResponse describe(DescribeStateMachineRequest req) {
        StateMachineRecord r = get(req.getStateMachineArn());
        return DescribeStateMachineResponse.newBuilder()
                .setStateMachineArn(r.arn())
                .setName(r.name())
                .setStatus("ACTIVE")
                .setDefinition(r.definition())
                .setRoleArn(r.roleArn())
                .setType(r.type())
                .setCreationDate(Timestamps.of(r.createdAt()))
                .build();
    }

    public ListStateMachinesResponse list(ListStateMachinesRequest req) {
        int size = Pages.size(req.getMaxResults());
        String after = Pages.decode(PAGE_SCOPE, req.getNextToken());
        List<StateMachineRecord> rows = stateMachines.list(after, size + 1);
        ListStateMachinesResponse.Builder out = ListStateMachinesResponse.newBuilder();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            StateMachineRecord r = rows.get(i);
            out.addStateMachines(StateMachineListItem.newBuilder().setStateMachineArn(r.arn()).setName(r.name())
                    .setType(r.type()).setCreationDate(Timestamps.of(r.createdAt())));
        }
        if (rows.size() > size) {
            out.setNextToken(Pages.encode(PAGE_SCOPE, rows.get(size - 1).arn()));
        }
        return out.build();
    }

    public DeleteStateMachineResponse delete(DeleteStateMachineRequest req) {
        arns.parseStateMachine(req.getStateMachineArn());
        // Running executions keep their definition (stored by hash) and run to their end, as on AWS.
        stateMachines.delete(req.getStateMachineArn());
        cache.remove(req.getStateMachineArn());
        return DeleteStateMachineResponse.getDefaultInstance();
    }
}
