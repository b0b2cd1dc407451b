package dev.ballast.operator.host;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** For test classes that run the operator, watches and all, against the fabric8 mock API server. */
public final class MockApiServer {
  private MockApiServer() {}

  /**
   * Shuts the mock server down before its JUnit extension does (call it from {@code @AfterAll}),
   * tolerating a slow close. Vert.x 5's {@code HttpServer.close()}, under the mock server since
   * fabric8 7, completes only once every WebSocket has finished its close handshake, which may take
   * Vert.x's 10 s closing timeout, and the mock server gives up after the same 10 s
   * (fabric8io/kubernetes-client#8131). A watch the operator dropped as the server closed it leaves
   * the two racing: twice in about 40 runs of BallastOperatorTest here. The tests are over by then,
   * so it is reported, not failed; the extension's own shutdown then does nothing.
   */
  public static void shutDown(KubernetesMockServer server) {
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      System.err.println("mock API server: " + e.getMessage() + " (a WebSocket close handshake outlasted its wait)");
    }
  }
}
