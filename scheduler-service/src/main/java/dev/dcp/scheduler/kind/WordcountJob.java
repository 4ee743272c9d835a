package dev.dcp.scheduler.kind;

import dev.dcp.common.metering.WorkCount;
import dev.dcp.common.storage.ContentId;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.reduce.WordcountReducer;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wordcount}: how often each word occurs in {@code text} (at most 8 MiB of UTF-8) or in a stored
 * {@code object} of the tenant (at most 1 GiB, read as UTF-8), a word being a maximal run of Unicode letters.
 *
 * <p>An object is split by byte ranges of whole segments ({@link #objectRanges}), so that each worker reads only the
 * shards of its own segments; a word cut by a range's edge is joined by the reducer from the ranges' heads and
 * tails. Subtask input {@code {object, from, to}}, output {@code {total, counts, head, tail}}.
 *
 * <p>A text's The text's char indices are split, then every cut moves forward to the next place that is not
 * inside a word or a surrogate pair, so each word is counted whole by exactly one subtask; chunks left empty are
 * dropped, but there is always at least one subtask. Subtask input {@code {text}}, output {@code {total, counts}}.
 *
 * <p>No chunk is longer than {@link #MAX_CHUNK} chars, so a subtask message stays well under Kafka's 1 MB. When the
 * requested parallelism (or the splitter's uneven sizes) would make longer chunks, the job gets more subtasks than
 * asked for; for that to be possible a word may not be longer than {@link #MAX_CHUNK} chars either.
 */
public final class WordcountJob implements JobKind {

    static final int MAX_UTF8_BYTES = 8 * 1024 * 1024;
    static final int MAX_CHUNK = 128 * 1024; // even all-escaped JSON (6 bytes a char) stays under 1 MB
    /** Without a parallelism, one subtask per this many chars (bounded), a few hundred milliseconds of counting. */
    static final int DEFAULT_CHUNK = 64 * 1024;

    static final long MAX_OBJECT_BYTES = 1L << 30;
    /** Without a parallelism, an object's subtask reads this many segments: 16 MiB, about 200 ms of counting. */
    static final int DEFAULT_SEGMENTS = 4;
    /** No subtask reads more segments than this, so that what a worker holds of one stays small. */
    static final int MAX_SEGMENTS = 8;

    @Override
    public String name() {
        return "wordcount";
    }

    /** @throws InputTooLarge when the text is longer than 8 MiB as UTF-8 */
    @Override
    public List<FieldError> validate(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        Object v = input.get("text");
        if (input.containsKey("object")) {
            if (v != null) {
                errors.add(new FieldError("input", "must have either text or object, not both"));
            }
            Object cid = input.get("object");
            if (!(cid instanceof String s)) {
                errors.add(new FieldError("input.object", "must be the CID of a stored object, a string"));
            } else {
                try {
                    ContentId.parse(s);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("input.object", "is not a CID: " + e.getMessage()));
                }
            }
            Inputs.othersHashable(input, Set.of("text", "object"), errors);
            return errors;
        }
        if (v == null) {
            errors.add(new FieldError("input.text", "is required (or an object's CID in input.object)"));
        } else if (!(v instanceof String text)) {
            errors.add(new FieldError("input.text", "must be a string"));
        } else {
            long bytes = utf8Length(text);
            if (bytes > MAX_UTF8_BYTES) {
                throw new InputTooLarge(
                        "input.text is " + bytes + " bytes of UTF-8; at most " + MAX_UTF8_BYTES + " are accepted",
                        new FieldError("input.text", "must be at most 8 MiB (" + MAX_UTF8_BYTES + " bytes) as UTF-8"));
            }
            if (!Inputs.wellFormed(text)) {
                errors.add(new FieldError("input.text", Inputs.LONE_SURROGATE));
            } else if (longestWord(text) > MAX_CHUNK) {
                errors.add(
                        new FieldError("input.text", "must not have a word longer than " + MAX_CHUNK + " characters"));
            }
        }
        Inputs.othersHashable(input, Set.of("text"), errors);
        return errors;
    }

    @Override
    public List<Map<String, Object>> split(
            Map<String, Object> input, Integer parallelism, Splitter splitter, StoredInput.Lookup objects) {
        if (!input.containsKey("object")) {
            return split(input, parallelism, splitter);
        }
        String cid = (String) input.get("object");
        StoredInput object = objects.find(cid)
                .orElseThrow(() -> new InputRefused(new FieldError("input.object", "names no object stored by you")));
        if (object.size() > MAX_OBJECT_BYTES) {
            throw new InputTooLarge(
                    "input.object is " + object.size() + " bytes; at most " + MAX_OBJECT_BYTES + " are counted",
                    new FieldError(
                            "input.object", "must be an object of at most 1 GiB (" + MAX_OBJECT_BYTES + " bytes)"));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : objectRanges(object, parallelism, splitter)) {
            out.add(Map.of("object", cid, "from", r.from(), "to", r.to()));
        }
        return out;
    }

    /**
     * The byte ranges of an object's subtasks: whole segments, contiguous, covering the object, at most
     * {@link #MAX_SEGMENTS} each, at least one (empty for an empty object).
     */
    static List<Range> objectRanges(StoredInput object, Integer parallelism, Splitter splitter) {
        long segmentSize = object.segmentSize();
        long segments = (object.size() + segmentSize - 1) / segmentSize;
        if (segments == 0) {
            return List.of(new Range(0, 0));
        }
        int wanted = parallelism != null ? parallelism : DefaultParallelism.of(segments, DEFAULT_SEGMENTS);
        int parts = (int) Math.min(segments, Math.max(wanted, (segments + MAX_SEGMENTS - 1) / MAX_SEGMENTS));
        List<Range> ranges = new ArrayList<>();
        for (Range r : splitter.split(new Range(0, segments), parts)) {
            for (long s = r.from(); s < r.to(); s += MAX_SEGMENTS) {
                long end = Math.min(r.to(), s + MAX_SEGMENTS);
                ranges.add(new Range(s * segmentSize, Math.min(object.size(), end * segmentSize)));
            }
        }
        return ranges;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        if (input.containsKey("object")) {
            throw new IllegalArgumentException("an object's ranges are split with the tenant's objects at hand");
        }
        String text = (String) input.get("text");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : chunks(text, parallelism, splitter)) {
            out.add(Map.of("text", text.substring((int) r.from(), (int) r.to())));
        }
        return out;
    }

    /** The char ranges of the subtasks' texts: contiguous, covering the text, at least one. */
    static List<Range> chunks(String text, Integer parallelism, Splitter splitter) {
        int length = text.length();
        if (length == 0) {
            return List.of(new Range(0, 0));
        }
        int wanted = parallelism != null ? parallelism : DefaultParallelism.of(length, DEFAULT_CHUNK);
        int parts = Math.max(wanted, (length + MAX_CHUNK - 1) / MAX_CHUNK);
        List<Range> chunks = new ArrayList<>();
        int from = 0;
        for (Range r : splitter.split(new Range(0, length), parts)) {
            int cut = nextCut(text, (int) r.to());
            if (cut > from) {
                addWithin(text, from, cut, chunks);
                from = cut;
            }
        }
        return chunks;
    }

    /** Adds [from, to) as chunks of at most MAX_CHUNK chars, cutting each oversized one as late as a word allows. */
    private static void addWithin(String text, int from, int to, List<Range> chunks) {
        while (to - from > MAX_CHUNK) {
            int cut = previousCut(text, from + MAX_CHUNK);
            if (cut <= from) {
                // validate() refuses words this long
                throw new IllegalArgumentException("a word longer than " + MAX_CHUNK + " chars at " + from);
            }
            chunks.add(new Range(from, cut));
            from = cut;
        }
        chunks.add(new Range(from, to));
    }

    /** The first index at or after {@code i} where the text may be cut. */
    static int nextCut(String text, int i) {
        while (!mayCut(text, i)) {
            i++;
        }
        return i;
    }

    /** The last index at or before {@code i} where the text may be cut. */
    static int previousCut(String text, int i) {
        while (!mayCut(text, i)) {
            i--;
        }
        return i;
    }

    /** Whether a cut just before index {@code i} splits neither a surrogate pair nor a word. */
    static boolean mayCut(String text, int i) {
        if (i <= 0 || i >= text.length()) {
            return true;
        }
        if (Character.isHighSurrogate(text.charAt(i - 1)) && Character.isLowSurrogate(text.charAt(i))) {
            return false;
        }
        return !(Character.isLetter(text.codePointBefore(i)) && Character.isLetter(text.codePointAt(i)));
    }

    /** The length in chars of the longest run of letters. */
    static int longestWord(String text) {
        int longest = 0;
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                if (start < 0) {
                    start = i;
                }
                i += Character.charCount(cp);
                longest = Math.max(longest, i - start);
            } else {
                start = -1;
                i += Character.charCount(cp);
            }
        }
        return longest;
    }

    /** The size of the text as UTF-8, without encoding it (a lone surrogate counts as the 3 bytes of U+FFFD). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public long workBound(Map<String, Object> subtaskInput) {
        if (subtaskInput.containsKey("object")) {
            return ((Number) subtaskInput.get("to")).longValue() - ((Number) subtaskInput.get("from")).longValue();
        }
        return WorkCount.wordcount((String) subtaskInput.get("text"));
    }

    @Override
    public Map<String, Object> inputSchema() {
        Map<String, Object> schema = new java.util.LinkedHashMap<>(InputSchema.object(
                "Count the words (maximal runs of Unicode letters, lower-cased) of a text, or of a stored object read"
                        + " as UTF-8: give text or object.",
                List.of(),
                InputSchema.string("text", "at most 8 MiB as UTF-8", null),
                InputSchema.string("object", "the CID of an object you stored, at most 1 GiB", null)));
        schema.put("oneOf", List.of(Map.of("required", List.of("text")), Map.of("required", List.of("object"))));
        return schema;
    }

    @Override
    public Reducer reducer() {
        return new WordcountReducer();
    }
}
