package dev.rnn4j.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed bytes are a {@link FormatException}, not replacement characters. */
final class Utf8 {

    private Utf8() {
    }

    static String decode(ByteBuffer b, String what) throws FormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(what + " is not valid UTF-8", e);
        }
    }
}
