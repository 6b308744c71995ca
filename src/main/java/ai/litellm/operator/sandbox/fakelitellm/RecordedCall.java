package ai.litellm.operator.sandbox.fakelitellm;

import java.time.Instant;

/**
 * One request the fake answered. {@code bodySummary} is the request JSON with every secret-looking value replaced,
 * so recorded calls are safe to print in test failures. {@code status} is -1 when the connection was reset.
 * {@code received} is when the request arrived, {@code time} when its response ended or its connection was dropped.
 */
public record RecordedCall(String method, String path, String query, int status, Instant time, String bodySummary,
                           Instant received) {
}
