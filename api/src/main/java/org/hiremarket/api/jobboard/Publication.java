package org.hiremarket.api.jobboard;

import java.util.Objects;

/**
 * A published ad.
 *
 * @param boardReference the board's id of the ad, used to withdraw it
 * @param url            the public address of the ad on the board
 */
public record Publication(String boardReference, String url) {

    public Publication {
        Objects.requireNonNull(boardReference, "boardReference");
    }
}
