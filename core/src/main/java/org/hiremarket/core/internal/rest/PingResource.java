package org.hiremarket.core.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * A constant answer through the whole REST stack (filters, JSON) without touching the database:
 * for load balancers' liveness checks and as the benchmark's baseline.
 */
@Path("/ping")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class PingResource {

    /** The answer. */
    public record Pong(String status) {
    }

    private static final Pong PONG = new Pong("ok");

    @GET
    public Pong ping() {
        return PONG;
    }
}
