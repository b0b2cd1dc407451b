package dev.ballast.operator.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP proxy in front of the mock API server whose open connections a test can cut, as a network blip drops watches. */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  CuttableProxy(String host, int targetPort) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().daemon().start(() -> {
      while (!listener.isClosed()) {
        try {
          Socket in = listener.accept();
          open.add(in);
          Socket out = new Socket(host, targetPort);
          open.add(out);
          if (closed) { // closed while this connection was being made: cut() may have missed it
            close(in);
            close(out);
            continue;
          }
          pipe(in, out);
          pipe(out, in);
        } catch (IOException e) {
          // listener closed, or the target refused: the client sees a dropped connection
        }
      }
    });
  }

  private static void pipe(Socket from, Socket to) {
    Thread.ofPlatform().daemon().start(() -> {
      try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
        i.transferTo(o);
      } catch (IOException e) {
        // cut
      } finally {
        close(from);
        close(to);
      }
    });
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Drops every open connection, watches included; new connections still go through. */
  int cut() {
    int n = open.size();
    open.forEach(CuttableProxy::close);
    open.clear();
    return n;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    cut();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cut();
  }
}
