package org.hiremarket.core.internal.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;
import org.hiremarket.core.internal.agency.AgencyConversations;
import org.hiremarket.core.internal.agency.AgencyService;
import org.hiremarket.core.internal.agency.ResumeDrafts;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateService;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.employee.EmployeeService;
import org.hiremarket.core.internal.idempotency.IdempotencyStore;
import org.hiremarket.core.internal.identity.AuthService;
import org.hiremarket.core.internal.identity.CredentialService;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.TokenService;
import org.hiremarket.core.internal.identity.UserService;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.DatabaseHealth;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.PartnerService;
import org.hiremarket.core.internal.posting.PostingService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.hiremarket.core.internal.assessment.AssessmentService;
import org.hiremarket.core.internal.assessment.HiringStepService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Publishes the REST API at {@code /api/v1} (CXF servlet context {@code /api}, set in
 * {@code etc/org.apache.cxf.osgi.cfg}). Resources are thin: they map HTTP onto service calls.
 */
@Component(immediate = true, configurationPid = ApiConfig.PID)
@Designate(ocd = ApiConfig.class)
public class RestServer {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    static final String ADDRESS = "/v1";

    private final CompletableFuture<Server> server;
    /** The detail of the 503 answered while no API is published. */
    static final String NOT_PUBLISHED = "the API is starting or applying a configuration change; retry in a moment";

    @Activate
    public RestServer(@Reference CompanyService companies, @Reference MarketplaceService marketplace,
            @Reference ConnectionService connections, @Reference UserService users, @Reference AuthService auth,
            @Reference TokenService tokens, @Reference CredentialService credentials, @Reference JobService jobs,
            @Reference CandidateService candidates, @Reference ApplicationService applications,
            @Reference EmployeeService employees, @Reference IdempotencyStore idempotency,
            @Reference AssessmentService assessments, @Reference HiringStepService steps, @Reference Database db,
            @Reference DatabaseHealth health, @Reference PostingService postings,
            @Reference PartnerAuthService partnerAuth, @Reference PartnerService partners,
            @Reference OfferService offers, @Reference AgencyService agencies,
            @Reference AgencyConversations conversations, @Reference ResumeDrafts resumes, ApiConfig config) {
        // built and published on a thread of its own, so the rest of the boot goes on meanwhile: the
        // resources, the JSON mapper and CXF's model of them load some 1,500 classes on a cold JVM
        Supplier<Api> api = () -> {
            List<Object> documented = documented(companies, marketplace, connections, users, auth, tokens, credentials,
                    jobs, candidates, applications, employees, assessments, steps, db, health, postings,
                    new Partners(partnerAuth, partners, offers, agencies, conversations, resumes));
            List<Object> resources = new ArrayList<>(documented);
            resources.add(new OpenApiResource(documented));
            ObjectMapper mapper = objectMapper();
            List<Object> filters = List.of(new PublicBaseUriFilter(config.public_base_url()), new ProblemAcceptFilter(),
                    new BodyLimitFilter(config.max_body_bytes()),
                    new AuthenticationFilter(companies, tokens, partnerAuth,
                            new AuthFailureLimiter(config.auth_failures_per_minute(), config.auth_failures_burst())),
                    new RateLimitFilter(config.rate_limit_per_second(), config.rate_limit_burst()),
                    new IdempotencyFilter(), new ResponseHeadersFilter(), new ClientAbortInterceptor());
            return new Api(resources, filters, mapper, new IdempotentInvoker(db, idempotency, mapper,
                    Duration.ofHours(config.idempotency_retention_hours())));
        };
        this.server = CompletableFuture.supplyAsync(() -> publish(api), r -> {
            Thread t = new Thread(r, "hiremarket-rest-publish");
            t.setDaemon(true);
            t.start();
        });
    }

    /** What is published: resources, the filters around them, the JSON mapper they share, and their invoker. */
    /** The resources of the API, each documented in the OpenAPI document. */
    static List<Object> documented(CompanyService companies, MarketplaceService marketplace,
            ConnectionService connections, UserService users, AuthService auth, TokenService tokens,
            CredentialService credentials, JobService jobs, CandidateService candidates,
            ApplicationService applications, EmployeeService employees, AssessmentService assessments,
            HiringStepService steps, Database db, DatabaseHealth health, PostingService postings, Partners partners) {
        return List.of(new IntegrationResource(marketplace, partners.offers()), new ConnectionResource(connections, assessments, postings),
                new UserResource(users), new AuthResource(auth, tokens, users),
                new CredentialResource(companies, credentials), new OAuthTokenResource(credentials),
                new ReferenceResource(), new JobResource(jobs, applications, steps, postings),
                new CandidateResource(candidates, applications), new ApplicationResource(applications, assessments, steps),
                new AssessmentResource(assessments), new EmployeeResource(employees), new PublicJobResource(jobs),
                new PublicJobFeedResource(companies, jobs), new PingResource(), new ReadyResource(db, health),
                new PostingResource(postings), new BoardApplicationResource(postings),
                new PartnerAuthResource(partners.auth()),
                new PartnerResource(partners.auth(), partners.partners(), partners.offers(), assessments),
                new PartnerOfferResource(partners.offers()), new PublicPartnerResource(partners.partners()),
                new AgencyResource(partners.agencies(), partners.conversations()),
                new JobAssignmentResource(partners.agencies()),
                new PartnerAgencyResource(partners.agencies(), partners.conversations(), partners.resumes()),
                new FeedResource(partners.conversations()));
    }

    /** The partner realm's services, and the agencies' (recruiters are partners). */
    record Partners(PartnerAuthService auth, PartnerService partners, OfferService offers, AgencyService agencies,
            AgencyConversations conversations, ResumeDrafts resumes) {
    }

    private record Api(List<Object> resources, List<Object> filters, ObjectMapper mapper, IdempotentInvoker invoker) {
    }

    private static Server publish(Supplier<Api> build) {
        long t0 = System.nanoTime();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(RestServer.class.getClassLoader());
        try {
            Api api = build.get();
            JAXRSServerFactoryBean sf = new JAXRSServerFactoryBean();
            sf.setBus(BusFactory.getDefaultBus());
            sf.setAddress(ADDRESS);
            sf.setServiceBeans(api.resources());
            sf.setInvoker(api.invoker());
            List<Object> providers = new ArrayList<>();
            providers.add(new JsonBodyProvider(api.mapper()));
            providers.addAll(api.filters());
            providers.add(new CallerProvider());
            providers.add(new PartnerCallerProvider());
            // no WADL for anyone (CXF's default generator served ?_wadl without credentials): this one
            // replaces it and answers every ?_wadl 404, made a problem by ResponseHeadersFilter; the API
            // is described by /openapi.json
            WadlGenerator noWadl = new WadlGenerator();
            noWadl.setIgnoreRequests(true);
            providers.add(noWadl);
            providers.addAll(ExceptionMappers.all());
            sf.setProviders(providers);
            Server created = sf.create();
            ApiAvailability.API.publishedOne();
            LOG.info("HireMarket REST API published at {} in {} ms", ADDRESS, (System.nanoTime() - t0) / 1_000_000);
            return created;
        } catch (RuntimeException e) {
            LOG.error("The REST API could not be published", e);
            throw e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Server published = server.get(60, TimeUnit.SECONDS);
            ApiAvailability.API.withdrawingOne();
            published.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The REST API was not published, nothing to withdraw");
        }
    }

    /**
     * JSON as the API speaks it: ISO-8601 times, no nulls, unknown and repeated fields refused, no
     * type coercion (no text or fraction for a whole number, no number for text).
     */
    public static ObjectMapper objectMapper() {
        JsonMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a field given twice is ambiguous (which one counts?), 2.5 is no whole number
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addHandler(new JsonBodyProvider.UnknownFields()).build();
        // a number or boolean where text is expected is a client error, not something to guess at
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
