package org.hiremarket.itests;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Partner-account values the demo vendors accept, made the way their READMEs describe. */
final class Credentials {

    private Credentials() {
    }

    /** An OpenBoard feed token for a board: CRC32 of the board id, then 24 more hex digits. */
    static String openBoardToken(String boardId) {
        CRC32 crc = new CRC32();
        crc.update(boardId.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue()) + "0123456789abcdef01234567";
    }

    static String openBoardFields(String boardId) {
        return "{\"fields\":{\"boardId\":\"" + boardId + "\",\"feedToken\":\"" + openBoardToken(boardId) + "\"}}";
    }
}
