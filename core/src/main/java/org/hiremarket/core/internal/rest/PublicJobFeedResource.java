package org.hiremarket.core.internal.rest;

import java.util.Date;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.Company;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.job.JobFeed;
import org.hiremarket.core.internal.job.JobService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * A company's job feed for aggregators that pull it (issue 27): anonymous, its {@code PUBLIC} ads of
 * sourcing jobs only ({@link JobFeed}, newest first, at most {@link JobFeed#MAX_ADS}), as an XML job
 * feed and as schema.org JSON-LD. The path names the format, so the answer is not negotiated by
 * {@code Accept}. Shared caches may keep it for {@link #MAX_AGE_SECONDS}; its strong {@code ETag}
 * is a digest of its bytes, and a matching {@code If-None-Match} is answered 304 without a body.
 * {@code If-Modified-Since} is not evaluated: an ad withdrawn from the feed does not move its
 * {@code Last-Modified} on.
 */
@Path("/public/companies/{companyId}")
@Public
public class PublicJobFeedResource {

    /** How long a cache may serve the feed without asking again: five minutes. */
    static final int MAX_AGE_SECONDS = 300;
    static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;

    private static final String NOT_MODIFIED = "Not modified: If-None-Match named the current ETag (or was *);"
            + " no body";

    private final CompanyService companies;
    private final JobService jobs;

    PublicJobFeedResource(CompanyService companies, JobService jobs) {
        this.companies = companies;
        this.jobs = jobs;
    }

    @GET
    @Path("/feed.xml")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The company's public job feed in the XML job-feed shape aggregators read")
    @Parameter(in = ParameterIn.HEADER, name = IfNoneMatch.HEADER, description = "ETags of copies the client holds"
            + " (a list, weak or strong, or *): 304 when one is the current one", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "<source> with <publisher>, <publisherurl>, <lastBuildDate>"
            + " and one <job> per PUBLIC ad of a sourcing job, newest first",
            headers = { @Header(name = "ETag", description = "Strong entity tag of the bytes", schema = @Schema(type = "string")),
                    @Header(name = "Last-Modified", description = "The latest change of a listed job (absent without jobs)",
                            schema = @Schema(type = "string")),
                    @Header(name = "Cache-Control", description = CACHE_CONTROL, schema = @Schema(type = "string")) },
            content = @Content(mediaType = JobFeed.XML, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = NOT_MODIFIED,
            headers = @Header(name = "ETag", description = "The current entity tag", schema = @Schema(type = "string")))
    public Response xml(@PathParam("companyId") String companyId, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(feed(companyId, uri).xml(), headers);
    }

    @GET
    @Path("/feed.jsonld")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The company's public job feed as schema.org JobPosting JSON-LD")
    @Parameter(in = ParameterIn.HEADER, name = IfNoneMatch.HEADER, description = "ETags of copies the client holds"
            + " (a list, weak or strong, or *): 304 when one is the current one", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "An ItemList whose itemListElement are the JobPostings of the"
            + " PUBLIC ads of sourcing jobs, newest first",
            headers = { @Header(name = "ETag", description = "Strong entity tag of the bytes", schema = @Schema(type = "string")),
                    @Header(name = "Last-Modified", description = "The latest change of a listed job (absent without jobs)",
                            schema = @Schema(type = "string")),
                    @Header(name = "Cache-Control", description = CACHE_CONTROL, schema = @Schema(type = "string")) },
            content = @Content(mediaType = JobFeed.JSON_LD, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "304", description = NOT_MODIFIED,
            headers = @Header(name = "ETag", description = "The current entity tag", schema = @Schema(type = "string")))
    public Response jsonLd(@PathParam("companyId") String companyId, @Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(feed(companyId, uri).jsonLd(), headers);
    }

    /** The company's feed with links on this host's public base; 404 for a company that does not exist. */
    private JobFeed feed(String companyId, UriInfo uri) {
        Company company = companies.findCompany(companyId).orElseThrow(() -> ApiException.notFound("company", companyId));
        return new JobFeed(company.id(), company.name(), Links.base(uri), jobs.publicFeedAds(company.id(), JobFeed.MAX_ADS));
    }

    /** 200 with the document, or 304 without a body when If-None-Match names it; both cacheable. */
    static Response answer(JobFeed.Document doc, HttpHeaders headers) {
        EntityTag tag = new EntityTag(doc.entityTag());
        if (IfNoneMatch.matches(headers.getRequestHeader(IfNoneMatch.HEADER), doc.entityTag())) {
            return Response.notModified(tag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        }
        // XML names its encoding in its declaration too; JSON is UTF-8 by definition (no charset parameter)
        String type = doc.mediaType().equals(JobFeed.XML) ? JobFeed.XML + ";charset=UTF-8" : doc.mediaType();
        Response.ResponseBuilder ok = Response.ok(doc.body(), type).tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        doc.lastModified().ifPresent(t -> ok.lastModified(Date.from(t)));
        return ok.build();
    }
}
