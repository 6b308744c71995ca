package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.AppliedEndpoint;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.render.KeyedHash;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Model moved to another proxy (another instance, another connection Secret, or its Secret's URL changed) deletes
 * its row on the proxy it was applied to before it creates one on the new (issue #14.4: only an in-memory record of old
 * proxies used to sweep the old copy, so a restart or shard hand-off in the window left it for ever). Where it was
 * applied is in {@code status.appliedEndpoint} (the URL without credentials and the object whose Secret holds the
 * master key), so any replica, any time later, can reach it again.
 */
final class PreviousProxy {
  private final ConnectionResolver connections;
  private final RowOwnership ownership;
  private final KeyedHash hash;

  PreviousProxy(ConnectionResolver connections, RowOwnership ownership, KeyedHash hash) {
    this.connections = connections;
    this.ownership = ownership;
    this.hash = hash;
  }

  /** What status records for a connection: its URL without user info, query or fragment (null if unparsable). */
  AppliedEndpoint of(Model m, Connection conn) {
    String url = publicUrl(conn.identity());
    return url == null ? null
        : new AppliedEndpoint(url, conn.description(), seal(m.getMetadata().getUid(), url, conn.description()));
  }

  private String seal(String uid, String url, String via) {
    return hash.of("applied-endpoint\n" + uid + "\n" + url + "\n" + via);
  }

  static String publicUrl(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Whether the Model was applied to a proxy other than {@code now}'s. */
  static boolean moved(Model m, Connection now) {
    ModelStatus st = m.getStatus();
    AppliedEndpoint was = st == null ? null : st.appliedEndpoint;
    return was != null && was.url != null && st.modelId != null && !was.url.equals(publicUrl(now.identity()));
  }

  /**
   * Deletes the Model's own row on the proxy it was applied to. Succeeds with null when the row is gone (or was never
   * there, or is not this Model's: then it is left alone), with a message when the old proxy can never be reached again
   * (its instance or Secret is gone, its key refused, or its Secret now names another URL and the old one does not
   * answer): the caller records it and proceeds. Fails (retried) while the old proxy is only unavailable for now.
   */
  Future<String> removeCopy(LiteLLMPort calls, Model m) {
    AppliedEndpoint was = m.getStatus().appliedEndpoint;
    String id = m.getStatus().modelId;
    String where = "the previous proxy (" + was.via + ")";
    if (was.seal == null || !was.seal.equals(seal(m.getMetadata().getUid(), was.url, was.via))) {
      return Future.succeededFuture("status.appliedEndpoint was not written by this operator for this Model; "
          + "no master key is sent to " + was.url);
    }
    return connections.reach(m, was).compose(reached -> {
      if (reached.endpoint() == null) {
        return Future.succeededFuture(where + " cannot be reached any more (" + reached.why() + ")");
      }
      return calls.get(reached.endpoint(), id).compose(found -> {
        if (found.isEmpty() || !ownership.owns(found.get(), m.getMetadata().getUid())) {
          return Future.<String>succeededFuture(null);
        }
        return calls.delete(reached.endpoint(), id).map((String) null);
      }).recover(err -> {
        if (LiteLLMException.isKind(err, LiteLLMException.Kind.UNAUTHORIZED)) {
          return Future.succeededFuture(where + " refused the master key: " + err.getMessage());
        }
        if (reached.urlMoved() && LiteLLMException.isKind(err, LiteLLMException.Kind.UNAVAILABLE)) {
          return Future.succeededFuture(where + " no longer answers at " + was.url + ": " + err.getMessage());
        }
        return Future.failedFuture(err);
      });
    });
  }
}
