package ai.litellm.operator.sandbox.realcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free TCP ports on 127.0.0.1 so several control planes (parallel tests, benches) never collide on fixed ports.
 * All sockets of one request are held open until every port is chosen, so the ports of one cluster are distinct.
 * Another process can still grab a port between here and the component's bind; that window is small and a
 * component that fails to bind surfaces as a start failure with its log.
 */
final class LoopbackPorts {

  private LoopbackPorts() {}

  static int[] allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot allocate loopback ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a listening socket that never accepted cannot lose data
        }
      }
    }
  }
}
