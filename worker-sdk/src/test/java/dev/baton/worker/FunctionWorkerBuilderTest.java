package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The builder refuses a function name the broker would refuse at every poll. */
class FunctionWorkerBuilderTest {

  @Test
  void acceptsLambdasNameFormsWithoutQualifier() {
    for (String name : new String[] {"charge-card", "a".repeat(64), "123456789012:function:charge_card",
        "arn:aws:lambda:us-east-1:123456789012:function:charge-card"}) {
      assertThatCode(() -> FunctionWorker.builder("localhost:7070").functionName(name)).as(name)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refusesQualifiersLongNamesAndOtherCharacters() {
    for (String name : new String[] {"", " ", "a".repeat(65), "charge-card:prod", "charge card",
        "arn:aws:lambda:us-east-1:123456789012:function:charge-card:1"}) {
      assertThatThrownBy(() -> FunctionWorker.builder("localhost:7070").functionName(name)).as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
