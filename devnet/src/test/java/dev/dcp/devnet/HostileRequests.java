package dev.dcp.devnet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of requests that the public API must refuse, each invalid by construction whoever sends it: a body
 * that would be accepted never leaves here, so a refused request may not change anything. GETs read; they may
 * succeed, but their parameters and headers are as hostile as the rest.
 */
final class HostileRequests {

    /** The ids and keys of the tenants the run has, so requests can name real resources of other tenants. */
    record Fixture(
            String adminKey,
            List<String> tenantKeys,
            List<String> tenantIds,
            String completedJob,
            String transactionId,
            String providerWorkerKey) {}

    /** A member of a JSON object, its value as raw JSON (which may not be JSON at all). */
    record Member(String key, String raw) {}

    /** One endpoint's request before the hostile framing: method, raw target (path and query), raw body or null. */
    record Call(String method, String target, String body) {}

    /** The bytes on the wire; {@code closeOutput} ends the sending half after them (a truncated body). */
    record Wire(String label, byte[] bytes, boolean closeOutput, boolean mutating) {

        @Override
        public String toString() {
            String shown = new String(bytes, 0, Math.min(bytes.length, 600), StandardCharsets.ISO_8859_1);
            return label + " (" + bytes.length + " bytes)\n" + shown;
        }
    }

    private static final String JOBS = "/api/v1/jobs";

    private final Fixture fx;

    HostileRequests(Fixture fx) {
        this.fx = fx;
    }

    // ---- values -----------------------------------------------------------------------------------------------

    /** Never a positive integer within any API limit, as raw JSON. */
    static Arbitrary<String> badAmount() {
        return Arbitraries.<String>oneOf(
                Arbitraries.of(
                        "0",
                        "-0",
                        "-1",
                        "-9223372036854775808",
                        "1.5",
                        "0.000001",
                        "100.0",
                        "1e3",
                        "1E400",
                        "-1e-3",
                        "99999999999999999999999",
                        "9223372036854775808",
                        "1000000000000000001",
                        "9007199254740993",
                        "\"100\"",
                        "\"abc\"",
                        "\"\"",
                        "true",
                        "false",
                        "null",
                        "[]",
                        "[100]",
                        "{}",
                        "{\"amount\":5}",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "0x10",
                        "01",
                        "+5",
                        "1_000",
                        "\"\\u0000\"",
                        "\"10\\u0000\""),
                Arbitraries.longs().lessOrEqual(0).map(l -> Long.toString(l)),
                Arbitraries.doubles()
                        .between(-1e9, 1e9)
                        .filter(d -> d != Math.rint(d))
                        .map(d -> Double.toString(d)),
                Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(2000));
    }

    /** A JSON string that no name field should take: controls, NULs, lone surrogates, too long, or not a string. */
    static Arbitrary<String> badName() {
        return Arbitraries.<String>oneOf(
                Arbitraries.of(
                        "\"\"",
                        "\"   \"",
                        "\"\\t\\n\"",
                        "\"a\\u0000b\"",
                        "\"\\u0000\"",
                        "\"\\ud800\"",
                        "\"x\\udfff\"",
                        "\"bell\\u0007\"",
                        "\"esc\\u001b[31m\"",
                        "123",
                        "1.5",
                        "true",
                        "null",
                        "[]",
                        "[\"alice\"]",
                        "{}",
                        "{\"name\":\"x\"}"),
                Arbitraries.strings().alpha().ofMinLength(201).ofMaxLength(3000).map(s -> "\"" + s + "\""));
    }

    static Arbitrary<String> anyUnicode() {
        return Arbitraries.strings().all().ofMaxLength(40).map(HostileRequests::jsonString);
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A raw JSON object of the given members (raw values), in order; duplicates stay duplicated. */
    static String object(List<Member> members) {
        StringBuilder out = new StringBuilder("{");
        for (Member m : members) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(m.key()).append("\":").append(m.raw());
        }
        return out.append('}').toString();
    }

    static Member m(String key, String raw) {
        return new Member(key, raw);
    }

    /** Sometimes an extra member, never one that could make a bad body good. */
    static Arbitrary<List<Member>> withExtras(Arbitrary<List<Member>> members) {
        Arbitrary<Member> extra = Arbitraries.<Member>of(
                m("admin", "true"),
                m("role", "\"admin\""),
                m("tenantId", "\"someone-else\""),
                m("__proto__", "{}"),
                m("\\u0000", "1"),
                m("x".repeat(300), "\"y\""));
        return Combinators.combine(members, extra.list().ofMaxSize(2)).as((base, extras) -> {
            List<Member> all = new ArrayList<>(base);
            all.addAll(extras);
            return all;
        });
    }

    // ---- ids and paths ----------------------------------------------------------------------------------------

    /** An id segment: real ones of other tenants, unknown ones, and path tricks (already percent-encoded). */
    Arbitrary<String> idSegment() {
        List<String> real = new ArrayList<>(fx.tenantIds());
        real.add(fx.completedJob());
        real.add(fx.transactionId());
        return Arbitraries.<String>oneOf(
                Arbitraries.of(real),
                Arbitraries.of(
                        "..",
                        "%2e%2e",
                        ".%2E",
                        "%2F",
                        "..%2F..%2Ftenants",
                        "%2e%2e%2f%2e%2e%2fledger",
                        "%00",
                        "a%00b",
                        "%ff%fe",
                        "%c0%ae%c0%ae",
                        "%u002e",
                        "%25",
                        "%",
                        "%zz",
                        "~",
                        "*",
                        "null",
                        "undefined",
                        "-1",
                        "0",
                        "1.5",
                        "1e3",
                        "99999999999999999999",
                        "9223372036854775807",
                        "0x1",
                        "%20",
                        "%0d%0aX-Injected:%201",
                        "%E2%80%AE",
                        "%F0%9F%92%A9",
                        "a;b=c",
                        "%3Bjsessionid%3D1",
                        "%5C..",
                        fx.completedJob() + "%00",
                        fx.completedJob() + "%2F..",
                        fx.completedJob().toUpperCase(Locale.ROOT)),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars('a', 'z').ofMinLength(2000).ofMaxLength(7000));
    }

    static Arbitrary<String> badLimit() {
        return Arbitraries.of(
                "0",
                "-1",
                "501",
                "1.5",
                "abc",
                "",
                "99999999999999999999",
                "2147483648",
                "%00",
                "1e2",
                "0x10",
                "%20%2050",
                "50&limit=0",
                "%E2%91%A0");
    }

    static Arbitrary<String> badCursor() {
        return Arbitraries.<String>oneOf(
                Arbitraries.of(
                        "",
                        "_",
                        "x_",
                        "_x",
                        "%00",
                        "a%00b",
                        "1_%00",
                        "-1",
                        "99999999999999999999_x",
                        "9223372036854775807_x",
                        "-9223372036854775808_",
                        "%ff",
                        "%E2%80%AE",
                        "1:2",
                        ":",
                        "0:%00",
                        "99999999999999999999:x",
                        "9223372036854775807:a",
                        "%25%00",
                        "%2F..%2F"),
                Arbitraries.strings().withChars('a', 'z').ofMinLength(1000).ofMaxLength(6000));
    }

    static Arbitrary<String> query(String name, Arbitrary<String> bad) {
        return bad.map(v -> name + "=" + v);
    }

    // ---- endpoints --------------------------------------------------------------------------------------------

    Arbitrary<Call> createTenant() {
        Arbitrary<String> goodName =
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(s -> "\"" + s + "\"");
        Arbitrary<String> goodRole = Arbitraries.of("\"consumer\"", "\"provider\"");
        Arbitrary<String> badRole = Arbitraries.of(
                "\"admin\"",
                "\"Consumer\"",
                "\"consumer \"",
                "\"provider\\u0000\"",
                "\"\"",
                "1",
                "null",
                "true",
                "[\"consumer\"]",
                "{}",
                "\"consumer|provider\"",
                "\"PROVIDER\"",
                "\"consumer\\n\"");
        Arbitrary<List<Member>> members = Arbitraries.<List<Member>>oneOf(
                Combinators.combine(badName(), Arbitraries.<String>oneOf(goodRole, badRole))
                        .as((n, r) -> List.of(m("name", n), m("role", r))),
                Combinators.combine(goodName, badRole).as((n, r) -> List.of(m("name", n), m("role", r))),
                goodName.map(n -> List.of(m("name", n))),
                goodRole.map(r -> List.of(m("role", r))),
                // the same member twice: which one a parser keeps is not something to guess
                Combinators.combine(goodName, goodRole, goodRole)
                        .as((n, r1, r2) -> List.of(m("name", n), m("role", r1), m("role", r2))),
                Combinators.combine(goodName, goodName, goodRole)
                        .as((n1, n2, r) -> List.of(m("name", n1), m("name", n2), m("role", r))));
        return withExtras(members).map(b -> new Call("POST", "/api/v1/tenants", object(b)));
    }

    Arbitrary<Call> deposit() {
        Arbitrary<List<Member>> members = Arbitraries.<List<Member>>oneOf(
                badAmount().map(a -> List.<Member>of(m("amount", a))),
                Arbitraries.just(List.<Member>of()),
                Arbitraries.just(List.of(m("amount", "5"), m("amount", "6"))),
                Arbitraries.just(List.of(m("Amount", "5"))));
        return Combinators.combine(idSegment(), withExtras(members))
                .as((id, b) -> new Call("POST", "/api/v1/tenants/" + id + "/deposits", object(b)));
    }

    Arbitrary<Call> quota() {
        Arbitrary<String> bad = Arbitraries.of(
                "-1", "1000001", "100000001", "1.5", "\"5\"", "true", "[]", "{}", "2147483648", "1e2", "-0.5");
        Arbitrary<List<Member>> members = Arbitraries.<List<Member>>oneOf(
                bad.map(v -> List.of(m("concurrentJobs", v))),
                bad.map(v -> List.of(m("subtasksPerMinute", v))),
                bad.map(v -> List.of(m("concurrentJobs", "2"), m("subtasksPerMinute", v))),
                Arbitraries.just(List.of(m("concurrentJobs", "1"), m("concurrentJobs", "2"))));
        return Combinators.combine(idSegment(), withExtras(members))
                .as((id, b) -> new Call("PUT", "/api/v1/tenants/" + id + "/quota", object(b)));
    }

    Arbitrary<Call> stake() {
        Arbitrary<String> badDays =
                Arbitraries.of("0", "-1", "3651", "1.5", "\"30\"", "null", "true", "[]", "2147483648", "3e1");
        Arbitrary<List<Member>> members = Arbitraries.<List<Member>>oneOf(
                Combinators.combine(badAmount(), Arbitraries.of("30", "1", "3650"))
                        .as((a, d) -> List.of(m("amount", a), m("lockDays", d))),
                badDays.map(d -> List.of(m("amount", "1"), m("lockDays", d))),
                Arbitraries.just(List.of(m("amount", "1"))),
                Arbitraries.just(List.of(m("lockDays", "30"))),
                Arbitraries.just(List.of(m("amount", "1"), m("lockDays", "30"), m("lockDays", "31"))));
        return withExtras(members).map(b -> new Call("POST", "/api/v1/providers/me/stake", object(b)));
    }

    Arbitrary<Call> unbond() {
        return withExtras(badAmount().map(a -> List.of(m("amount", a))))
                .map(b -> new Call("POST", "/api/v1/providers/me/unbond", object(b)));
    }

    Arbitrary<Call> enrol() {
        Arbitrary<String> goodKey =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(s -> "\"" + s + "\"");
        Arbitrary<String> badKey = Arbitraries.<String>oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(63).map(s -> "\"" + s + "\""),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(65).map(s -> "\"" + s + "\""),
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(64).map(s -> "\"" + s + "\""),
                Arbitraries.of(
                        "\"\"",
                        "null",
                        "123",
                        "[]",
                        "{}",
                        "\"" + "0".repeat(63) + "\\u0000\"",
                        "\"" + fx.providerWorkerKey() + "\\n\"",
                        "\"" + "g".repeat(64) + "\""),
                anyUnicode());
        Arbitrary<String> badSlots = Arbitraries.of("0", "-1", "1025", "1.5", "\"4\"", "null", "true", "4e0");
        Arbitrary<String> badPrice =
                Arbitraries.of("-1", "1.5", "\"10\"", "1000000000001", "null", "true", "[]", "1e3", "-0.1");
        Arbitrary<List<Member>> members = Arbitraries.<List<Member>>oneOf(
                badKey.map(k -> List.of(m("publicKey", k), m("slots", "2"), m("pricePerCpuSecond", "10"))),
                Combinators.combine(goodKey, badSlots)
                        .as((k, s) -> List.of(m("publicKey", k), m("slots", s), m("pricePerCpuSecond", "10"))),
                Combinators.combine(goodKey, badPrice)
                        .as((k, p) -> List.of(m("publicKey", k), m("slots", "2"), m("pricePerCpuSecond", p))),
                goodKey.map(k -> List.of(m("publicKey", k), m("slots", "2"))),
                goodKey.map(k -> List.of(m("publicKey", k), m("pricePerCpuSecond", "10"))),
                Combinators.combine(goodKey, goodKey)
                        .as((k1, k2) -> List.of(
                                m("publicKey", k1),
                                m("publicKey", k2),
                                m("slots", "2"),
                                m("pricePerCpuSecond", "10"))));
        return withExtras(members).map(b -> new Call("POST", "/api/v1/providers/me/workers", object(b)));
    }

    Arbitrary<Call> submitJob() {
        String goodInput = "{\"from\":0,\"to\":1000}";
        Arbitrary<String> badKind = Arbitraries.<String>oneOf(
                Arbitraries.of(
                        "\"\"",
                        "\"PRIMES\"",
                        "\"primes \"",
                        "\"primes\\u0000\"",
                        "5",
                        "null",
                        "[\"primes\"]",
                        "{}",
                        "\"../primes\"",
                        "\"nope\"",
                        "true"),
                anyUnicode()
                        .filter(s -> !List.of(
                                        "\"primes\"",
                                        "\"montecarlo-pi\"",
                                        "\"hashcash\"",
                                        "\"matmul\"",
                                        "\"wordcount\"",
                                        "\"wasm\"")
                                .contains(s)));
        Arbitrary<String> badInput = Arbitraries.<String>oneOf(
                Arbitraries.of(
                        "null",
                        "[]",
                        "\"x\"",
                        "5",
                        "true",
                        "{}",
                        "{\"from\":10,\"to\":5}",
                        "{\"from\":-1,\"to\":5}",
                        "{\"from\":0,\"to\":10000000000001}",
                        "{\"from\":\"0\",\"to\":\"10\"}",
                        "{\"from\":0.5,\"to\":10}",
                        "{\"from\":0,\"to\":1e3}",
                        "{\"from\":0,\"to\":null}",
                        "{\"from\":0}",
                        "{\"to\":10}",
                        "{\"from\":0,\"to\":[10]}",
                        "{\"from\":0,\"to\":10,\"to\":20}",
                        "{\"from\":0,\"to\":" + "9".repeat(1500) + "}"),
                Arbitraries.integers()
                        .between(20, 3000)
                        .map(depth -> "{\"from\":0,\"to\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
        Arbitrary<Member> badOther = Arbitraries.of(
                m("parallelism", "0"),
                m("parallelism", "10001"),
                m("parallelism", "-1"),
                m("parallelism", "1.5"),
                m("parallelism", "\"4\""),
                m("parallelism", "2147483648"),
                m("redundancy", "0"),
                m("redundancy", "6"),
                m("redundancy", "1.5"),
                m("redundancy", "\"2\""),
                m("strategy", "\"random\""),
                m("strategy", "\"\""),
                m("strategy", "\"GUIDED\""),
                m("strategy", "5"),
                m("maxCredits", "-1"),
                m("maxCredits", "1.5"),
                m("maxCredits", "\"5\""),
                m("maxCredits", "9007199254740992"),
                m("maxCredits", "1e3"),
                m("adaptive", "\"yes\""),
                m("adaptive", "\"true\""),
                m("adaptive", "1"));
        Arbitrary<List<Member>> members = Arbitraries.<List<Member>>oneOf(
                badKind.map(k -> List.of(m("kind", k), m("input", goodInput), m("maxCredits", "1000"))),
                badInput.map(i -> List.of(m("kind", "\"primes\""), m("input", i), m("maxCredits", "1000"))),
                badOther.map(o -> List.of(m("kind", "\"primes\""), m("input", goodInput), o)),
                Arbitraries.just(List.of(m("input", goodInput))),
                Arbitraries.just(List.of(m("kind", "\"primes\""))),
                Arbitraries.just(List.of(m("kind", "\"primes\""), m("kind", "\"primes\""), m("input", goodInput))));
        return withExtras(members).map(b -> new Call("POST", JOBS, object(b)));
    }

    Arbitrary<Call> reads() {
        Arbitrary<String> id = idSegment();
        return Arbitraries.<Call>oneOf(
                Arbitraries.of(
                        get("/api/v1/accounts/me"),
                        get("/api/v1/workers"),
                        get(JOBS),
                        get("/api/v1/kinds"),
                        get("/api/v1/ledger/status"),
                        get("/api/v1/ledger/verify"),
                        get("/api/v1/ledger/blocks"),
                        get("/api/v1/ledger/accounts"),
                        get("/api/v1/providers/me/workers"),
                        get("/api/v1/audit/credits"),
                        get("/api/v1/accounts/me/statement"),
                        get(JOBS + "/" + fx.completedJob()),
                        get(JOBS + "/" + fx.completedJob() + "/subtasks"),
                        get(JOBS + "/" + fx.completedJob() + "/events"),
                        get("/api/v1/ledger/transactions/" + fx.transactionId())),
                query("limit", badLimit()).map(q -> get("/api/v1/accounts/me/statement?" + q)),
                query("cursor", badCursor()).map(q -> get("/api/v1/accounts/me/statement?" + q)),
                Arbitraries.<String>oneOf(
                                query("status", Arbitraries.of("running", "DONE", "", "%00", "QUEUED%00", "1")),
                                query("limit", badLimit()),
                                query("cursor", badCursor()))
                        .map(q -> get(JOBS + "?" + q)),
                Arbitraries.<String>oneOf(query("limit", badLimit()), query("cursor", badCursor()))
                        .map(q -> get("/api/v1/workers?" + q)),
                Arbitraries.<String>oneOf(
                                query("from", Arbitraries.of("-1", "x", "1.5", "99999999999999999999", "%00", "")),
                                query("limit", badLimit()),
                                query("cursor", badCursor()))
                        .map(q -> get("/api/v1/ledger/blocks?" + q)),
                Arbitraries.<String>oneOf(query("limit", badLimit()), query("cursor", badCursor()))
                        .map(q -> get("/api/v1/ledger/accounts?" + q)),
                id.map(i -> get(JOBS + "/" + i)),
                id.map(i -> get(JOBS + "/" + i + "/subtasks")),
                id.map(i -> get(JOBS + "/" + i + "/events")),
                id.map(i -> get("/api/v1/ledger/blocks/" + i)),
                id.map(i -> get("/api/v1/ledger/transactions/" + i)),
                id.map(i -> get("/api/v1/ledger/accounts/" + i + "/balance")));
    }

    Arbitrary<Call> cancel() {
        return idSegment().map(i -> new Call("DELETE", JOBS + "/" + i, null));
    }

    /** Methods a route does not have, routes that do not exist, and paths that climb out of the API. */
    Arbitrary<Call> strangers() {
        Arbitrary<String> method =
                Arbitraries.of("PATCH", "PUT", "DELETE", "POST", "TRACE", "FOO", "get", "CONNECT", "PROPFIND");
        Arbitrary<String> path = Arbitraries.of(
                "/api/v1/accounts/me",
                "/api/v1/workers",
                "/api/v1/kinds",
                "/api/v1/ledger/status",
                "/api/v1/tenants",
                "/api/v1/ledger/blocks/1",
                JOBS + "/" + fx.completedJob() + "/subtasks",
                "/api/v1/objects",
                "/api/v1/nothing",
                "/api/v2/jobs",
                "/api/v1/../../internal/keys/resolve",
                "/internal/keys/resolve",
                "/internal/admissions",
                "/internal/settlements",
                "/api/v1/..%2F..%2Finternal%2Fkeys%2Fresolve",
                "/api/v1/tenants/%2e%2e/%2e%2e/internal/workers",
                "/actuator/env",
                "/actuator/heapdump",
                "/api//v1//tenants",
                "/API/V1/TENANTS",
                "/api/v1/tenants;x=y",
                "/api/v1/tenants/",
                "/api/v1/jobs/",
                "/api/v1/jobs/./",
                "/api/v1/jobs\\..\\tenants");
        Arbitrary<String> body = Arbitraries.of(
                null,
                "{\"keyHash\":\"00\"}",
                "{}",
                "{\"name\":5}",
                "<xml/>",
                "",
                "\u0000\u0001\u0002",
                "{\"jobId\":\"x\",\"tenantId\":\"y\",\"maxCredits\":-1}");
        return Combinators.combine(method, path, body).as(Call::new);
    }

    static Call get(String target) {
        return new Call("GET", target, null);
    }

    Arbitrary<Call> anyCall() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, createTenant()),
                net.jqwik.api.Tuple.of(6, deposit()),
                net.jqwik.api.Tuple.of(3, quota()),
                net.jqwik.api.Tuple.of(5, stake()),
                net.jqwik.api.Tuple.of(2, unbond()),
                net.jqwik.api.Tuple.of(5, enrol()),
                net.jqwik.api.Tuple.of(10, submitJob()),
                net.jqwik.api.Tuple.of(4, cancel()),
                net.jqwik.api.Tuple.of(14, reads()),
                net.jqwik.api.Tuple.of(4, strangers()));
    }

    // ---- headers and framing ----------------------------------------------------------------------------------

    /** The Authorization lines (zero, one or two) a request carries. */
    Arbitrary<List<String>> authorization() {
        List<String> keys = new ArrayList<>(fx.tenantKeys());
        keys.add(fx.adminKey());
        Arbitrary<String> real = Arbitraries.of(keys);
        Arbitrary<String> garbage = Arbitraries.<String>oneOf(
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30),
                Arbitraries.strings().alpha().ofMinLength(9000).ofMaxLength(12000),
                real.map(k -> k + "x"),
                real.map(k -> k.substring(0, k.length() - 1)),
                real.map(k -> k.toUpperCase(Locale.ROOT)),
                real.map(k -> k + "\u0000"),
                Arbitraries.of("dcp_", "null", "undefined", "' OR 1=1 --", "${jndi:ldap://x/a}", "%00", "\t"));
        Arbitrary<String> line = Arbitraries.<String>oneOf(
                real.map(k -> "Bearer " + k),
                real.map(k -> "bearer   " + k + "  "),
                garbage.map(g -> "Bearer " + g),
                real.map(
                        k -> "Basic " + Base64.getEncoder().encodeToString((k + ":").getBytes(StandardCharsets.UTF_8))),
                real.map(k -> "Token " + k),
                real,
                real.map(k -> "Bearer" + k),
                Arbitraries.of("Bearer", "Bearer ", "Bearer  ", "", "Negotiate abc", "Bearer \u00e9\u00e8"));
        return Arbitraries.<List<String>>oneOf(
                Arbitraries.just(List.<String>of()),
                line.map(l -> List.of(l)),
                line.map(l -> List.of(l)),
                line.map(l -> List.of(l)),
                line.list().ofSize(2));
    }

    static Arbitrary<List<String>> otherHeaders() {
        Arbitrary<String> contentType = Arbitraries.of(
                "Content-Type: application/json",
                "Content-Type: application/json",
                "Content-Type: application/json; charset=utf-8",
                "Content-Type: application/json; charset=utf-16",
                "Content-Type: application/json; charset=nonsense",
                "Content-Type: text/plain",
                "Content-Type: application/xml",
                "Content-Type: application/x-www-form-urlencoded",
                "Content-Type: multipart/form-data; boundary=x",
                "Content-Type: application/octet-stream",
                "Content-Type: ][",
                "Content-Type: application/json, text/plain",
                "Content-Type:",
                "Content-Type: application/problem+json");
        Arbitrary<String> accept = Arbitraries.of(
                "Accept: */*",
                "Accept: application/json",
                "Accept: text/html",
                "Accept: application/xml",
                "Accept: text/event-stream",
                "Accept: application/problem+json",
                "Accept: image/png",
                "Accept: ;;;",
                "Accept: application/json;q=0",
                "Accept: */*;q=abc");
        Arbitrary<String> other = Arbitraries.<String>oneOf(
                Arbitraries.of(
                        "X-Request-Id: " + "r".repeat(3000),
                        "X-Request-Id: \u00e9t\u00e9",
                        "X-Dcp-Credential: forged.credential.token",
                        "X-Dcp-Credential: ",
                        "X-Forwarded-For: 127.0.0.1, evil",
                        "X-Forwarded-Host: evil.example",
                        "Cookie: JSESSIONID=abc; x=" + "c".repeat(500),
                        "Expect: 100-continue",
                        "Origin: http://evil.example",
                        "Range: bytes=0-1",
                        "If-None-Match: *",
                        "Accept-Encoding: gzip, br, zstd, nonsense",
                        "Accept-Charset: utf-7",
                        "X-HTTP-Method-Override: DELETE",
                        "Content-Encoding: gzip"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(n -> "X-" + n + ": " + n));
        return Combinators.combine(
                        contentType.optional(), accept.optional(), other.list().ofMaxSize(3))
                .as((ct, ac, rest) -> {
                    List<String> all = new ArrayList<>();
                    ct.ifPresent(all::add);
                    ac.ifPresent(all::add);
                    all.addAll(rest);
                    return all;
                });
    }

    enum Framing {
        LENGTH,
        CHUNKED,
        TRUNCATED,
        TWO_LENGTHS,
        LENGTH_AND_CHUNKED,
        BAD_CHUNK,
        NO_LENGTH
    }

    /** How a body's bytes may be mangled: kept, cut short, padded with whitespace past a megabyte, or wrapped. */
    enum Mangle {
        NONE,
        CUT,
        PAD,
        WRAP_IN_ARRAY,
        NUL_INSIDE,
        LATIN1_BYTES
    }

    Arbitrary<Wire> anyWire() {
        return Combinators.combine(
                        anyCall(),
                        authorization(),
                        otherHeaders(),
                        Arbitraries.frequency(
                                net.jqwik.api.Tuple.of(14, Framing.LENGTH),
                                net.jqwik.api.Tuple.of(2, Framing.CHUNKED),
                                net.jqwik.api.Tuple.of(1, Framing.TRUNCATED),
                                net.jqwik.api.Tuple.of(1, Framing.TWO_LENGTHS),
                                net.jqwik.api.Tuple.of(1, Framing.LENGTH_AND_CHUNKED),
                                net.jqwik.api.Tuple.of(1, Framing.BAD_CHUNK),
                                net.jqwik.api.Tuple.of(1, Framing.NO_LENGTH)),
                        Arbitraries.frequency(
                                net.jqwik.api.Tuple.of(20, Mangle.NONE),
                                net.jqwik.api.Tuple.of(2, Mangle.CUT),
                                net.jqwik.api.Tuple.of(1, Mangle.PAD),
                                net.jqwik.api.Tuple.of(1, Mangle.WRAP_IN_ARRAY),
                                net.jqwik.api.Tuple.of(1, Mangle.NUL_INSIDE),
                                net.jqwik.api.Tuple.of(1, Mangle.LATIN1_BYTES)),
                        Arbitraries.integers().between(0, 1_900_000))
                .as(HostileRequests::wire);
    }

    static Wire wire(Call call, List<String> auth, List<String> headers, Framing framing, Mangle mangle, int seed) {
        byte[] body = call.body() == null ? null : mangle(call.body(), mangle, seed);
        StringBuilder head = new StringBuilder()
                .append(call.method())
                .append(' ')
                .append(call.target())
                .append(" HTTP/1.1\r\nHost: localhost\r\n");
        auth.forEach(a -> head.append("Authorization: ").append(a).append("\r\n"));
        headers.forEach(h -> head.append(h).append("\r\n"));
        boolean closeOutput = false;
        byte[] sent = body == null ? new byte[0] : body;
        if (body != null || call.method().equals("POST") || call.method().equals("PUT")) {
            int n = sent.length;
            switch (framing) {
                case LENGTH -> head.append("Content-Length: ").append(n).append("\r\n");
                case CHUNKED -> {
                    head.append("Transfer-Encoding: chunked\r\n");
                    sent = chunked(sent, Math.max(1 + seed % 7, n / 64));
                }
                case TRUNCATED -> {
                    head.append("Content-Length: ").append(n + 1 + seed % 5000).append("\r\n");
                    closeOutput = true;
                }
                case TWO_LENGTHS ->
                    head.append("Content-Length: ")
                            .append(n)
                            .append("\r\nContent-Length: ")
                            .append(n + 3)
                            .append("\r\n");
                case LENGTH_AND_CHUNKED -> {
                    head.append("Content-Length: ").append(n).append("\r\nTransfer-Encoding: chunked\r\n");
                    sent = chunked(sent, 3);
                }
                case BAD_CHUNK -> {
                    head.append("Transfer-Encoding: chunked\r\n");
                    sent = concat("zz\r\n".getBytes(StandardCharsets.ISO_8859_1), sent);
                }
                case NO_LENGTH -> {
                    // the body follows without framing: the server takes it for the start of another request
                }
            }
        }
        head.append("Connection: close\r\n\r\n");
        byte[] bytes = concat(head.toString().getBytes(StandardCharsets.UTF_8), sent);
        String label = call.method() + " " + abbreviate(call.target()) + " framing=" + framing + " body=" + mangle;
        return new Wire(label, bytes, closeOutput, !call.method().equals("GET"));
    }

    static byte[] mangle(String body, Mangle mangle, int seed) {
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        return switch (mangle) {
            case NONE -> utf8;
            case CUT -> java.util.Arrays.copyOf(utf8, utf8.length == 0 ? 0 : seed % utf8.length);
            case PAD -> {
                // whitespace is JSON: the same bad body, large
                String pad = " ".repeat(100_000 + seed);
                yield (pad + body + pad.substring(0, pad.length() / 10)).getBytes(StandardCharsets.UTF_8);
            }
            case WRAP_IN_ARRAY -> ("[" + body + "]").getBytes(StandardCharsets.UTF_8);
            case NUL_INSIDE -> {
                int at = utf8.length == 0 ? 0 : seed % utf8.length;
                yield concat(
                        concat(java.util.Arrays.copyOf(utf8, at), new byte[] {0}),
                        java.util.Arrays.copyOfRange(utf8, at, utf8.length));
            }
            case LATIN1_BYTES -> (body + "\u00e9\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    static byte[] chunked(byte[] body, int size) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            int n = Math.min(size, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : s;
    }
}
