package ai.litellm.operator.litellm;

/** The management calls the client makes; a bounded set, usable as a metric label. */
public enum LiteLLMOperation {
    CREATE("POST /model/new"),
    PATCH("PATCH /model/{id}/update"),
    DELETE("POST /model/delete"),
    LIST("GET /model/info"),
    GET("GET /model/info?litellm_model_id");

    private final String route;

    LiteLLMOperation(String route) {
        this.route = route;
    }

    /** Route template for messages: never contains an id or a key. */
    public String route() {
        return route;
    }
}
