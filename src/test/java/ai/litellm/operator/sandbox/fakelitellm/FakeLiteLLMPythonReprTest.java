package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fake's repr matches CPython 3's output (expected values are what {@code repr()} prints). */
class FakeLiteLLMPythonReprTest {

    @Test
    void stringsPickTheirQuoteAndEscapeLikeCPython() {
        assertEquals("'abc'", PythonRepr.string("abc"));
        assertEquals("\"it's\"", PythonRepr.string("it's"));
        assertEquals("'say \"hi\"'", PythonRepr.string("say \"hi\""));
        assertEquals("'it\\'s \"x\"'", PythonRepr.string("it's \"x\""));
        assertEquals("'a\\\\b\\nc\\td\\re'", PythonRepr.string("a\\b\nc\td\re"));
        assertEquals("'\\x00\\x01\\x1b\\x7f'", PythonRepr.string("\u0000\u0001\u001b\u007f"));
        assertEquals("'\\xa0\\xad'", PythonRepr.string("\u00a0\u00ad"));
        assertEquals("'é中😀'", PythonRepr.string("é中😀"));
        assertEquals("'\\u2028\\ufeff\\ue000\\udc00'", PythonRepr.string("\u2028\ufeff\ue000\udc00"));
        assertEquals("'\\U000e0001'", PythonRepr.string(new String(Character.toChars(0xe0001))));
    }

    @Test
    void valuesFollowJsonLoadsTypes() {
        JsonObject v = new JsonObject().put("a", 1).put("b", new JsonArray().add(true).add(false).addNull().add(0.5))
            .put("c", new JsonObject().put("k", "v"));
        assertEquals("{'a': 1, 'b': [True, False, None, 0.5], 'c': {'k': 'v'}}", PythonRepr.value(v));
    }

    @Test
    void floatsLikeCPython() {
        assertEquals("1e-06", PythonRepr.pythonFloat(0.000001));
        assertEquals("1.5e-05", PythonRepr.pythonFloat(0.000015));
        assertEquals("0.0001", PythonRepr.pythonFloat(0.0001));
        assertEquals("123.0", PythonRepr.pythonFloat(123.0));
        assertEquals("1e+16", PythonRepr.pythonFloat(1e16));
        assertEquals("-2.5", PythonRepr.pythonFloat(-2.5));
        assertEquals("0.0", PythonRepr.pythonFloat(0.0));
    }
}
