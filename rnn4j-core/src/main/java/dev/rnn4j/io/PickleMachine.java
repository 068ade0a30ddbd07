package dev.rnn4j.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The restricted unpickler: PyTorch's {@code _weights_only_unpickler.Unpickler} opcode for
 * opcode. Only its opcodes run; GLOBAL resolves through the allow-list of {@link Globals}
 * without looking anything up; REDUCE, NEWOBJ and BUILD act only on allowed globals and
 * containers. Each opcode consumes at least one byte and does bounded work, so time and
 * memory are linear in the pickle's size; every failure is a {@link FormatException}.
 */
final class PickleMachine {

    /** Resolves a persistent id (the storages of a checkpoint). */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object pid) throws FormatException;
    }

    private static final int MAX_LINE = 1024;

    private final ByteBuffer in;
    private final PersistentLoader loader;
    private final Map<Long, Object> memo = new HashMap<>();
    private final ArrayDeque<List<Object>> metastack = new ArrayDeque<>();
    private List<Object> stack = new ArrayList<>();
    /** What calls may copy in all (items of their arguments): linear in the pickle, so reusing a memoized
     *  huge list as the argument of many calls cannot make loading quadratic. */
    private long workLeft;

    PickleMachine(ByteBuffer in, PersistentLoader loader) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.loader = loader;
        this.workLeft = 4L * in.remaining() + 100_000;
    }

    /** Runs to STOP and returns the pickled object; the buffer is left after the STOP opcode. */
    Object load() throws FormatException {
        while (true) {
            int at = in.position();
            int op = u8();
            try {
                if (op == '.') {
                    return pop();
                }
                step(op);
            } catch (UnsafePickleException e) {
                throw e;
            } catch (FormatException e) {
                throw new FormatException(e.getMessage() + " (pickle opcode " + Opcodes.name(op) + " at byte " + at
                        + ")", e);
            }
        }
    }

    private void step(int op) throws FormatException {
        switch (op) {
            case 0x80 -> u8();                                          // PROTO: any version, as PyTorch
            case 'c' -> push(Globals.lookup(line(), line()));          // GLOBAL
            case 'R' -> reduce();
            case 0x81 -> {                                              // NEWOBJ
                Py.Tuple args = charge(tuple(pop()));
                push(Globals.instantiate(pop(), args));
            }
            case 'b' -> build();
            case 'a' -> append(List.of(pop()));                         // APPEND
            case 'e' -> append(popMark());                              // APPENDS
            case 's' -> {                                               // SETITEM
                Object v = pop();
                Object k = pop();
                Containers.put(dictTarget("SETITEM"), k, v);
            }
            case 'u' -> setItems(popMark());
            case '(' -> {                                               // MARK
                metastack.push(stack);
                stack = new ArrayList<>();
            }
            case 't' -> push(new Py.Tuple(popMark().toArray()));       // TUPLE
            case 0x85 -> push(new Py.Tuple(new Object[]{pop()}));      // TUPLE1
            case 0x86, 0x87 -> tupleN(op - 0x84);                       // TUPLE2, TUPLE3
            case 'N' -> push(null);
            case 0x89 -> push(Boolean.FALSE);
            case 0x88 -> push(Boolean.TRUE);
            case ')' -> push(new Py.Tuple(new Object[0]));
            case ']' -> push(new Py.PyList());
            case '}' -> push(new Py.Dict(Py.Dict.Kind.DICT));
            case 0x8f -> push(new Py.PySet());
            case 'J' -> push((long) bytes(4).getInt());                 // BININT
            case 'K' -> push((long) u8());                              // BININT1
            case 'M' -> push((long) (bytes(2).getShort() & 0xffff));   // BININT2
            case 'G' -> push(bytes(8).order(ByteOrder.BIG_ENDIAN).getDouble());    // BINFLOAT
            case 'X' -> push(Utf8.decode(bytes(length(Integer.toUnsignedLong(bytes(4).getInt()))), "string"));
            case 'U' -> push(Utf8.decode(bytes(u8()), "string"));      // SHORT_BINSTRING, utf-8 as torch.load
            case 'Q' -> push(loader.load(persistentId(pop())));        // BINPERSID
            case 'h' -> push(get(u8()));                                // BINGET
            case 'j' -> push(get(Integer.toUnsignedLong(bytes(4).getInt())));  // LONG_BINGET
            case 'q' -> put(u8());                                      // BINPUT
            case 'r' -> put(Integer.toUnsignedLong(bytes(4).getInt())); // LONG_BINPUT
            case 0x8a -> push(long1(bytes(u8())));                      // LONG1
            default -> throw new UnsafePickleException("refused pickle opcode " + Opcodes.name(op)
                    + ": not one weights-only loading allows");
        }
    }

    private void reduce() throws FormatException {
        Py.Tuple args = charge(tuple(pop()));
        Object f = peek();
        if (!(f instanceof Py.Global g)) {
            throw new UnsafePickleException("refused REDUCE on a " + Py.typeName(f)
                    + ": only allowed globals can be called");
        }
        stack.set(stack.size() - 1, Globals.call(g, args));
    }

    private void build() throws FormatException {
        Object state = pop();
        Object inst = peek();
        if (inst instanceof Py.Dict d && d.kind != Py.Dict.Kind.DICT) {
            return;     // OrderedDict attributes (a state dict's _metadata): rnn4j keeps none of them
        }
        if (inst instanceof TensorRef t && t.parameter()) {
            return;     // Parameter.__setstate__: its state is the data already there
        }
        if (inst instanceof TensorRef) {
            throw new FormatException("BUILD on a Tensor (the pre-1.0 set_ form) is not supported by rnn4j");
        }
        throw new UnsafePickleException("refused BUILD of a " + Py.typeName(inst) + " with a " + Py.typeName(state)
                + ": only a Tensor, Parameter or OrderedDict can be built");
    }

    private void append(List<Object> items) throws FormatException {
        if (!(peek() instanceof Py.PyList list)) {
            throw new UnsafePickleException("refused APPEND to a " + Py.typeName(peek()) + ": only lists");
        }
        list.items.addAll(items);
    }

    private void setItems(List<Object> items) throws FormatException {
        if (items.size() % 2 != 0) {
            throw new FormatException("SETITEMS with an odd number of items");
        }
        Py.Dict d = dictTarget("SETITEMS");
        for (int i = 0; i < items.size(); i += 2) {
            Containers.put(d, items.get(i), items.get(i + 1));
        }
    }

    private Py.Dict dictTarget(String opcode) throws FormatException {
        if (!(peek() instanceof Py.Dict d)) {
            throw new UnsafePickleException("refused " + opcode + " on a " + Py.typeName(peek())
                    + ": only dict, OrderedDict or Counter");
        }
        return d;
    }

    /** A persistent id may be an int or a tuple whose first item is "storage", as PyTorch requires. */
    private static Object persistentId(Object pid) throws FormatException {
        if (pid instanceof Py.Tuple t) {
            Object tag = t.items.length > 0 ? t.items[0] : null;
            if (tag instanceof byte[] b) {
                tag = new String(b, StandardCharsets.ISO_8859_1);
            }
            if (!"storage".equals(tag)) {
                throw new UnsafePickleException("refused persistent id of kind " + Py.typeName(tag)
                        + (tag instanceof String s ? " '" + Globals.shown(s) + "'" : "") + ": only storages");
            }
            return t;
        }
        if (!(pid instanceof Long)) {
            throw new UnsafePickleException("refused persistent id of type " + Py.typeName(pid)
                    + ": must be a tuple or an int");
        }
        return pid;
    }

    private void tupleN(int n) throws FormatException {
        if (stack.size() < n) {
            throw new FormatException("pickle stack underflow");
        }
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        Object[] items = top.toArray();
        top.clear();
        push(new Py.Tuple(items));
    }

    /** Counts the items a call may copy from its arguments against the pickle's work budget. */
    private Py.Tuple charge(Py.Tuple args) throws FormatException {
        long cost = 1;
        for (Object a : args.items) {
            cost += a instanceof Py.PyList l ? l.items.size() : a instanceof Py.Tuple t ? t.items.length
                    : a instanceof Py.Dict d ? d.map.size() : a instanceof Py.PySet set ? set.items.size()
                    : a instanceof String str ? str.length() : a instanceof byte[] b ? b.length : 1;
        }
        workLeft -= cost;
        if (workLeft < 0) {
            throw new FormatException("the pickle's calls copy far more items than it holds (a reused huge argument)");
        }
        return args;
    }

    private static Py.Tuple tuple(Object o) throws FormatException {
        if (!(o instanceof Py.Tuple t)) {
            throw new FormatException("expected an argument tuple, got a " + Py.typeName(o));
        }
        return t;
    }

    private List<Object> popMark() throws FormatException {
        if (metastack.isEmpty()) {
            throw new FormatException("pickle has no MARK to pop");
        }
        List<Object> items = stack;
        stack = metastack.pop();
        return items;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws FormatException {
        if (stack.isEmpty()) {
            throw new FormatException("pickle stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws FormatException {
        if (stack.isEmpty()) {
            throw new FormatException("pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private Object get(long key) throws FormatException {
        if (!memo.containsKey(key)) {
            throw new FormatException("pickle memo has no entry " + key);
        }
        return memo.get(key);
    }

    private void put(long key) throws FormatException {
        memo.put(key, peek());
    }

    private int u8() throws FormatException {
        if (!in.hasRemaining()) {
            throw new FormatException("truncated pickle: it ends before STOP");
        }
        return in.get() & 0xff;
    }

    /** The next {@code n} bytes as a little-endian buffer; checked against what is left before anything is allocated. */
    private ByteBuffer bytes(int n) throws FormatException {
        if (n > in.remaining()) {
            throw new FormatException("truncated pickle: " + n + " bytes wanted, " + in.remaining() + " left");
        }
        ByteBuffer b = in.slice(in.position(), n).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + n);
        return b;
    }

    private int length(long n) throws FormatException {
        if (n > in.remaining()) {
            throw new FormatException("truncated pickle: a string of " + n + " bytes, " + in.remaining() + " left");
        }
        return (int) n;
    }

    /** The text of a GLOBAL line, up to its newline. */
    private String line() throws FormatException {
        int start = in.position();
        int limit = Math.min(in.limit(), start + MAX_LINE);
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                String s = Utf8.decode(in.slice(start, i - start), "GLOBAL name");
                in.position(i + 1);
                return s;
            }
        }
        throw new FormatException("GLOBAL name without an end of line within " + MAX_LINE + " bytes");
    }

    /** LONG1: a little-endian two's-complement integer; a Long when it fits, else a BigInteger. */
    private static Object long1(ByteBuffer b) {
        byte[] bigEndian = new byte[b.remaining()];
        for (int i = 0; i < bigEndian.length; i++) {
            bigEndian[bigEndian.length - 1 - i] = b.get(i);
        }
        if (bigEndian.length == 0) {
            return 0L;
        }
        BigInteger v = new BigInteger(bigEndian);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
