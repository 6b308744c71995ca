package ai.litellm.operator.litellm;

/** The management calls the client makes; a bounded set, usable as a metric label. */
public enum LiteLLMOperation {
    CREATE("POST /model/new", Success.STATUS),
    PATCH("PATCH /model/{id}/update", Success.STATUS),
    UPDATE_PARAMS("POST /model/update", Success.STATUS),
    DELETE("POST /model/delete", Success.STATUS),
    LIST("GET /model/info", Success.STATUS),
    GET("GET /model/info?litellm_model_id", Success.STATUS),
    CREDENTIAL_CREATE("POST /credentials", Success.STATUS_AND_SUCCESS_TRUE),
    CREDENTIAL_UPDATE("PATCH /credentials/{name}", Success.STATUS_AND_SUCCESS_TRUE),
    CREDENTIAL_DELETE("DELETE /credentials/{name}", Success.STATUS_AND_SUCCESS_TRUE),
    CREDENTIAL_GET("GET /credentials/by_name/{name}", Success.STATUS_AND_NO_ERROR_BODY);

    /**
     * What a 2xx answer must also carry to count as success. The credential endpoints <em>return</em> some errors
     * instead of raising them ({@code return handle_exception_on_proxy(e)}), which LiteLLM sends as HTTP 200 with the
     * exception's fields as a flat body; their writes confirm with {@code {"success": true}}.
     */
    enum Success {
        /** Any 2xx: the model endpoints raise every error. */
        STATUS,
        /** A 2xx whose body is {@code {"success": true, …}}; anything else is an error or malformed. */
        STATUS_AND_SUCCESS_TRUE,
        /** A 2xx whose body is no error: neither {@code success} other than true nor a flat message and code. */
        STATUS_AND_NO_ERROR_BODY
    }

    private final String route;
    private final Success success;

    LiteLLMOperation(String route, Success success) {
        this.route = route;
        this.success = success;
    }

    /** Route template for messages: never contains an id, a name or a key. */
    public String route() {
        return route;
    }

    Success success() {
        return success;
    }
}
