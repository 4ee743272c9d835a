package dev.dcp.worker.kernel.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a WebAssembly module so that it meters itself, before any engine sees it. Chicory has no fuel of its
 * own, and a meter inside the module counts the same on every worker and in every engine (interpreter or
 * compiler), because they all run the same instrumented code.
 *
 * <p><b>Gas.</b> The module gets a mutable {@code i64} global, set by the host to the subtask's gas limit. Each
 * straight-line segment of a function body (cut after every {@code block}, {@code loop}, {@code if}, {@code else},
 * {@code end}, branch, {@code return} and {@code unreachable}) starts by subtracting its length in instructions, so
 * one unit of gas is one original instruction executed (a segment that a trap cuts short is charged whole). Bulk
 * memory operations cost one more unit per 64 bytes, table operations one per element, {@code memory.grow} 1,024 per
 * page (a page is 65,536 bytes). Only loop heads, function entries and those variable charges check the balance and
 * trap when it is spent: a module can only run for long through a loop or a call, so the overshoot between checks is
 * bounded by the size of its code, and the host treats a negative balance after the call as spent too.
 *
 * <p><b>Call depth.</b> A mutable {@code i32} global counts nested calls; a call beyond {@link #MAX_CALL_DEPTH}
 * traps, at the same depth on every worker, long before the JVM's own stack would end it at a depth that depends on
 * the engine and the machine.
 *
 * <p><b>The sandbox.</b> A module may import nothing, declare at most one memory of at most {@link #MAX_PAGES} pages
 * (its maximum is lowered to that), tables of at most {@link #MAX_TABLE_ELEMENTS} elements, and at most
 * {@link #MAX_LOCALS} locals per function; it may use WebAssembly 2.0 (MVP, sign extension, saturating truncation,
 * bulk memory, reference types, multiple values) and tail calls, not SIMD, threads, exceptions, GC or 64-bit
 * memories. A start function is taken out of the start section and run by the host after the gas is set. Anything
 * else is a {@link ModuleRefused}, the same on every worker.
 */
final class GasMeter {

    /** 64 MiB of linear memory. */
    static final int MAX_PAGES = 1024;

    static final long MAX_TABLE_ELEMENTS = 65_536;
    static final int MAX_CALL_DEPTH = 10_000;
    static final long MAX_LOCALS = 50_000;

    /** Bulk memory: one unit per 2^6 = 64 bytes. */
    static final int BYTES_SHIFT = 6;

    /** memory.grow: one unit per 64 bytes of the page, 2^10 a page. */
    static final int PAGE_SHIFT = 10;

    /**
     * The instrumented module.
     *
     * @param gasGlobal     the index of the gas global, which the host sets to the limit before any call
     * @param depthGlobal   the index of the call-depth global
     * @param startFunction the function the start section named, for the host to call, or -1
     */
    record Metered(byte[] bytes, int gasGlobal, int depthGlobal, int startFunction) {}

    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    /** The order sections must come in (custom sections aside), by id. */
    private static final Map<Integer, Integer> RANK = Map.ofEntries(
            Map.entry(1, 1),
            Map.entry(2, 2),
            Map.entry(3, 3),
            Map.entry(4, 4),
            Map.entry(5, 5),
            Map.entry(13, 6),
            Map.entry(6, 7),
            Map.entry(7, 8),
            Map.entry(8, 9),
            Map.entry(9, 10),
            Map.entry(12, 11),
            Map.entry(10, 12),
            Map.entry(11, 13));

    private static final int GLOBAL_SECTION = 6;

    private GasMeter() {}

    static Metered instrument(byte[] wasm) {
        Reader in = new Reader(wasm);
        for (byte b : HEADER) {
            if (in.atEnd() || in.u8() != (b & 0xff)) {
                throw new ModuleRefused("is not a WebAssembly binary module (version 1): its header is wrong");
            }
        }
        List<int[]> sections = new ArrayList<>(); // {id, start, end}
        int lastRank = 0;
        while (!in.atEnd()) {
            int id = in.u8();
            long size = in.u32();
            int start = in.pos();
            if (size > wasm.length - start) {
                throw malformed("section " + id + " runs past the end of the module");
            }
            in.skip((int) size);
            if (id == 0) {
                continue; // custom sections (names, producers) mean nothing to the run: dropped
            }
            Integer rank = RANK.get(id);
            if (rank == null) {
                throw malformed("unknown section id " + id);
            }
            if (rank <= lastRank) {
                throw malformed("section " + id + " is out of order or repeated");
            }
            lastRank = rank;
            sections.add(new int[] {id, start, start + (int) size});
        }

        int[] paramCounts = new int[0];
        int[] functionTypes = new int[0];
        int definedGlobals = 0;
        int startFunction = -1;
        for (int[] s : sections) {
            Reader r = new Reader(wasm, s[1], s[2]);
            switch (s[0]) {
                case 1 -> paramCounts = types(r);
                case 2 -> imports(r);
                case 3 -> functionTypes = functions(r, paramCounts.length);
                case 13 -> throw new ModuleRefused("declares exception tags: exceptions are not supported");
                case 6 -> definedGlobals = count(r);
                case 8 -> startFunction = checkedIndex(r.u32(), "start function");
                default -> {}
            }
        }
        int gasGlobal = definedGlobals; // no imported globals: imports are refused
        int depthGlobal = definedGlobals + 1;

        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + wasm.length / 2 + 64);
        out.writeBytes(HEADER);
        boolean globalsWritten = false;
        for (int[] s : sections) {
            int id = s[0];
            if (!globalsWritten && RANK.get(id) >= RANK.get(GLOBAL_SECTION)) {
                writeSection(out, GLOBAL_SECTION, globals(wasm, id == GLOBAL_SECTION ? s : null));
                globalsWritten = true;
                if (id == GLOBAL_SECTION) {
                    continue;
                }
            }
            Reader r = new Reader(wasm, s[1], s[2]);
            switch (id) {
                case 4 -> writeSection(out, id, tables(r));
                case 5 -> writeSection(out, id, memories(r));
                case 8 -> {} // the host calls the start function itself, once the gas is set
                case 10 ->
                    writeSection(
                            out, id, code(r, functionTypes, paramCounts, gasGlobal, depthGlobal, paramCounts.length));
                default -> writeSection(out, id, r.rest());
            }
        }
        if (!globalsWritten) {
            writeSection(out, GLOBAL_SECTION, globals(wasm, null));
        }
        if (startFunction >= functionTypes.length) {
            throw invalid("the start function " + startFunction + " does not exist");
        }
        return new Metered(out.toByteArray(), gasGlobal, depthGlobal, startFunction);
    }

    // ---- the sections read

    /** The number of parameters of each function type. */
    private static int[] types(Reader r) {
        int n = count(r);
        int[] params = new int[n];
        for (int i = 0; i < n; i++) {
            int form = r.u8();
            if (form != 0x60) {
                throw new ModuleRefused("declares a type of form 0x" + Integer.toHexString(form)
                        + ": only function types are supported (no GC)");
            }
            params[i] = valueTypes(r);
            valueTypes(r);
        }
        r.expectEnd("type");
        return params;
    }

    private static int valueTypes(Reader r) {
        int n = count(r);
        for (int i = 0; i < n; i++) {
            valueType(r.u8());
        }
        return n;
    }

    private static void valueType(int t) {
        switch (t) {
            case 0x7F, 0x7E, 0x7D, 0x7C, 0x70, 0x6F -> {}
            case 0x7B -> throw new ModuleRefused("uses v128 values: SIMD is not supported");
            default ->
                throw new ModuleRefused("uses value type 0x" + Integer.toHexString(t)
                        + ", beyond WebAssembly 2.0's numbers, funcref and externref");
        }
    }

    private static void imports(Reader r) {
        int n = count(r);
        if (n == 0) {
            return;
        }
        String module = r.name();
        String field = r.name();
        if (module.startsWith("wasi")) {
            throw new ModuleRefused("imports " + module + "." + field
                    + ": WASI is not offered to wasm jobs (a module must be self-contained and import nothing)");
        }
        throw new ModuleRefused("imports " + module + "." + field
                + ": the allowed set of imports is empty (a module must be self-contained and import nothing)");
    }

    private static int[] functions(Reader r, int typeCount) {
        int n = count(r);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            long t = r.u32();
            if (t >= typeCount) {
                throw invalid("function " + i + " has unknown type " + t);
            }
            types[i] = (int) t;
        }
        r.expectEnd("function");
        return types;
    }

    // ---- the sections rewritten

    /** The module's globals followed by the gas ({@code i64}) and call-depth ({@code i32}) globals, both mutable. */
    private static byte[] globals(byte[] wasm, int[] section) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (section == null) {
            u32(out, 2);
        } else {
            Reader r = new Reader(wasm, section[1], section[2]);
            u32(out, count(r) + 2L);
            out.writeBytes(r.rest());
        }
        out.writeBytes(new byte[] {0x7E, 0x01, 0x42, 0x00, 0x0B}); // (global (mut i64) (i64.const 0))
        out.writeBytes(new byte[] {0x7F, 0x01, 0x41, 0x00, 0x0B}); // (global (mut i32) (i32.const 0))
        return out.toByteArray();
    }

    private static byte[] tables(Reader r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = count(r);
        u32(out, n);
        for (int i = 0; i < n; i++) {
            int type = r.u8();
            if (type != 0x70 && type != 0x6F) {
                throw new ModuleRefused("declares a table of type 0x" + Integer.toHexString(type)
                        + ": only funcref and externref tables are supported");
            }
            out.write(type);
            long[] limits = limits(r, "table");
            if (limits[0] > MAX_TABLE_ELEMENTS) {
                throw new ModuleRefused(
                        "asks for a table of " + limits[0] + " elements; a worker gives at most " + MAX_TABLE_ELEMENTS);
            }
            writeLimits(out, limits[0], limits[1] < 0 ? MAX_TABLE_ELEMENTS : Math.min(limits[1], MAX_TABLE_ELEMENTS));
        }
        r.expectEnd("table");
        return out.toByteArray();
    }

    private static byte[] memories(Reader r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = count(r);
        if (n > 1) {
            throw new ModuleRefused("declares " + n + " memories: at most one is supported");
        }
        u32(out, n);
        for (int i = 0; i < n; i++) {
            long[] limits = limits(r, "memory");
            if (limits[0] > MAX_PAGES) {
                throw new ModuleRefused("asks for " + limits[0] + " pages of memory; a worker gives at most "
                        + MAX_PAGES + " (64 MiB)");
            }
            writeLimits(out, limits[0], limits[1] < 0 ? MAX_PAGES : Math.min(limits[1], MAX_PAGES));
        }
        r.expectEnd("memory");
        return out.toByteArray();
    }

    /** {min, max}, max -1 when absent. */
    private static long[] limits(Reader r, String what) {
        int flags = r.u8();
        return switch (flags) {
            case 0x00 -> new long[] {r.u32(), -1};
            case 0x01 -> new long[] {r.u32(), r.u32()};
            case 0x02, 0x03 -> throw new ModuleRefused("declares a shared " + what + ": threads are not supported");
            default ->
                throw new ModuleRefused("declares a " + what + " with limits flags 0x" + Integer.toHexString(flags)
                        + ": 64-bit memories and tables are not supported");
        };
    }

    private static void writeLimits(ByteArrayOutputStream out, long min, long max) {
        out.write(0x01);
        u32(out, min);
        u32(out, max);
    }

    // ---- the code

    private enum Op {
        /** Runs on in the same segment. */
        PLAIN,
        /** Ends a segment: control may go elsewhere after it. */
        TERMINATOR,
        /** Ends a segment, and the next one is a loop head, where the balance is checked. */
        LOOP,
        /** A call: the depth counts up before it and down after. */
        CALL,
        /** Bulk memory: the length in bytes is on top of the stack. */
        BYTES,
        /** A table operation: the number of elements is on top of the stack. */
        ELEMENTS,
        /** memory.grow: the number of pages is on top of the stack. */
        PAGES
    }

    private static byte[] code(Reader r, int[] functionTypes, int[] paramCounts, int gas, int depth, int typeCount) {
        int n = count(r);
        if (n != functionTypes.length) {
            throw invalid("the code section has " + n + " bodies for " + functionTypes.length + " functions");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, n);
        for (int f = 0; f < n; f++) {
            long size = r.u32();
            if (size > r.remaining()) {
                throw malformed("the body of function " + f + " runs past its section");
            }
            Reader body = r.slice((int) size);
            byte[] rewritten = body(body, paramCounts[functionTypes[f]], gas, depth, typeCount);
            u32(out, rewritten.length);
            out.writeBytes(rewritten);
        }
        r.expectEnd("code");
        return out.toByteArray();
    }

    private static byte[] body(Reader r, int params, int gas, int depth, int typeCount) {
        int localStart = r.pos();
        int groups = count(r);
        int groupsStart = r.pos();
        long locals = 0;
        for (int i = 0; i < groups; i++) {
            locals += r.u32();
            valueType(r.u8());
            if (locals > MAX_LOCALS) {
                throw new ModuleRefused("declares more than " + MAX_LOCALS + " locals in one function");
            }
        }
        int localEnd = r.pos();

        List<Integer> starts = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        int open = 1; // the function's own block
        boolean dynamic = false;
        while (open > 0) {
            if (r.atEnd()) {
                throw malformed("a function body ends before its last end");
            }
            starts.add(r.pos());
            Op op = instruction(r, typeCount);
            int code = r.at(starts.get(starts.size() - 1));
            if (code == 0x02 || code == 0x03 || code == 0x04) {
                open++;
            } else if (code == 0x0B) {
                open--;
            }
            dynamic |= op == Op.BYTES || op == Op.ELEMENTS || op == Op.PAGES;
            ops.add(op);
        }
        if (!r.atEnd()) {
            throw malformed("a function body goes on after its last end");
        }
        starts.add(r.pos());

        int count = ops.size();
        long[] segment = new long[count + 1]; // instructions from i to the end of its segment
        for (int i = count - 1; i >= 0; i--) {
            Op op = ops.get(i);
            boolean ends = op == Op.TERMINATOR || op == Op.LOOP;
            segment[i] = ends ? 1 : 1 + segment[i + 1];
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream((r.pos() - localStart) * 2 + 32);
        long scratch = params + locals;
        if (dynamic) {
            u32(out, groups + 1L);
            out.write(r.bytes(), groupsStart, localEnd - groupsStart);
            out.write(0x01); // one more local...
            out.write(0x7F); // ...an i32 that holds a length while it is charged
        } else {
            out.write(r.bytes(), localStart, localEnd - localStart);
        }
        boolean segmentStarts = true;
        boolean check = true; // the function's entry is checked
        for (int i = 0; i < count; i++) {
            if (segmentStarts) {
                charge(out, gas, segment[i], check);
                segmentStarts = false;
            }
            Op op = ops.get(i);
            switch (op) {
                case CALL -> enter(out, depth);
                case BYTES -> chargeVariable(out, gas, scratch, -BYTES_SHIFT);
                case ELEMENTS -> chargeVariable(out, gas, scratch, 0);
                case PAGES -> chargeVariable(out, gas, scratch, PAGE_SHIFT);
                default -> {}
            }
            out.write(r.bytes(), starts.get(i), starts.get(i + 1) - starts.get(i));
            if (op == Op.CALL) {
                leave(out, depth);
            }
            if (op == Op.TERMINATOR || op == Op.LOOP) {
                segmentStarts = true;
                check = op == Op.LOOP;
            }
        }
        return out.toByteArray();
    }

    /** Reads one instruction with its immediates and says what it means for the meter. */
    private static Op instruction(Reader r, int typeCount) {
        int code = r.u8();
        switch (code) {
            case 0x00, 0x05, 0x0B, 0x0F -> {
                return Op.TERMINATOR; // unreachable, else, end, return
            }
            case 0x01, 0x1A, 0x1B, 0xD1 -> {
                return Op.PLAIN; // nop, drop, select, ref.is_null
            }
            case 0x02, 0x04 -> {
                blockType(r, typeCount);
                return Op.TERMINATOR;
            }
            case 0x03 -> {
                blockType(r, typeCount);
                return Op.LOOP;
            }
            case 0x0C, 0x0D -> {
                r.u32();
                return Op.TERMINATOR; // br, br_if
            }
            case 0x0E -> {
                long n = r.u32();
                for (long i = 0; i <= n; i++) {
                    r.u32();
                }
                return Op.TERMINATOR;
            }
            case 0x10 -> {
                r.u32();
                return Op.CALL;
            }
            case 0x11 -> {
                r.u32();
                r.u32();
                return Op.CALL;
            }
            case 0x12 -> {
                r.u32();
                return Op.TERMINATOR; // return_call: replaces the frame, the depth stays
            }
            case 0x13 -> {
                r.u32();
                r.u32();
                return Op.TERMINATOR;
            }
            case 0x1C -> {
                valueTypes(r); // select with types
                return Op.PLAIN;
            }
            case 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2 -> {
                r.u32(); // locals, globals, table.get/set, ref.func
                return Op.PLAIN;
            }
            case 0x3F -> {
                memoryIndex(r);
                return Op.PLAIN; // memory.size
            }
            case 0x40 -> {
                memoryIndex(r);
                return Op.PAGES; // memory.grow
            }
            case 0x41, 0x42 -> {
                r.s64(); // i32.const, i64.const: a signed LEB128 either way
                return Op.PLAIN;
            }
            case 0x43 -> {
                r.skip(4);
                return Op.PLAIN;
            }
            case 0x44 -> {
                r.skip(8);
                return Op.PLAIN;
            }
            case 0xD0 -> {
                int heap = r.u8();
                if (heap != 0x70 && heap != 0x6F) {
                    throw new ModuleRefused("uses typed function references: not supported");
                }
                return Op.PLAIN;
            }
            case 0xFC -> {
                return prefixed(r);
            }
            case 0xFD -> throw new ModuleRefused("uses SIMD instructions: not supported");
            case 0xFE -> throw new ModuleRefused("uses atomic instructions: threads are not supported");
            case 0xFB -> throw new ModuleRefused("uses GC instructions: not supported");
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F ->
                throw new ModuleRefused("uses exception handling: not supported");
            default -> {
                if (code >= 0x28 && code <= 0x3E) {
                    long align = r.u32();
                    if ((align & 0x40) != 0) {
                        throw new ModuleRefused("addresses a second memory: multiple memories are not supported");
                    }
                    r.u64(); // offset
                    return Op.PLAIN;
                }
                if (code >= 0x45 && code <= 0xC4) {
                    return Op.PLAIN; // numbers: no immediates
                }
                throw new ModuleRefused("uses instruction 0x" + Integer.toHexString(code) + ", which is not supported");
            }
        }
    }

    private static Op prefixed(Reader r) {
        long sub = r.u32();
        if (sub <= 7) {
            return Op.PLAIN; // saturating truncations
        }
        switch ((int) sub) {
            case 8 -> { // memory.init data memory
                r.u32();
                memoryIndex(r);
                return Op.BYTES;
            }
            case 9, 13, 16 -> { // data.drop, elem.drop, table.size
                r.u32();
                return Op.PLAIN;
            }
            case 10 -> { // memory.copy
                memoryIndex(r);
                memoryIndex(r);
                return Op.BYTES;
            }
            case 11 -> { // memory.fill
                memoryIndex(r);
                return Op.BYTES;
            }
            case 12, 14 -> { // table.init, table.copy
                r.u32();
                r.u32();
                return Op.ELEMENTS;
            }
            case 15, 17 -> { // table.grow, table.fill
                r.u32();
                return Op.ELEMENTS;
            }
            default -> throw new ModuleRefused("uses instruction 0xfc " + sub + ", which is not supported");
        }
    }

    private static void memoryIndex(Reader r) {
        if (r.u32() != 0) {
            throw new ModuleRefused("addresses a second memory: multiple memories are not supported");
        }
    }

    private static void blockType(Reader r, int typeCount) {
        int b = r.at(r.pos());
        if (b == 0x40) {
            r.u8();
            return;
        }
        if (b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x70 || b == 0x6F || b == 0x7B) {
            valueType(r.u8());
            return;
        }
        long index = r.s33();
        if (index < 0 || index >= typeCount) {
            throw new ModuleRefused("uses block type " + index + ", which is neither a value type nor a known type");
        }
    }

    // ---- the code added

    /** {@code gas -= cost}, and where asked, trap if the balance went below zero. */
    private static void charge(ByteArrayOutputStream out, int gas, long cost, boolean check) {
        out.write(0x23); // global.get
        u32(out, gas);
        out.write(0x42); // i64.const
        s64(out, cost);
        out.write(0x7D); // i64.sub
        out.write(0x24); // global.set
        u32(out, gas);
        if (check) {
            check(out, gas);
        }
    }

    /**
     * With a count on top of the stack (kept there): {@code gas -= count >> shift} (or {@code << -shift}), checked.
     */
    private static void chargeVariable(ByteArrayOutputStream out, int gas, long scratch, int shift) {
        out.write(0x22); // local.tee
        u32(out, scratch);
        out.write(0x23); // global.get
        u32(out, gas);
        out.write(0x20); // local.get
        u32(out, scratch);
        out.write(0xAD); // i64.extend_i32_u
        if (shift != 0) {
            out.write(0x42); // i64.const
            s64(out, Math.abs(shift));
            out.write(shift > 0 ? 0x86 : 0x88); // i64.shl : i64.shr_u
        }
        out.write(0x7D); // i64.sub
        out.write(0x24); // global.set
        u32(out, gas);
        check(out, gas);
    }

    private static void check(ByteArrayOutputStream out, int gas) {
        out.write(0x23); // global.get
        u32(out, gas);
        out.write(0x42); // i64.const 0
        out.write(0x00);
        out.write(0x53); // i64.lt_s
        out.writeBytes(new byte[] {0x04, 0x40, 0x00, 0x0B}); // if unreachable end
    }

    private static void enter(ByteArrayOutputStream out, int depth) {
        out.write(0x23); // global.get
        u32(out, depth);
        out.writeBytes(new byte[] {0x41, 0x01, 0x6A}); // i32.const 1, i32.add
        out.write(0x24); // global.set
        u32(out, depth);
        out.write(0x23);
        u32(out, depth);
        out.write(0x41); // i32.const
        s64(out, MAX_CALL_DEPTH);
        out.write(0x4B); // i32.gt_u
        out.writeBytes(new byte[] {0x04, 0x40, 0x00, 0x0B}); // if unreachable end
    }

    private static void leave(ByteArrayOutputStream out, int depth) {
        out.write(0x23);
        u32(out, depth);
        out.writeBytes(new byte[] {0x41, 0x01, 0x6B}); // i32.const 1, i32.sub
        out.write(0x24);
        u32(out, depth);
    }

    // ---- encoding

    private static void writeSection(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        u32(out, content.length);
        out.writeBytes(content);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }

    private static void s64(ByteArrayOutputStream out, long value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    private static int count(Reader r) {
        long n = r.u32();
        if (n > r.remaining()) {
            throw malformed("a vector of " + n + " entries is longer than what follows it");
        }
        return (int) n;
    }

    private static int checkedIndex(long index, String what) {
        if (index > Integer.MAX_VALUE) {
            throw invalid("the " + what + " index " + index + " is out of range");
        }
        return (int) index;
    }

    private static ModuleRefused malformed(String detail) {
        return new ModuleRefused("is not a well-formed WebAssembly module: " + detail);
    }

    private static ModuleRefused invalid(String detail) {
        return new ModuleRefused("is not a valid WebAssembly module: " + detail);
    }

    /** Reads a window of the module's bytes; running off its end is a malformed module. */
    static final class Reader {

        private final byte[] bytes;
        private final int end;
        private int pos;

        Reader(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        byte[] bytes() {
            return bytes;
        }

        int pos() {
            return pos;
        }

        boolean atEnd() {
            return pos >= end;
        }

        int remaining() {
            return end - pos;
        }

        int at(int index) {
            if (index >= end) {
                throw malformed("it ends in the middle of an instruction");
            }
            return bytes[index] & 0xff;
        }

        int u8() {
            int b = at(pos);
            pos++;
            return b;
        }

        void skip(int n) {
            if (n > end - pos) {
                throw malformed("it ends in the middle of a value");
            }
            pos += n;
        }

        Reader slice(int n) {
            Reader s = new Reader(bytes, pos, pos + n);
            skip(n);
            return s;
        }

        byte[] rest() {
            byte[] out = java.util.Arrays.copyOfRange(bytes, pos, end);
            pos = end;
            return out;
        }

        String name() {
            int n = count(this);
            String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
            skip(n);
            return s;
        }

        void expectEnd(String section) {
            if (pos != end) {
                throw malformed("the " + section + " section has " + (end - pos) + " bytes left over");
            }
        }

        long u32() {
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (result > 0xFFFF_FFFFL) {
                        throw malformed("an unsigned 32-bit integer is out of range");
                    }
                    return result;
                }
            }
            throw malformed("an unsigned 32-bit integer is too long");
        }

        long u64() {
            long result = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = u8();
                if (shift < 64) {
                    result |= (long) (b & 0x7F) << shift;
                }
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw malformed("an unsigned 64-bit integer is too long");
        }

        long s64() {
            long result = 0;
            int shift = 0;
            int b;
            do {
                if (shift >= 70) {
                    throw malformed("a signed integer is too long");
                }
                b = u8();
                if (shift < 64) {
                    result |= (long) (b & 0x7F) << shift;
                }
                shift += 7;
            } while ((b & 0x80) != 0);
            if (shift < 64 && (b & 0x40) != 0) {
                result |= -1L << shift;
            }
            return result;
        }

        /** A signed 33-bit block type index. */
        long s33() {
            long result = 0;
            int shift = 0;
            int b;
            do {
                if (shift >= 35) {
                    throw malformed("a block type is too long");
                }
                b = u8();
                result |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (shift < 64 && (b & 0x40) != 0) {
                result |= -1L << shift;
            }
            return result;
        }
    }
}
