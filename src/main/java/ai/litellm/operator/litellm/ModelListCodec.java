package ai.litellm.operator.litellm;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.JsonEvent;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code {"data": [model, ...]}} as it arrives: a streaming {@link JsonParser} that switches to object-value
 * mode inside {@code data}, so each model is built from its own bytes when they come in and no step handles more than
 * one network chunk or one model. A 30–50 MB list of 100k models never holds the event loop for long, and no worker
 * thread is needed. The first {@link ErrorEnvelope#MAX_BODY} bytes are kept for the error message of a non-2xx
 * answer, which has no {@code data}.
 */
final class ModelListCodec implements BodyCodec<ModelListCodec.Result> {

    /** The models, or why the body is not a model list; {@code head} is the start of the body, for errors. */
    record Result(List<LiteLLMModel> models, String malformed, Buffer head) {
    }

    @Override
    public BodyStream<Result> stream() {
        return new Stream();
    }

    static final class Stream implements BodyStream<Result> {
        private final Promise<Result> result = Promise.promise();
        private final JsonParser parser = JsonParser.newParser();
        private final List<LiteLLMModel> models = new ArrayList<>();
        private final Buffer head = Buffer.buffer();
        private String malformed;
        private int depth;
        private boolean inData;
        private boolean sawData;

        Stream() {
            parser.handler(this::onEvent);
            parser.exceptionHandler(e -> malformed = "not JSON");
        }

        /** Models decoded so far (the stream decodes before the body has ended). */
        int decoded() {
            return models.size();
        }

        private void onEvent(JsonEvent event) {
            if (malformed != null) {
                return;
            }
            switch (event.type()) {
                case START_OBJECT, START_ARRAY -> {
                    if (inData) {
                        malformed = "data entry is not an object";
                    } else if (depth == 0 && event.type() == JsonEventType.START_ARRAY) {
                        malformed = "expected {\"data\": [...]}";
                    } else if (depth == 1 && "data".equals(event.fieldName())
                        && event.type() == JsonEventType.START_ARRAY) {
                        inData = true;
                        parser.objectValueMode();
                    }
                    depth++;
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    if (inData && depth == 1) {
                        inData = false;
                        sawData = true;
                        parser.objectEventMode();
                    }
                }
                case VALUE -> {
                    if (inData) {
                        model(event);
                    } else if (depth == 0) {
                        malformed = "expected {\"data\": [...]}";
                    }
                }
                default -> { }
            }
        }

        private void model(JsonEvent event) {
            if (!event.isObject()) {
                malformed = "data entry is not an object";
                return;
            }
            try {
                models.add(LiteLLMModel.fromJson(event.objectValue()));
            } catch (IllegalArgumentException e) {
                malformed = e.getMessage();
            }
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (head.length() < ErrorEnvelope.MAX_BODY) {
                head.appendBuffer(data, 0, Math.min(data.length(), ErrorEnvelope.MAX_BODY - head.length()));
            }
            if (malformed == null) {
                try {
                    parser.handle(data);
                } catch (RuntimeException e) {
                    malformed = "not JSON";
                }
            }
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            if (malformed == null) {
                try {
                    parser.end();
                } catch (RuntimeException e) {
                    malformed = "not JSON";
                }
            }
            if (malformed == null && !sawData) {
                malformed = "expected {\"data\": [...]}";
            }
            result.tryComplete(new Result(malformed == null ? models : List.of(), malformed, head));
            return Future.succeededFuture();
        }

        /** The response failed (reset, timeout): the call fails as a transport error. */
        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Result> result() {
            return result.future();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
