package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests generated from the service's own OpenAPI document: for every operation, malformed bodies (missing,
 * extra, null, wrong-typed and out-of-range fields, over-long strings, control characters), malformed JSON, wrong
 * content types, bad path and query parameters, plus seeded random combinations. None may be a 5xx or leak internals;
 * every 4xx is problem+json with a detail, and names the field where the fault is in one field.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class HostileRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern LEAK = Pattern.compile(
            "java\\.|io\\.vaultrisk\\.|com\\.fasterxml|Exception|\\bat [a-z]+\\.[a-zA-Z.$]+\\(|\\.java:\\d"
                    + "|/(home|root|work|tmp|usr|var|opt)/|target/|[A-Z]:\\\\");
    private static final String UNKNOWN = "zzUnknownField";

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();
    private final Random random = new Random(17);
    private String admin;
    private String executor;
    private String vault;
    private String risk;
    private int riskUses;
    private int sent;
    private final java.util.TreeMap<Integer, Integer> statuses = new java.util.TreeMap<>();
    private final StringBuilder log = new StringBuilder();

    /** What a case breaks: whether one field is at fault, and which. */
    private record Fault(String kind, String field, boolean exactField) {
        static Fault body(String kind) {
            return new Fault(kind, null, false);
        }

        /** The fault is in this field: a 400/422 names it (exactly, or an element of it). */
        static Fault in(String kind, String field) {
            return new Fault(kind, field, true);
        }

        /** A field is at fault, but which one the service names may depend on the rest of the body. */
        static Fault some(String kind, String field) {
            return new Fault(kind, field, false);
        }
    }

    @Test
    void everyOperation_hostileRequests_no5xxProblemJsonNamingTheFieldNoLeaks() throws Exception {
        admin = Api.adminKey();
        executor = Api.newKey("executor");
        vault = Api.registerVault(admin, List.of("a", "b"));
        JsonNode doc = JSON.readTree(send("GET", "/q/openapi?format=json", null, null, admin, Map.of())
                .body());
        JsonNode paths = doc.path("paths");
        assertThat(paths.size()).as("operations in /q/openapi").isGreaterThan(10);
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                operations++;
                fuzz(doc, method, p.getKey(), op.getValue());
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/hostile-requests.txt"), log.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println("hostile requests: " + sent + " over " + operations + " operations, statuses " + statuses);
        assertThat(operations).isGreaterThan(15);
        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(1000);
        assertThat(failures).as("hostile requests the service answered wrongly").isEmpty();
    }

    private void fuzz(JsonNode doc, String method, String template, JsonNode op) throws Exception {
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(params::add);
        // path parameters: each replaced by hostile values, the others valid
        for (JsonNode param : params) {
            if (!"path".equals(param.path("in").asText())) {
                continue;
            }
            String name = param.path("name").asText();
            for (String bad : List.of(
                    "",
                    "%00",
                    "..%2F..%2Fetc%2Fpasswd",
                    "x".repeat(3000),
                    "0x" + "g".repeat(40),
                    "0x" + "0".repeat(39),
                    "-1",
                    "1.5",
                    "1e309",
                    "NaN",
                    "%E2%80%AE",
                    "null",
                    "%20",
                    "%27%20OR%201%3D1",
                    "%C0%AF",
                    "99999999999999999999999")) {
                String path = fill(template, name, bad);
                check(
                        method,
                        path,
                        validBody(doc, method, template, op),
                        "application/json",
                        Map.of(),
                        Fault.some("path " + name + "=" + abbreviate(bad), name));
            }
        }
        String path = fill(template, null, null);
        // query parameters: hostile values name the parameter
        for (JsonNode param : params) {
            if (!"query".equals(param.path("in").asText())) {
                continue;
            }
            String name = param.path("name").asText();
            for (String bad : List.of(
                    "abc",
                    "-1",
                    "0",
                    "1.5",
                    "1e30",
                    "99999999999999999999",
                    "",
                    "NaN",
                    "%00",
                    "x".repeat(3000),
                    "%E2%80%AE",
                    "1%0A2")) {
                check(
                        method,
                        path + "?" + name + "=" + bad,
                        null,
                        null,
                        Map.of(),
                        Fault.in("query " + name + "=" + abbreviate(bad), name));
            }
            check(
                    method,
                    path + "?" + name + "=1&" + name + "=2",
                    null,
                    null,
                    Map.of(),
                    Fault.some("query " + name + " twice", name));
        }
        // headers the operation declares
        for (JsonNode param : params) {
            if (!"header".equals(param.path("in").asText())) {
                continue;
            }
            String name = param.path("name").asText();
            for (String bad : List.of("", "x".repeat(300), "é", "a b", "\"")) {
                // checked after the body: it alone is at fault only where the generated body is valid
                boolean strict = name.equals("Idempotency-Key") && !bad.isEmpty() && knownValid(method, template);
                Fault fault = strict ? Fault.in("header " + name, name) : Fault.body("header " + name);
                check(method, path, validBody(doc, method, template, op), "application/json", Map.of(name, bad), fault);
            }
        }
        if (!op.has("requestBody")) {
            // a body where none is expected must not hurt either
            check(method, path, "{\"a\":", "application/json", Map.of(), Fault.body("unexpected body"));
            return;
        }
        JsonNode schema = resolve(
                doc,
                op.path("requestBody").path("content").path("application/json").path("schema"));
        boolean knownValid = knownValid(method, template);
        // malformed JSON and wrong content types
        String valid = validBody(doc, method, template, op);
        for (String bad : List.of(
                "",
                "{",
                "{\"a\":}",
                "{\"vault\":\"x\",}",
                "null",
                "[]",
                "123",
                "\"str\"",
                "true",
                "\uFEFF" + valid,
                "{'single':'quotes'}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":0x10}",
                "{\"a\":01}",
                "{\"a\":\"\\uD800\"}",
                "{\"a\":\"\\u0000\"}",
                "{\"a\":1}{\"b\":2}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                valid.substring(0, valid.length() / 2),
                "{\"" + "k".repeat(100_000) + "\":1}",
                "{\"a\":1" + ",\"a\":1".repeat(2) + "}",
                "\u0000\u0001\u0002")) {
            check(method, path, bad, "application/json", Map.of(), Fault.body("malformed JSON " + abbreviate(bad)));
        }
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/octet-stream",
                "application/json; charset=utf-16",
                "application/jsonx",
                "*/*",
                "garbage")) {
            check(method, path, valid, type, Map.of(), Fault.body("content type " + type));
        }
        check(method, path, valid, null, Map.of(), Fault.body("no content type"));
        // field by field
        JsonNode properties = schema.path("properties");
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        for (String field : names) {
            JsonNode fieldSchema = resolve(doc, properties.get(field));
            String type = type(fieldSchema);
            ObjectNode missing = validObject(doc, method, template, schema);
            missing.remove(field);
            check(
                    method,
                    path,
                    missing.toString(),
                    "application/json",
                    Map.of(),
                    Fault.some("missing " + field, field));
            // an allocation takes exactly one of its alternatives: the hostile one replaces weightsBps
            boolean alternative = template.equals("/api/v1/allocations")
                    && List.of("weights", "scenarios", "book").contains(field);
            // weights are the one alternative that needs nothing else (scenarios and book need an objective)
            boolean alone = knownValid && (!alternative || field.equals("weights"));
            for (JsonNode bad : hostileValues(doc, type, fieldSchema)) {
                ObjectNode body = validObject(doc, method, template, schema);
                if (alternative) {
                    body.remove("weightsBps");
                }
                body.set(field, bad);
                boolean typeFault = wrongType(type, fieldSchema, bad);
                Fault fault = typeFault || alone
                        ? Fault.in(field + "=" + abbreviate(bad.toString()), field)
                        : Fault.some(field + "=" + abbreviate(bad.toString()), field);
                if (bad.isNull()) {
                    fault = Fault.some(field + "=null", field);
                }
                check(method, path, body.toString(), "application/json", Map.of(), fault);
            }
        }
        ObjectNode extra = validObject(doc, method, template, schema);
        extra.put(UNKNOWN, 1);
        check(method, path, extra.toString(), "application/json", Map.of(), Fault.in("extra field", UNKNOWN));
        // seeded random combinations: several fields hostile at once (no single field at fault)
        for (int i = 0; i < 12 && !names.isEmpty(); i++) {
            ObjectNode body = validObject(doc, method, template, schema);
            int k = 1 + random.nextInt(Math.min(3, names.size()));
            for (int j = 0; j < k; j++) {
                String field = names.get(random.nextInt(names.size()));
                JsonNode fieldSchema = resolve(doc, properties.get(field));
                List<JsonNode> pool = hostileValues(doc, type(fieldSchema), fieldSchema);
                body.set(field, pool.get(random.nextInt(pool.size())));
            }
            check(method, path, body.toString(), "application/json", Map.of(), Fault.body("random #" + i));
        }
    }

    /** Values of the wrong type, out of range, or hostile for this schema type. */
    private List<JsonNode> hostileValues(JsonNode doc, String type, JsonNode schema) {
        List<JsonNode> v = new ArrayList<>();
        v.add(F.nullNode());
        v.add(F.textNode("NaN"));
        v.add(F.textNode("Infinity"));
        v.add(F.textNode("-0"));
        v.add(F.textNode("1e309"));
        v.add(F.numberNode(1.5));
        v.add(F.numberNode(-1));
        v.add(F.booleanNode(true));
        v.add(F.objectNode().put("a", 1));
        v.add(F.arrayNode().add(1));
        v.add(F.textNode("x".repeat(100_000)));
        v.add(F.textNode("a\u0000b\u0007c\u001b[31md\u202Ee\r\nf"));
        v.add(F.textNode("\uD800"));
        v.add(raw("1e400"));
        v.add(raw("-1e400"));
        v.add(raw("9223372036854775808"));
        v.add(raw("-9223372036854775809"));
        v.add(raw("123456789012345678901234567890"));
        v.add(F.numberNode(2147483648L));
        v.add(F.numberNode(0));
        v.add(F.numberNode(4.9e-324));
        if ("array".equals(type)) {
            JsonNode items = resolve(doc, schema.path("items"));
            ArrayNode nulls = F.arrayNode();
            nulls.addNull();
            v.add(nulls);
            v.add(F.arrayNode());
            ArrayNode big = F.arrayNode();
            for (int i = 0; i < 20_000; i++) {
                big.add(i);
            }
            v.add(big);
            for (JsonNode element :
                    hostileValues(doc, type(items), F.objectNode()).subList(1, 14)) {
                ArrayNode a = F.arrayNode();
                a.add(example(doc, items, "x"));
                a.add(element);
                v.add(a);
            }
        }
        return v;
    }

    private static JsonNode raw(String number) {
        try {
            // as BigDecimal, so that 1e400 is sent as written, not as Infinity (which Jackson writes as a string)
            return JSON.copy()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(number);
        } catch (Exception e) {
            throw new IllegalStateException(number, e);
        }
    }

    /** Whether {@code bad} is not of the declared type (a deserialisation fault, whatever the other fields). */
    private static boolean wrongType(String type, JsonNode schema, JsonNode bad) {
        if (bad.isNull()) {
            return false;
        }
        return switch (type) {
            case "string" -> !bad.isTextual();
            case "integer" -> !bad.isIntegralNumber() || !fits(schema, bad);
            case "number" -> !bad.isNumber();
            case "boolean" -> !bad.isBoolean();
            case "array" -> !bad.isArray();
            default -> false;
        };
    }

    private static boolean fits(JsonNode schema, JsonNode n) {
        if (!n.canConvertToLong()) {
            return false;
        }
        return "int64".equals(schema.path("format").asText()) || n.canConvertToInt();
    }

    private static String type(JsonNode schema) {
        if (schema.has("type")) {
            return schema.get("type").asText();
        }
        return "any";
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            s = doc.at(ref.substring(1));
        }
        return s;
    }

    /** Operations whose generated body is valid as it is: a fault put into one field is the only fault. */
    private static boolean knownValid(String method, String template) {
        return method.equals("POST")
                && List.of("/api/v1/keys", "/api/v1/vaults", "/api/v1/allocations")
                        .contains(template);
    }

    private String validBody(JsonNode doc, String method, String template, JsonNode op) {
        if (!op.has("requestBody")) {
            return null;
        }
        JsonNode schema = resolve(
                doc,
                op.path("requestBody").path("content").path("application/json").path("schema"));
        return validObject(doc, method, template, schema).toString();
    }

    /** A body of the schema's shape; for the operations that {@link #knownValid} names, a valid one. */
    private ObjectNode validObject(JsonNode doc, String method, String template, JsonNode schema) {
        ObjectNode o = F.objectNode();
        switch (template) {
            case "/api/v1/keys" -> {
                o.put("name", "fuzz");
                o.set("roles", F.arrayNode().add("executor"));
                o.set("vaults", F.arrayNode().add(vault));
                return o;
            }
            case "/api/v1/vaults" -> {
                o.put("address", Api.freshAddress());
                o.put("chainId", 31337);
                o.set("strategies", F.arrayNode().add("a").add("b"));
                return o;
            }
            case "/api/v1/allocations" -> {
                o.put("vault", vault);
                o.set("weightsBps", F.arrayNode().add(4000).add(6000));
                return o;
            }
            default -> {
                schema.path("properties")
                        .fields()
                        .forEachRemaining(e -> o.set(e.getKey(), example(doc, e.getValue(), e.getKey())));
                if (o.has("vault")) {
                    o.put("vault", vault);
                }
                return o;
            }
        }
    }

    private JsonNode example(JsonNode doc, JsonNode schema, String name) {
        JsonNode s = resolve(doc, schema);
        return switch (type(s)) {
            case "string" -> F.textNode("x");
            case "integer" -> F.numberNode(1);
            case "number" -> F.numberNode(0.5);
            case "boolean" -> F.booleanNode(true);
            case "array" -> F.arrayNode().add(example(doc, s.path("items"), name));
            case "object" -> {
                ObjectNode o = F.objectNode();
                s.path("properties")
                        .fields()
                        .forEachRemaining(e -> o.set(e.getKey(), example(doc, e.getValue(), e.getKey())));
                yield o;
            }
            default -> F.objectNode();
        };
    }

    private String fill(String template, String name, String bad) {
        String path = template;
        if (name != null) {
            path = path.replace("{" + name + "}", bad);
        }
        return path.replace("{address}", vault).replace("{id}", "00000000-0000-0000-0000-000000000000");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }

    private String keyFor(String method, String path) {
        if (path.startsWith("/api/v1/keys") || (method.equals("POST") && path.startsWith("/api/v1/vaults"))) {
            return admin;
        }
        if (path.matches("/api/v1/vaults/[^/]*/allocation/latest.*")) {
            return executor;
        }
        // job submissions are rate limited per key (refused ones count too): a fresh risk key every 30 requests
        if (risk == null || riskUses++ >= 30) {
            risk = Api.newKey("risk");
            riskUses = 0;
        }
        return risk;
    }

    private void check(
            String method, String path, String body, String contentType, Map<String, String> headers, Fault fault)
            throws Exception {
        HttpResponse<String> r;
        try {
            r = send(method, path, body, contentType, keyFor(method, path), headers);
        } catch (IllegalArgumentException notSendable) {
            return; // a header value the client itself refuses to send
        }
        sent++;
        statuses.merge(r.statusCode(), 1, Integer::sum);
        String what = method + " " + path.substring(0, Math.min(path.length(), 80)) + " [" + fault.kind() + "] → "
                + r.statusCode() + " " + abbreviate(r.body().replace('\n', ' '));
        int status = r.statusCode();
        log.append(what).append('\n');
        if (status >= 500) {
            failures.add("5xx: " + what + " " + r.body());
            return;
        }
        if (LEAK.matcher(r.body()).find()) {
            failures.add("leak: " + what + " " + r.body());
        }
        if (status < 400) {
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            failures.add("not problem+json (" + type + "): " + what);
            return;
        }
        JsonNode problem = JSON.readTree(r.body());
        if (problem.path("detail").asText("").isBlank()) {
            failures.add("no detail: " + what);
        }
        if (fault.field() == null || (status != 400 && status != 422)) {
            return;
        }
        String named = problem.path("field").asText("");
        if (named.isEmpty()) {
            failures.add("names no field (" + fault.field() + " at fault): " + what);
        } else if (fault.exactField()
                && !named.equals(fault.field())
                && !named.startsWith(fault.field() + "[")
                && !named.startsWith(fault.field() + ".")) {
            failures.add("names " + named + ", not " + fault.field() + ": " + what);
        }
    }

    private HttpResponse<String> send(
            String method, String path, String body, String contentType, String key, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + encode(path)))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Percent-encodes what URI.create refuses; what is already %-encoded is sent as it is. */
    private static String encode(String path) {
        StringBuilder s = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|} ".indexOf(c) < 0) {
                s.append(c);
            } else {
                s.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
        }
        return s.toString();
    }
}
