package org.hiremarket.core.internal.common;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class HashesTest {

    @Test
    public void sha256OfTheStandardTestVectorsAsLowerCaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashes.sha256Hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashes.sha256Hex(""));
    }

    @Test
    public void textIsDigestedAsUtf8() {
        // "é" as UTF-8 is C3 A9
        assertEquals(Hashes.sha256Hex("\u00e9"), Hashes.sha256Hex(new String(new byte[] { (byte) 0xC3, (byte) 0xA9 },
                java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    public void partsAreDigestedOneAfterTheOther() {
        assertEquals(Hashes.sha256Hex("abc"), Hashes.sha256Hex("a".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "bc".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
