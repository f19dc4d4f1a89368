package dev.baton.broker.definition.parse;

import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.model.ChoiceRule;
import dev.baton.broker.definition.model.ChoiceState;
import dev.baton.broker.definition.model.ComparisonOperator;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.FailState;
import dev.baton.broker.definition.model.MapState;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.PassState;
import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.model.Retrier;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;
import dev.baton.broker.definition.model.Transition;
import dev.baton.broker.definition.model.WaitState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** What the parser makes of each construct: the model the interpreter runs. */
class DefinitionParserTest {

    private static StateMachine load(String definition) {
        DefinitionResult result = Definitions.load(definition.replace('\'', '"'));
        assertThat(result.errors()).isEmpty();
        return result.stateMachine();
    }

    @Test
    void choiceRulesNestAndCompareWithLiteralsOrPaths() {
        StateMachine m = load("""
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[
                     {'And':[{'Variable':'$.a','NumericGreaterThan':1},{'Not':{'Variable':'$.b','IsPresent':true}}],
                      'Assign':{'seen.$':'$.a'},'Comment':'first','Next':'X'},
                     {'Or':[{'Variable':'$$.Execution.Name','StringMatches':'run-*'},
                            {'Variable':'$when','TimestampLessThanEqualsPath':'$.deadline'}],'Next':'X'}],
                   'Default':'Y'},
                  'X':{'Type':'Succeed'},'Y':{'Type':'Fail'}}}""");
        ChoiceState c = (ChoiceState) m.state("C");
        assertThat(c.defaultState()).isEqualTo("Y");
        ChoiceState.Branch first = c.choices().get(0);
        assertThat(first.next()).isEqualTo("X");
        assertThat(first.comment()).isEqualTo("first");
        assertThat(first.assign()).isInstanceOf(PayloadTemplate.class);
        ChoiceRule.And and = (ChoiceRule.And) first.rule();
        ChoiceRule.Comparison gt = (ChoiceRule.Comparison) and.rules().get(0);
        assertThat(gt.variable().text()).isEqualTo("$.a");
        assertThat(gt.operator()).isEqualTo(ComparisonOperator.NUMERIC_GREATER_THAN);
        assertThat(gt.value().intValue()).isEqualTo(1);
        assertThat(gt.valuePath()).isNull();
        ChoiceRule.Not not = (ChoiceRule.Not) and.rules().get(1);
        assertThat(((ChoiceRule.Comparison) not.rule()).operator()).isEqualTo(ComparisonOperator.IS_PRESENT);
        ChoiceRule.Or or = (ChoiceRule.Or) c.choices().get(1).rule();
        ChoiceRule.Comparison byPath = (ChoiceRule.Comparison) or.rules().get(1);
        assertThat(byPath.variable().root()).isEqualTo(Path.Root.VARIABLE);
        assertThat(byPath.operator().comparesWithPath()).isTrue();
        assertThat(byPath.valuePath().text()).isEqualTo("$.deadline");
        assertThat(byPath.value()).isNull();
    }

    @Test
    void jsonataStatesUseArgumentsOutputAndExpressions() {
        StateMachine m = load("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{'Payload':'{% $states.input %}'},
                       'TimeoutSeconds':'{% $states.input.timeout %}','HeartbeatSeconds':5,'Output':'{% $states.result %}',
                       'Assign':{'n':'{% 1 %}'},'Catch':[{'ErrorEquals':['States.ALL'],'Output':{'e':'{% $states.errorOutput %}'},'Next':'C'}],
                       'Next':'C'},
                  'C':{'Type':'Choice','Choices':[{'Condition':'{% $n = 1 %}','Output':{'ok':true},'Next':'W'}],'Default':'W'},
                  'W':{'Type':'Wait','Timestamp':'{% $states.input.at %}','End':true}}}""");
        assertThat(m.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        TaskState t = (TaskState) m.state("T");
        assertThat(t.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(t.io().arguments().source().get("Payload").textValue()).isEqualTo("{% $states.input %}");
        assertThat(t.io().output()).isNotNull();
        assertThat(t.io().assign()).isInstanceOf(JsonataTemplate.class);
        assertThat(t.io().parameters()).isNull();
        assertThat(t.io().inputPath()).isSameAs(Path.ROOT);
        assertThat(t.io().resultPath()).isSameAs(ResultPath.ROOT);
        assertThat(t.timeoutSeconds()).isInstanceOf(DynamicValue.FromJsonata.class);
        assertThat(t.heartbeatSeconds()).isInstanceOf(DynamicValue.Literal.class);
        assertThat(t.catchers().get(0).output()).isNotNull();
        assertThat(t.catchers().get(0).resultPath()).isSameAs(ResultPath.ROOT);
        ChoiceState c = (ChoiceState) m.state("C");
        assertThat(c.choices().get(0).rule()).isInstanceOf(ChoiceRule.Condition.class);
        assertThat(c.choices().get(0).output()).isNotNull();
        WaitState w = (WaitState) m.state("W");
        assertThat(w.duration()).isInstanceOf(WaitState.Timestamp.class);
        assertThat(((WaitState.Timestamp) w.duration()).value()).isInstanceOf(DynamicValue.FromJsonata.class);
    }

    @Test
    void aStateMayOptIntoJsonataInAJsonPathMachine() {
        StateMachine m = load("""
                {'StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% 1 %}','Next':'B'},
                                         'B':{'Type':'Pass','Result':1,'End':true}}}""");
        assertThat(m.state("A").queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(m.state("B").queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    }

    @Test
    void retriersGetAwsDefaults() {
        StateMachine m = load("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:us-east-1:123456789012:activity:a',
                  'Retry':[{'ErrorEquals':['E']},{'ErrorEquals':['States.ALL'],'IntervalSeconds':3,'MaxAttempts':0,
                            'BackoffRate':1.5,'MaxDelaySeconds':10,'JitterStrategy':'FULL'}],'End':true}}}""");
        TaskState t = (TaskState) m.state("T");
        Retrier defaults = t.retry().get(0);
        assertThat(defaults.intervalSeconds()).isEqualTo(1);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.backoffRate()).isEqualByComparingTo("2.0");
        assertThat(defaults.maxDelaySeconds()).isNull();
        assertThat(defaults.jitterStrategy()).isEqualTo(Retrier.JitterStrategy.NONE);
        Retrier set = t.retry().get(1);
        assertThat(set.intervalSeconds()).isEqualTo(3);
        assertThat(set.maxAttempts()).isZero();
        assertThat(set.backoffRate()).isEqualTo(new BigDecimal("1.5"));
        assertThat(set.maxDelaySeconds()).isEqualTo(10);
        assertThat(set.jitterStrategy()).isEqualTo(Retrier.JitterStrategy.FULL);
    }

    @Test
    void taskResourcesAreClassified() {
        assertThat(TaskResource.classify("arn:aws:lambda:us-east-1:123456789012:function:f:prod"))
                .isEqualTo(new TaskResource.LambdaFunction("arn:aws:lambda:us-east-1:123456789012:function:f:prod", "f"));
        assertThat(TaskResource.classify("arn:aws:states:::states:startExecution.sync:2")).isEqualTo(
                new TaskResource.ServiceIntegration("arn:aws:states:::states:startExecution.sync:2", "states",
                        "startExecution", TaskResource.IntegrationPattern.RUN_JOB_V2, false));
        assertThat(TaskResource.classify("arn:aws:states:::sqs:sendMessage.waitForTaskToken"))
                .extracting(r -> ((TaskResource.ServiceIntegration) r).pattern())
                .isEqualTo(TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN);
        assertThat(TaskResource.classify("arn:aws:states:::aws-sdk:s3:listObjectsV2")).isEqualTo(
                new TaskResource.ServiceIntegration("arn:aws:states:::aws-sdk:s3:listObjectsV2", "s3", "listObjectsV2",
                        TaskResource.IntegrationPattern.REQUEST_RESPONSE, true));
        assertThat(TaskResource.classify("arn:aws:states:::http:invoke"))
                .extracting(r -> ((TaskResource.ServiceIntegration) r).service()).isEqualTo("http");
        assertThat(TaskResource.classify("arn:aws-us-gov:states:us-gov-west-1:123456789012:activity:a"))
                .isInstanceOf(TaskResource.Activity.class);
        assertThat(TaskResource.classify("arn:aws:states:us-east-1:123:activity:a")).isNull();
        assertThat(TaskResource.classify("not an arn")).isNull();
    }

    @Test
    void legacyMapParametersAreTheItemSelector() {
        StateMachine m = load("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','Parameters':{'v.$':'$$.Map.Item.Value'},
                  'Iterator':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'MaxConcurrency':2,'ResultPath':'$.out',
                  'End':true}}}""");
        MapState map = (MapState) m.state("M");
        assertThat(map.itemsPath().text()).isEqualTo("$.items");
        assertThat(map.itemSelector().source().has("v.$")).isTrue();
        assertThat(map.io().parameters()).isNull();
        assertThat(map.io().resultPath().text()).isEqualTo("$.out");
        assertThat(map.processor().legacyIterator()).isTrue();
        assertThat(map.processor().mode()).isEqualTo(MapState.ProcessorMode.INLINE);
        assertThat(map.processor().graph().startAt()).isEqualTo("I");
        assertThat(map.maxConcurrency()).isInstanceOf(DynamicValue.Literal.class);
    }

    @Test
    void distributedMapsKeepReaderBatcherWriterAndLimits() {
        StateMachine m = load("""
                {'StartAt':'M','States':{'M':{'Type':'Map',
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},
                                   'StartAt':'I','States':{'I':{'Type':'Succeed'}}},
                  'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'CSV',
                     'CSVHeaderLocation':'GIVEN','CSVHeaders':['a','b'],'MaxItemsPath':'$.max'},'Parameters':{'Bucket':'b','Key.$':'$.key'}},
                  'ItemBatcher':{'MaxItemsPerBatchPath':'$.batch','MaxInputBytesPerBatch':1024,'BatchInput':{'x':1}},
                  'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'r','Prefix':'p'},
                                  'WriterConfig':{'OutputType':'JSONL','Transformation':'FLATTEN'}},
                  'ToleratedFailurePercentagePath':'$.pct','ToleratedFailureCount':3,'Label':'nightly','End':true}}}""");
        MapState map = (MapState) m.state("M");
        assertThat(map.processor().mode()).isEqualTo(MapState.ProcessorMode.DISTRIBUTED);
        assertThat(map.processor().executionType()).isEqualTo("EXPRESS");
        assertThat(map.processor().legacyIterator()).isFalse();
        MapState.ReaderConfig config = map.itemReader().readerConfig();
        assertThat(config.inputType()).isEqualTo("CSV");
        assertThat(config.csvHeaders()).containsExactly("a", "b");
        assertThat(config.maxItems()).isInstanceOf(DynamicValue.FromPath.class);
        assertThat(map.itemReader().arguments()).isInstanceOf(PayloadTemplate.class);
        assertThat(map.itemBatcher().maxItemsPerBatch()).isInstanceOf(DynamicValue.FromPath.class);
        assertThat(map.itemBatcher().maxInputBytesPerBatch()).isInstanceOf(DynamicValue.Literal.class);
        assertThat(map.resultWriter().writerConfig()).isEqualTo(new MapState.WriterConfig("JSONL", "FLATTEN"));
        assertThat(map.toleratedFailurePercentage()).isInstanceOf(DynamicValue.FromPath.class);
        assertThat(map.toleratedFailureCount()).isInstanceOf(DynamicValue.Literal.class);
        assertThat(map.label()).isEqualTo("nightly");
    }

    @Test
    void parallelBranchesAreGraphs() {
        StateMachine m = load("""
                {'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[
                    {'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},
                    {'Comment':'b','StartAt':'B','States':{'B':{'Type':'Wait','SecondsPath':'$.s','Next':'C'},'C':{'Type':'Succeed'}}}],
                  'ResultSelector':{'first.$':'$[0]'},'Next':'Z'},'Z':{'Type':'Pass','End':true}}}""");
        ParallelState p = (ParallelState) m.state("P");
        assertThat(p.branches()).hasSize(2);
        assertThat(p.branches().get(1).comment()).isEqualTo("b");
        assertThat(p.branches().get(1).states()).containsOnlyKeys("B", "C");
        assertThat(((WaitState) p.branches().get(1).state("B")).duration()).isInstanceOf(WaitState.Seconds.class);
        assertThat(p.io().resultSelector()).isNotNull();
        assertThat(p.transition()).isEqualTo(new Transition.Next("Z"));
    }

    @Test
    void failErrorPathMayBeAnIntrinsicCall() {
        DefinitionResult result = Definitions.load("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"States.Format('E{}', $.code)","CausePath":"$.why"}}}""");
        assertThat(result.errors()).isEmpty();
        FailState f = (FailState) result.stateMachine().state("F");
        assertThat(f.error()).isInstanceOf(DynamicValue.FromIntrinsic.class);
        assertThat(f.cause()).isInstanceOf(DynamicValue.FromPath.class);
    }

    @Test
    void passResultAndNullPaths() {
        StateMachine m = load("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Result':[1,2],'InputPath':null,'ResultPath':null,'End':true}}}""");
        PassState p = (PassState) m.state("P");
        assertThat(p.result().size()).isEqualTo(2);
        assertThat(p.io().inputPath()).isNull();
        assertThat(p.io().resultPath()).isNull();
        assertThat(p.io().outputPath()).isSameAs(Path.ROOT);
        assertThat(p.transition()).isSameAs(Transition.END);
    }
}
