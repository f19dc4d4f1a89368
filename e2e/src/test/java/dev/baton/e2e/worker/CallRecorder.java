package dev.baton.e2e.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records how each call on a channel ended, to wait on what a worker did rather than on time. */
final class CallRecorder implements ClientInterceptor {

  /** One finished call: the rpc's short name and its status code. */
  record Outcome(String method, Status.Code code) {}

  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

  Channel intercept(Channel channel) {
    return ClientInterceptors.intercept(channel, this);
  }

  long count(String method, Status.Code code) {
    return outcomes.stream().filter(o -> o.method().equals(method) && o.code() == code).count();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    String name = method.getBareMethodName();
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            outcomes.add(new Outcome(name, status.getCode()));
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
