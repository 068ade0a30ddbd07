package dev.rnn4j.io;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each refusal of the weights-only unpickler, each with a pickle that would run code or build
 * an arbitrary object if a full unpickler executed it. The refusal names what was refused; the
 * same pickle is refused inside a zip .pt and a legacy .pt.
 */
class RestrictedUnpicklerTest {

    private static String refused(byte[] pickle) {
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> TorchFiles.load(
                Bytes.zip(pickle, Map.of())));
        UnsafePickleException legacy = assertThrows(UnsafePickleException.class, () -> TorchFiles.load(
                Bytes.legacy(pickle)));
        assertEquals(e.getMessage(), legacy.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /** {@code os.system("echo pwned")}: GLOBAL + argument tuple + REDUCE. */
    private static byte[] call(String module, String name, String arg) {
        return Bytes.pickle("c", module + "\n" + name + "\n", Bytes.str(arg), 0x85, "R");
    }

    @Test
    void osSystemIsRefusedAsABlockedModule() {
        String m = refused(call("os", "system", "echo pwned"));
        assertTrue(m.contains("GLOBAL os.system") && m.contains("blocked"), m);
    }

    @Test
    void posixSystemAsPythonPicklesOsSystemOnLinux() {
        String m = refused(call("posix", "system", "echo pwned"));
        assertTrue(m.contains("GLOBAL posix.system") && m.contains("blocked"), m);
    }

    @Test
    void builtinsEvalIsNotAnAllowedGlobal() {
        String m = refused(call("builtins", "eval", "__import__('os').system('echo pwned')"));
        assertTrue(m.contains("GLOBAL builtins.eval") && m.contains("not an allowed global"), m);
        assertTrue(refused(call("__builtin__", "exec", "1")).contains("GLOBAL builtins.exec"));
    }

    @Test
    void subprocessAndImportlibAreRefused() {
        assertTrue(refused(call("subprocess", "check_output", "ls")).contains("subprocess.check_output"));
        assertTrue(refused(call("importlib", "import_module", "os")).contains("importlib.import_module"));
    }

    @Test
    void aPickledWholeModelIsRefusedByItsClass() {
        // torch.save(model): GLOBAL __main__.CharRNN, EMPTY_TUPLE, NEWOBJ, then BUILD with its __dict__
        String m = refused(Bytes.pickle("c__main__\nCharRNN\n)", 0x81, "}b"));
        assertTrue(m.contains("GLOBAL __main__.CharRNN"), m);
        String torchClass = refused(Bytes.pickle("ctorch.nn.modules.rnn\nLSTM\n)", 0x81));
        assertTrue(torchClass.contains("torch.nn.modules.rnn.LSTM"), torchClass);
    }

    @Test
    void stackGlobalInstObjAndExtensionsAreRefusedOpcodes() {
        // protocol 4's STACK_GLOBAL takes module and name from the stack: ('os', 'system')
        assertTrue(refused(Bytes.pickle(Bytes.str("os"), Bytes.str("system"), 0x93, Bytes.str("ls"), 0x85, "R"))
                .contains("STACK_GLOBAL"));
        assertTrue(refused(Bytes.pickle("(", Bytes.str("ls"), "ios\nsystem\n")).contains("INST"));
        assertTrue(refused(Bytes.pickle("(cos\nsystem\n", Bytes.str("ls"), "o")).contains("GLOBAL os.system"));
        assertTrue(refused(Bytes.pickle("(", Bytes.str("ls"), "o")).contains("OBJ"));
        assertTrue(refused(Bytes.pickle(0x82, 1)).contains("EXT1"));
        assertTrue(refused(Bytes.pickle("S'os'\n")).contains("STRING"));
    }

    @Test
    void reduceOnlyCallsAllowedGlobals() {
        String m = refused(Bytes.pickle(Bytes.str("not callable"), ")R"));
        assertTrue(m.contains("REDUCE on a str"), m);
    }

    @Test
    void newobjOnlyCreatesAllowedTypes() {
        String m = refused(Bytes.pickle("]", ")", 0x81));
        assertTrue(m.contains("NEWOBJ of a list"), m);
    }

    @Test
    void buildOnlyOnTensorsParametersAndOrderedDicts() {
        assertTrue(refused(Bytes.pickle("]}b")).contains("BUILD of a list"));
        assertTrue(refused(Bytes.pickle("}}b")).contains("BUILD of a dict"));
    }

    @Test
    void appendOnlyToListsAndSetitemOnlyOnDicts() {
        assertTrue(refused(Bytes.pickle("}", "K", 1, "a")).contains("APPEND to a dict"));
        assertTrue(refused(Bytes.pickle("]", "K", 1, "K", 2, "s")).contains("SETITEM on a list"));
    }

    @Test
    void persistentIdsOnlyNameStorages() {
        String m = refused(Bytes.pickle("(", Bytes.str("module"), "cos\nsystem\n"));
        assertTrue(m.contains("GLOBAL os.system"), m);
        String kind = refused(Bytes.pickle(Bytes.str("module"), 0x85, "Q"));
        assertTrue(kind.contains("persistent id of kind str 'module'"), kind);
    }
}
