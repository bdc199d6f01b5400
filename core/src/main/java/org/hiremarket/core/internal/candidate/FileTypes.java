package org.hiremarket.core.internal.candidate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks that an uploaded file's bytes match its declared type (magic numbers), so a label cannot lie. */
final class FileTypes {

    private FileTypes() {
    }

    static boolean looksLike(String contentType, byte[] b) {
        return switch (contentType) {
            case "application/pdf" -> starts(b, '%', 'P', 'D', 'F', '-');
            // DOCX is a ZIP container
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> starts(b, 'P', 'K', 3, 4);
            // DOC is an OLE2 compound file
            case "application/msword" -> starts(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
            case "image/png" -> starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/jpeg" -> starts(b, 0xFF, 0xD8, 0xFF);
            case "text/plain" -> isUtf8Text(b);
            default -> false;
        };
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8Text(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return s.chars().noneMatch(c -> c == 0);
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
