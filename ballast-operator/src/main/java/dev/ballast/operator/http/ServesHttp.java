package dev.ballast.operator.http;

/** A server built on an {@link HttpEndpoint}: started, asked its port and closed through it. */
public interface ServesHttp extends AutoCloseable {
  HttpEndpoint endpoint();

  default void start() {
    endpoint().start();
  }

  default int port() {
    return endpoint().port();
  }

  @Override
  default void close() {
    endpoint().close();
  }
}
