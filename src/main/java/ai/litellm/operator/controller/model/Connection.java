package ai.litellm.operator.controller.model;

import ai.litellm.operator.litellm.LiteLLMEndpoint;

/**
 * A resolved connection: the endpoint to call and where it came from (for messages; never the key).
 *
 * @param identity what the payload hash covers: the proxy's URL, so moving a Model to another proxy re-creates it there
 */
public record Connection(LiteLLMEndpoint endpoint, String identity, String description) {}
