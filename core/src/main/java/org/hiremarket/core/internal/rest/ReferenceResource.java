package org.hiremarket.core.internal.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.identity.ReferenceData;
import org.hiremarket.core.internal.identity.SystemRole;
import org.hiremarket.core.internal.job.JobReference;

/** Reference lists the API's ids come from: public, they are the same for every company. */
@Path("/reference")
@Public
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceResource {

    public record RoleRef(String id, String name, List<String> scopes) {
    }

    @GET
    @Path("/system-roles")
    public List<RoleRef> systemRoles() {
        return Arrays.stream(SystemRole.values()).map(r -> new RoleRef(r.name(), r.name(),
                r.scopes().stream().map(s -> s.wire()).sorted().toList())).toList();
    }

    @GET
    @Path("/industries")
    public List<JobReference.Item> industries() {
        return JobReference.items(JobReference.INDUSTRIES);
    }

    @GET
    @Path("/functions")
    public List<JobReference.Item> functions() {
        return JobReference.items(JobReference.FUNCTIONS);
    }

    @GET
    @Path("/experience-levels")
    public List<JobReference.Item> experienceLevels() {
        return JobReference.items(JobReference.EXPERIENCE_LEVELS);
    }

    @GET
    @Path("/countries")
    public Map<String, String> countries() {
        return ReferenceData.countries();
    }

    @GET
    @Path("/languages")
    public List<String> languages() {
        return ReferenceData.languages().stream().sorted().toList();
    }
}
