package org.hiremarket.core.internal.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.ReferenceData;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.JobAdView;
import org.hiremarket.core.internal.job.JobViews.JobView;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.job.JobViews.Sections;
import org.hiremarket.core.internal.job.JobViews.UpdateJob;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The jobs of a company, their status and their ad's publication. */
@Component(service = JobService.class)
public class JobService {

    /** Filters of the job list; {@code null} means "any". */
    public record JobFilter(JobStatus status, String q, String countryCode, String department,
            AdVisibility visibility) {
    }

    private final Database db;

    /** Told of every change of a job inside its transaction (its ad on job boards follows it). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<JobWatcher> watchers = new CopyOnWriteArrayList<>();

    /** For tests, and hosts wired by hand: who is told of job changes. */
    public void watch(JobWatcher watcher) {
        watchers.add(watcher);
    }

    private void changed(EntityManager em, JobEntity j, boolean adContentChanged, long now) {
        for (JobWatcher w : watchers) {
            w.jobChanged(em, j, adContentChanged, now);
        }
    }

    @Activate
    public JobService(@Reference Database db) {
        this.db = db;
    }

    public JobView create(Caller caller, CreateJob in) {
        List<FieldError> errors = new ArrayList<>();
        String title = Text.required(errors, "title", in.title(), 200);
        String ref = Text.optional(errors, "refNumber", in.refNumber(), 50);
        JobLocation location = location(errors, in.location());
        String industry = refId(errors, "industry.id", in.industry(), JobReference.INDUSTRIES);
        String function = refId(errors, "function.id", in.function(), JobReference.FUNCTIONS);
        String level = refId(errors, "experienceLevel.id", in.experienceLevel(), JobReference.EXPERIENCE_LEVELS);
        String department = Text.optional(errors, "department", in.department(), 100);
        int headcount = headcount(errors, in.headcount() == null ? 1 : in.headcount());
        Sections sections = sections(errors, in.description(), new Sections(null, null, null, null));
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            JobEntity j = new JobEntity(Ids.newId(), caller.companyId(), System.currentTimeMillis());
            j.setTitle(title);
            j.setRefNumber(ref);
            j.setLocation(location);
            j.setIndustryId(industry);
            j.setFunctionId(function);
            j.setExperienceLevelId(level);
            j.setDepartment(department);
            j.setHeadcount(headcount);
            j.setSections(sections.companyDescription(), sections.jobDescription(), sections.qualifications(),
                    sections.additionalInformation());
            em.persist(j);
            return JobView.of(j);
        });
    }

    public JobView get(Caller caller, String jobId) {
        return db.tx(em -> {
            JobEntity j = jobId == null ? null : em.find(JobEntity.class, jobId, CacheSettings.READ_ONLY);
            if (j == null || !j.getCompanyId().equals(caller.companyId())) {
                throw ApiException.notFound("job", jobId);
            }
            return JobView.of(j);
        });
    }

    public Page<JobView> list(Caller caller, JobFilter filter, PageRequest page) {
        return db.tx(em -> {
            Map<String, Object> params = new LinkedHashMap<>();
            StringBuilder where = new StringBuilder(" FROM JobEntity j WHERE j.companyId = :companyId");
            params.put("companyId", caller.companyId());
            if (filter.status() != null) {
                where.append(" AND j.status = :status");
                params.put("status", filter.status());
            }
            if (filter.q() != null && !filter.q().isBlank()) {
                where.append(" AND LOWER(j.title) LIKE :q");
                params.put("q", "%" + filter.q().trim().toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "").replace("%", "").replace("_", "") + "%");
            }
            if (filter.countryCode() != null && !filter.countryCode().isBlank()) {
                where.append(" AND j.countryCode = :country");
                params.put("country", filter.countryCode().trim().toUpperCase(java.util.Locale.ROOT));
            }
            if (filter.department() != null && !filter.department().isBlank()) {
                where.append(" AND j.department = :department");
                params.put("department", filter.department().trim());
            }
            if (filter.visibility() != null) {
                where.append(" AND j.adVisibility = :visibility");
                params.put("visibility", filter.visibility());
            }
            return page(em, where.toString(), " ORDER BY j.updatedAt DESC, j.id", params, page).map(JobView::of);
        });
    }

    public JobView update(Caller caller, String jobId, UpdateJob in) {
        List<FieldError> errors = new ArrayList<>();
        String title = in.title() == null ? null : Text.required(errors, "title", in.title(), 200);
        String ref = in.refNumber() == null ? null : Text.optional(errors, "refNumber", in.refNumber(), 50);
        JobLocation location = in.location() == null ? null : location(errors, in.location());
        String industry = in.industry() == null ? null
                : refId(errors, "industry.id", in.industry(), JobReference.INDUSTRIES);
        String function = in.function() == null ? null
                : refId(errors, "function.id", in.function(), JobReference.FUNCTIONS);
        String level = in.experienceLevel() == null ? null
                : refId(errors, "experienceLevel.id", in.experienceLevel(), JobReference.EXPERIENCE_LEVELS);
        String department = in.department() == null ? null : Text.optional(errors, "department", in.department(), 100);
        Integer headcount = in.headcount() == null ? null : headcount(errors, in.headcount());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            JobEntity j = load(em, caller.companyId(), jobId);
            JobViews.AdContent before = JobViews.AdContent.of(j);
            List<FieldError> sectionErrors = new ArrayList<>();
            Sections s = sections(sectionErrors, in.description(), JobViews.sections(j));
            if (!sectionErrors.isEmpty()) {
                throw ApiException.validation(sectionErrors);
            }
            if (title != null) {
                j.setTitle(title);
            }
            if (in.refNumber() != null) {
                j.setRefNumber(ref);
            }
            if (location != null) {
                j.setLocation(location);
            }
            if (industry != null) {
                j.setIndustryId(industry);
            }
            if (function != null) {
                j.setFunctionId(function);
            }
            if (level != null) {
                j.setExperienceLevelId(level);
            }
            if (in.department() != null) {
                j.setDepartment(department);
            }
            if (headcount != null) {
                j.setHeadcount(headcount);
            }
            j.setSections(s.companyDescription(), s.jobDescription(), s.qualifications(), s.additionalInformation());
            long now = System.currentTimeMillis();
            j.touch(now);
            changed(em, j, !before.equals(JobViews.AdContent.of(j)), now);
            return JobView.of(j);
        });
    }

    /** Moves a job to another status; a filled or cancelled job's ad is taken down. */
    public JobView changeStatus(Caller caller, String jobId, String status) {
        JobStatus target = parse("status", status, JobStatus.class);
        return db.tx(em -> {
            JobEntity j = load(em, caller.companyId(), jobId);
            if (j.getStatus() == target) {
                return JobView.of(j);
            }
            if (!j.getStatus().canMoveTo(target)) {
                throw ApiException.conflict("invalid-status-change", "Status change not allowed",
                        "a job in status " + j.getStatus() + " can move to " + names(j.getStatus().next())
                                + ", not to " + target);
            }
            j.setStatus(target);
            if (target == JobStatus.FILLED || target == JobStatus.CANCELLED) {
                j.unpublish();
            }
            long now = System.currentTimeMillis();
            j.touch(now);
            changed(em, j, false, now);
            return JobView.of(j);
        });
    }

    /**
     * Publishes (or changes the visibility of) the job's ad. Publishing a {@code CREATED} job starts
     * sourcing.
     */
    public JobView publish(Caller caller, String jobId, String visibility) {
        AdVisibility v = parse("visibility", visibility, AdVisibility.class);
        return db.tx(em -> {
            JobEntity j = load(em, caller.companyId(), jobId);
            if (!j.getStatus().publishable()) {
                throw ApiException.conflict("job-not-publishable", "Job cannot be published",
                        "a job in status " + j.getStatus() + " cannot have its ad published; reopen it for sourcing first");
            }
            long now = System.currentTimeMillis();
            if (j.getAdVisibility() != v) {
                j.publish(v, now);
            }
            if (j.getStatus() == JobStatus.CREATED) {
                j.setStatus(JobStatus.SOURCING);
            }
            j.touch(now);
            changed(em, j, false, now);
            return JobView.of(j);
        });
    }

    public JobView unpublish(Caller caller, String jobId) {
        return db.tx(em -> {
            JobEntity j = load(em, caller.companyId(), jobId);
            if (j.getAdVisibility() != null) {
                j.unpublish();
                long now = System.currentTimeMillis();
                j.touch(now);
                changed(em, j, false, now);
            }
            return JobView.of(j);
        });
    }

    /** Published ads of a company that accept applications, restricted to the given visibilities. */
    public Page<JobAdView> listAds(String companyId, Set<AdVisibility> visible, String q, PageRequest page) {
        return db.tx(em -> {
            Map<String, Object> params = new LinkedHashMap<>();
            String where = adsWhere(companyId, visible, q, params);
            return page(em, where, ADS_ORDER, params, page).map(JobAdView::of);
        });
    }

    /**
     * The company's {@code PUBLIC} ads of sourcing jobs for its aggregator feed ({@link JobFeed}): the
     * ads {@link #listAds} lists to everyone, in its order (newest publication first), at most
     * {@code max} of them, each with the time its job last changed. Read by one query in one
     * transaction, so that a feed is one consistent picture: paging through {@link #listAds} could
     * list an ad twice, or miss one, when ads are published or withdrawn between two pages.
     */
    public List<JobFeed.Ad> publicFeedAds(String companyId, int max) {
        return db.tx(em -> {
            Map<String, Object> params = new LinkedHashMap<>();
            String where = adsWhere(companyId, Set.of(AdVisibility.PUBLIC), null, params);
            TypedQuery<JobEntity> q = em.createQuery("SELECT j" + where + ADS_ORDER, JobEntity.class);
            params.forEach(q::setParameter);
            return q.setMaxResults(max).getResultList().stream()
                    .map(j -> new JobFeed.Ad(JobAdView.of(j), Instant.ofEpochMilli(j.getUpdatedAt()))).toList();
        });
    }

    /** The order of ad lists: newest publication first, then by id. */
    private static final String ADS_ORDER = " ORDER BY j.adPublishedAt DESC, j.id";

    /** The {@code FROM ... WHERE} of ads that accept applications with one of the visibilities; fills {@code params}. */
    private static String adsWhere(String companyId, Set<AdVisibility> visible, String q, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" FROM JobEntity j WHERE j.companyId = :companyId"
                + " AND j.status = :status AND j.adVisibility IN :visible");
        params.put("companyId", companyId);
        params.put("status", JobStatus.SOURCING);
        params.put("visible", List.copyOf(visible));
        if (q != null && !q.isBlank()) {
            where.append(" AND LOWER(j.title) LIKE :q");
            params.put("q", "%" + q.trim().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        return where.toString();
    }

    /** One published ad, as {@link #listAds}; 404 for anything not visible to the reader. */
    public JobAdView getAd(String companyId, String jobId, Set<AdVisibility> visible) {
        return db.tx(em -> JobAdView.of(loadAd(em, companyId, jobId, visible)));
    }

    /** Loads a published, sourcing ad visible to the reader, or throws 404. */
    public static JobEntity loadAd(EntityManager em, String companyId, String jobId, Set<AdVisibility> visible) {
        JobEntity j = jobId == null ? null : em.find(JobEntity.class, jobId);
        if (j == null || !j.getCompanyId().equals(companyId) || j.getAdVisibility() == null
                || !visible.contains(j.getAdVisibility()) || !j.getStatus().acceptsApplications()) {
            throw ApiException.notFound("job", jobId);
        }
        return j;
    }

    /** Loads a job of the company, or throws 404 (also for another company's job). */
    public static JobEntity load(EntityManager em, String companyId, String jobId) {
        JobEntity j = jobId == null ? null : em.find(JobEntity.class, jobId);
        if (j == null || !j.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("job", jobId);
        }
        return j;
    }

    private static Page<JobEntity> page(EntityManager em, String where, String order, Map<String, Object> params,
            PageRequest page) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(j)" + where, Long.class);
        TypedQuery<JobEntity> q = em.createQuery("SELECT j" + where + order, JobEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            q.setParameter(k, v);
        });
        List<JobEntity> content = q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(count.getSingleResult(), page.offset(), page.limit(), content);
    }

    // ------------------------------------------------------------------------------ validation

    static final java.util.regex.Pattern REGION_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,3}");

    static JobLocation location(List<FieldError> errors, LocationIn in) {
        if (in == null) {
            errors.add(new FieldError("location", "is required"));
            return null;
        }
        String country = in.countryCode() == null ? "" : in.countryCode().trim();
        if (country.isEmpty()) {
            errors.add(new FieldError("location.countryCode", "is required"));
        } else if (ReferenceData.countryName(country).isEmpty()) {
            errors.add(new FieldError("location.countryCode",
                    "must be an ISO 3166-1 alpha-2 country code such as US or DE"));
        } else if (in.country() != null && !in.country().trim().equalsIgnoreCase(ReferenceData.countryName(country).get())) {
            errors.add(new FieldError("location.country", "does not match countryCode " + country.toUpperCase(
                    java.util.Locale.ROOT) + " (" + ReferenceData.countryName(country).get() + "); leave it out, it is not needed"));
        }
        String city = Text.required(errors, "location.city", in.city(), 100);
        String regionCode = Text.optional(errors, "location.regionCode", in.regionCode(), 10);
        if (regionCode != null && !REGION_CODE.matcher(regionCode).matches()) {
            errors.add(new FieldError("location.regionCode",
                    "must be the region's part of its ISO 3166-2 code, 1 to 3 letters or digits, such as CA or BY"));
        }
        String region = Text.optional(errors, "location.region", in.region(), 100);
        String address = Text.optional(errors, "location.address", in.address(), 200);
        String postalCode = Text.optional(errors, "location.postalCode", in.postalCode(), 20);
        Double latitude = in.latitude();
        Double longitude = in.longitude();
        if (latitude != null && (latitude.isNaN() || latitude < -90 || latitude > 90)) {
            errors.add(new FieldError("location.latitude", "must lie between -90 and 90"));
        }
        if (longitude != null && (longitude.isNaN() || longitude < -180 || longitude > 180)) {
            errors.add(new FieldError("location.longitude", "must lie between -180 and 180"));
        }
        if ((latitude == null) != (longitude == null)) {
            errors.add(new FieldError(latitude == null ? "location.latitude" : "location.longitude",
                    "is required with " + (latitude == null ? "location.longitude" : "location.latitude")));
        }
        return new JobLocation(country.toUpperCase(java.util.Locale.ROOT), city, Boolean.TRUE.equals(in.remote()),
                regionCode == null ? null : regionCode.toUpperCase(java.util.Locale.ROOT), region, address, postalCode,
                Boolean.TRUE.equals(in.hybrid()), latitude, longitude);
    }

    static String refId(List<FieldError> errors, String field, IdRef ref, Map<String, String> list) {
        if (ref == null || ref.id() == null || ref.id().isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String id = ref.id().trim();
        if (!list.containsKey(id)) {
            String which = field.substring(0, field.indexOf('.'));
            errors.add(new FieldError(field, "'" + id + "' is not in the " + which + " reference list (GET /api/v1/reference/"
                    + referencePath(which) + ")"));
        }
        return id;
    }

    static String referencePath(String field) {
        return switch (field) {
            case "industry" -> "industries";
            case "function" -> "functions";
            default -> "experience-levels";
        };
    }

    static int headcount(List<FieldError> errors, int headcount) {
        if (headcount < 1 || headcount > 10_000) {
            errors.add(new FieldError("headcount", "must be between 1 and 10000"));
        }
        return headcount;
    }

    static Sections sections(List<FieldError> errors, Sections in, Sections current) {
        if (in == null) {
            return current;
        }
        return new Sections(
                in.companyDescription() == null ? current.companyDescription()
                        : Text.multiline(errors, "description.companyDescription", in.companyDescription(), JobEntity.TEXT),
                in.jobDescription() == null ? current.jobDescription()
                        : Text.multiline(errors, "description.jobDescription", in.jobDescription(), JobEntity.TEXT),
                in.qualifications() == null ? current.qualifications()
                        : Text.multiline(errors, "description.qualifications", in.qualifications(), JobEntity.TEXT),
                in.additionalInformation() == null ? current.additionalInformation()
                        : Text.multiline(errors, "description.additionalInformation", in.additionalInformation(),
                                JobEntity.TEXT));
    }

    static <E extends Enum<E>> E parse(String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.validation(field, "is required");
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field, "must be one of " + names(Arrays.asList(type.getEnumConstants())));
        }
    }

    static String names(java.util.Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
