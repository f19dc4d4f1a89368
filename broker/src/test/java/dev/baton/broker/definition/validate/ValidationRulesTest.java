package dev.baton.broker.definition.validate;

import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.StateMachineType;
import dev.baton.broker.definition.parse.DefinitionReader;
import dev.baton.broker.definition.validate.rule.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each validation rule, alone, against a definition that breaks it (it reports AWS's code at the
 * right location) and a corrected one (it reports nothing, and the whole definition loads without
 * a single diagnostic). Definitions are written with ' for " to keep them readable.
 */
class ValidationRulesTest {

    record RuleCase(ValidationRule rule, String broken, String code, String location, String fixed,
                    StateMachineType type) {
        RuleCase(ValidationRule rule, String broken, String code, String location, String fixed) {
            this(rule, broken, code, location, fixed, StateMachineType.STANDARD);
        }

        @Override
        public String toString() {
            return rule.getClass().getSimpleName();
        }
    }

    private static final String SCHEMA = Diagnostic.SCHEMA_VALIDATION_FAILED;
    private static final String TARGET = Diagnostic.MISSING_TRANSITION_TARGET;
    private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";

    /** A state machine whose start state S is the given state (plus extra states, if any). */
    private static String one(String state) {
        return "{'StartAt':'S','States':{'S':" + state + "}}";
    }

    private static String two(String state, String other) {
        return "{'StartAt':'S','States':{'S':" + state + ",'F':" + other + "}}";
    }

    private static String jsonata(String state) {
        return "{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':" + state + "}}";
    }

    private static String map(String fields) {
        return one("{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}}," + fields + "'End':true}");
    }

    static List<RuleCase> cases() {
        String succeed = "{'Type':'Succeed'}";
        return List.of(
                new RuleCase(new RootIsObject(), "[1]", Diagnostic.INVALID_JSON_DESCRIPTION, null, one(succeed)),
                new RuleCase(new GraphShape(), "{'States':{'S':{'Type':'Succeed'}}}", SCHEMA, "/", one(succeed)),
                new RuleCase(new GraphFields(), "{'StartAt':'S','Foo':1,'States':{'S':{'Type':'Succeed'}}}", SCHEMA, "/",
                        one(succeed)),
                new RuleCase(new StateMachineFields(), "{'TimeoutSeconds':0,'StartAt':'S','States':{'S':{'Type':'Succeed'}}}",
                        SCHEMA, "/TimeoutSeconds", "{'TimeoutSeconds':10,'StartAt':'S','States':{'S':{'Type':'Succeed'}}}"),
                new RuleCase(new StateNameLength(), "{'StartAt':'" + "n".repeat(81) + "','States':{'" + "n".repeat(81)
                        + "':{'Type':'Succeed'}}}", Diagnostic.INVALID_STATE_NAME, "/States/" + "n".repeat(81),
                        "{'StartAt':'" + "n".repeat(80) + "','States':{'" + "n".repeat(80) + "':{'Type':'Succeed'}}}"),
                new RuleCase(new StateType(), one("{'Type':'Sleep'}"), SCHEMA, "/States/S/Type", one(succeed)),
                new RuleCase(new FieldsAllowed(), one("{'Type':'Succeed','Next':'S'}"), SCHEMA, "/States/S", one(succeed)),
                new RuleCase(new StateQueryLanguage(), jsonata("{'Type':'Succeed','QueryLanguage':'JSONPath'}"), SCHEMA,
                        "/States/S/QueryLanguage", one("{'Type':'Succeed','QueryLanguage':'JSONata'}")),
                new RuleCase(new StringFields(), one("{'Type':'Succeed','Comment':5}"), SCHEMA, "/States/S/Comment",
                        one("{'Type':'Succeed','Comment':'done'}")),
                new RuleCase(new NextOrEnd(), one("{'Type':'Pass'}"), SCHEMA, "/States/S", one("{'Type':'Pass','End':true}")),
                new RuleCase(new ReferencePaths(), one("{'Type':'Pass','InputPath':'a.b','End':true}"), SCHEMA,
                        "/States/S/InputPath", one("{'Type':'Pass','InputPath':'$.a.b','End':true}")),
                new RuleCase(new PayloadTemplates(), one("{'Type':'Pass','Parameters':{'a.$':5},'End':true}"), SCHEMA,
                        "/States/S/Parameters", one("{'Type':'Pass','Parameters':{'a.$':'$.x'},'End':true}")),
                new RuleCase(new JsonataFieldShapes(), jsonata("{'Type':'Pass','Assign':5,'End':true}"), SCHEMA,
                        "/States/S/Assign", jsonata("{'Type':'Pass','Assign':{'x':5},'End':true}")),
                new RuleCase(new JsonataExpressions(), jsonata("{'Type':'Pass','Output':'{% 1 + %}','End':true}"),
                        "INVALID_JSONATA_EXPRESSION",
                        "/States/S/Output", jsonata("{'Type':'Pass','Output':'{% 1 + 1 %}','End':true}")),
                new RuleCase(new VariableNames(), one("{'Type':'Pass','Assign':{'1x':1},'End':true}"), SCHEMA,
                        "/States/S/Assign", one("{'Type':'Pass','Assign':{'x1':1},'End':true}")),
                new RuleCase(new RetrierShape(), one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','Retry':[{'ErrorEquals':['States.ALL'],'BackoffRate':0.5}],'End':true}"), SCHEMA,
                        "/States/S/Retry/0/BackoffRate", one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','Retry':[{'ErrorEquals':['States.ALL'],'BackoffRate':1.5}],'End':true}")),
                new RuleCase(new CatcherShape(), one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','Catch':[{'ErrorEquals':['States.ALL']}],'End':true}"), SCHEMA, "/States/S/Catch/0",
                        two("{'Type':'Task','Resource':'" + ACTIVITY
                                + "','Catch':[{'ErrorEquals':['States.ALL'],'Next':'F'}],'End':true}", "{'Type':'Fail'}")),
                new RuleCase(new StatesAllLast(), one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}],'End':true}"), SCHEMA,
                        "/States/S/Retry/0/ErrorEquals", one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','Retry':[{'ErrorEquals':['X']},{'ErrorEquals':['States.ALL']}],'End':true}")),
                new RuleCase(new TaskResourceArn(), one("{'Type':'Task','Resource':'arn:aws:foo','End':true}"), SCHEMA,
                        "/States/S/Resource", one("{'Type':'Task','Resource':'" + ACTIVITY + "','End':true}")),
                new RuleCase(new TaskTimeouts(), one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','TimeoutSeconds':0,'End':true}"), SCHEMA, "/States/S/TimeoutSeconds",
                        one("{'Type':'Task','Resource':'" + ACTIVITY + "','TimeoutSeconds':10,'End':true}")),
                new RuleCase(new HeartbeatBelowTimeout(), one("{'Type':'Task','Resource':'" + ACTIVITY
                        + "','TimeoutSeconds':10,'HeartbeatSeconds':10,'End':true}"), SCHEMA, "/States/S/HeartbeatSeconds",
                        one("{'Type':'Task','Resource':'" + ACTIVITY + "','TimeoutSeconds':10,'HeartbeatSeconds':5,'End':true}")),
                new RuleCase(new CredentialsShape(), one("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                        + "'Credentials':{},'End':true}"), SCHEMA, "/States/S/Credentials",
                        one("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                                + "'Credentials':{'RoleArn':'arn:aws:iam::123456789012:role/r'},'End':true}")),
                new RuleCase(new ExpressIntegrations(), one("{'Type':'Task','Resource':'" + ACTIVITY + "','End':true}"),
                        SCHEMA, "/States/S/Resource", one("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}"),
                        StateMachineType.EXPRESS),
                new RuleCase(new ChoiceRuleShape(), two("{'Type':'Choice','Choices':[{'Variable':'$.x','Next':'F'}]}",
                        succeed), SCHEMA, "/States/S/Choices/0",
                        two("{'Type':'Choice','Choices':[{'Variable':'$.x','StringEquals':'a','Next':'F'}]}", succeed)),
                new RuleCase(new ComparisonOperands(), two("{'Type':'Choice','Choices':[{'Variable':'$.x',"
                        + "'NumericEquals':'one','Next':'F'}]}", succeed), SCHEMA, "/States/S/Choices/0/NumericEquals",
                        two("{'Type':'Choice','Choices':[{'Variable':'$.x','NumericEquals':1,'Next':'F'}]}", succeed)),
                new RuleCase(new WaitDuration(), one("{'Type':'Wait','End':true}"), SCHEMA, "/States/S",
                        one("{'Type':'Wait','Seconds':1,'End':true}")),
                new RuleCase(new WaitTimestampFormat(), one("{'Type':'Wait','Timestamp':'2016-12-05 21:29:29Z','End':true}"),
                        SCHEMA, "/States/S/Timestamp", one("{'Type':'Wait','Timestamp':'2016-12-05T21:29:29Z','End':true}")),
                new RuleCase(new FailFields(), one("{'Type':'Fail','Error':'E','ErrorPath':'$.e'}"), SCHEMA, "/States/S",
                        one("{'Type':'Fail','Error':'E'}")),
                new RuleCase(new ParallelBranches(), one("{'Type':'Parallel','Branches':[],'End':true}"), SCHEMA,
                        "/States/S/Branches", one("{'Type':'Parallel','Branches':[{'StartAt':'B','States':"
                        + "{'B':{'Type':'Succeed'}}}],'End':true}")),
                new RuleCase(new MapProcessor(), one("{'Type':'Map','End':true}"), SCHEMA, "/States/S",
                        one("{'Type':'Map','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}")),
                new RuleCase(new MapLimits(), map("'MaxConcurrency':-1,"), SCHEMA, "/States/S/MaxConcurrency",
                        map("'MaxConcurrency':2,")),
                new RuleCase(new MapLabel(), map("'Label':'a b',"), SCHEMA, "/States/S/Label", map("'Label':'ab',")),
                new RuleCase(new ItemReaderShape(), map("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                        + "'ReaderConfig':{'InputType':'XML'},'Parameters':{'Bucket':'b','Key':'k'}},"), SCHEMA,
                        "/States/S/ItemReader/ReaderConfig/InputType", map("'ItemReader':{'Resource':"
                        + "'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'FIRST_ROW'},"
                        + "'Parameters':{'Bucket':'b','Key':'k'}},")),
                new RuleCase(new ItemBatcherShape(), map("'ItemBatcher':{},"), SCHEMA, "/States/S/ItemBatcher",
                        map("'ItemBatcher':{'MaxItemsPerBatch':10},")),
                new RuleCase(new ResultWriterShape(), map("'ResultWriter':{},"), SCHEMA, "/States/S/ResultWriter",
                        map("'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'b','Prefix':'p'}},")),
                new RuleCase(new StartAtTarget(), "{'StartAt':'X','States':{'S':{'Type':'Succeed'}}}", TARGET, "/StartAt",
                        one(succeed)),
                new RuleCase(new TransitionTargets(), one("{'Type':'Pass','Next':'X'}"), TARGET, "/States/S/Next",
                        two("{'Type':'Pass','Next':'F'}", succeed)),
                new RuleCase(new ReachableStates(), two(succeed, succeed), TARGET, "/States/F",
                        two("{'Type':'Pass','Next':'F'}", succeed)),
                new RuleCase(new TerminalState(), two("{'Type':'Pass','Next':'F'}", "{'Type':'Pass','Next':'S'}"),
                        Diagnostic.MISSING_END_STATE, "/", two("{'Type':'Pass','Next':'F'}", "{'Type':'Pass','End':true}")),
                new RuleCase(new NoDollar(), one("{'Type':'Pass','Parameters':{'a':'$.x'},'End':true}"), Diagnostic.NO_DOLLAR,
                        "/States/S/Parameters", one("{'Type':'Pass','Parameters':{'a.$':'$.x'},'End':true}")),
                new RuleCase(new NoPath(), one("{'Type':'Fail','Error':'$.error'}"), Diagnostic.NO_PATH, "/States/S/Error",
                        one("{'Type':'Fail','ErrorPath':'$.error'}")),
                new RuleCase(new PassResultIsStatic(), one("{'Type':'Pass','Result':{'a.$':'$.x'},'End':true}"),
                        Diagnostic.PASS_RESULT_IS_STATIC, "/States/S/Result", one("{'Type':'Pass','Result':{'a':1},'End':true}")));
    }

    private static String json(String quoted) {
        return quoted.replace('\'', '"');
    }

    private static List<Diagnostic> runAlone(ValidationRule rule, String definition, StateMachineType type) {
        DefinitionReader.Result read = DefinitionReader.read(json(definition));
        assertThat(read.diagnostics()).as("the test definition reads cleanly").isEmpty();
        Diagnostics out = new Diagnostics();
        rule.check(DefinitionTree.of(read.root(), type), out);
        return out.list();
    }

    @Test
    void everyRuleHasACase() {
        Set<Class<?>> covered = cases().stream().map(c -> c.rule().getClass()).collect(Collectors.toSet());
        Set<Class<?>> rules = DefinitionValidator.RULES.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(rules);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleReportsTheBrokenDefinition(RuleCase c) {
        List<Diagnostic> found = runAlone(c.rule(), c.broken(), c.type());
        assertThat(found).as("diagnostics of %s", c).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo(c.code());
            assertThat(d.location()).isEqualTo(c.location());
        });
        DefinitionResult loaded = Definitions.load(json(c.broken()), c.type());
        assertThat(loaded.diagnostics()).contains(found.toArray(Diagnostic[]::new));
        boolean warning = found.stream().noneMatch(Diagnostic::isError);
        assertThat(loaded.ok()).as("loaded: %s", loaded.diagnostics()).isEqualTo(warning);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleAcceptsTheCorrectedDefinition(RuleCase c) {
        assertThat(runAlone(c.rule(), c.fixed(), c.type())).isEmpty();
        DefinitionResult loaded = Definitions.load(json(c.fixed()), c.type());
        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.ok()).isTrue();
    }
}
