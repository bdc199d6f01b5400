package org.hiremarket.core.internal.candidate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplyIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateRef;
import org.hiremarket.core.internal.candidate.CandidateViews.HistoryEntry;
import org.hiremarket.core.internal.candidate.CandidateViews.SourceView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobStatus;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Applications of candidates to jobs, their status flow with history, labels and source. A candidate
 * applies to a job at most once; a new application with a known email reuses the company's candidate.
 */
@Component(service = ApplicationService.class)
public class ApplicationService {

    /** The label every application made through the employee portal carries; only the host sets it. */
    public static final String EMPLOYEE_LABEL = "EMPLOYEE";
    static final Pattern LABEL = Pattern.compile("[A-Z0-9_]{1,40}");
    static final int MAX_LABELS = 20;

    /** Filters of the application list; {@code null} means "any". */
    public record ApplicationFilter(String jobId, String candidateId, ApplicationStatus status, String label) {
    }

    private final Database db;

    /** Told of every status change of an application inside its transaction (an agency's assignment follows it). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<ApplicationWatcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** For tests, and hosts wired by hand: who is told of status changes. */
    public void watch(ApplicationWatcher watcher) {
        watchers.add(watcher);
    }

    @Activate
    public ApplicationService(@Reference Database db) {
        this.db = db;
    }

    public ApplicationView apply(Caller caller, String jobId, ApplyIn in) {
        List<FieldError> errors = new ArrayList<>();
        boolean byId = in.candidateId() != null;
        if (byId == (in.candidate() != null)) {
            throw ApiException.validation("candidate", "give either candidateId (an existing candidate) or candidate"
                    + " (a new one, or a known email), not both and not neither");
        }
        CandidateService.Checked data = byId ? null : CandidateService.check(in.candidate(), "candidate.");
        SourceType sourceType = SourceType.API;
        String sourceName = null;
        if (in.source() != null) {
            sourceType = enumValue(errors, "source.type", in.source().type(), SourceType.class, SourceType.API);
            if (sourceType == SourceType.EMPLOYEE) {
                errors.add(new FieldError("source.type", "EMPLOYEE is set only by the employee portal"));
            }
            sourceName = Text.optional(errors, "source.name", in.source().name(), 100);
        }
        Set<String> labels = labels(errors, in.labels());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        SourceType type = sourceType;
        String name = sourceName;
        return db.tx(em -> {
            JobEntity job = JobService.load(em, caller.companyId(), jobId);
            if (job.getStatus() == JobStatus.FILLED || job.getStatus() == JobStatus.CANCELLED) {
                throw ApiException.conflict("job-closed", "Job closed",
                        "the job is " + job.getStatus() + " and takes no new applications");
            }
            CandidateEntity candidate = byId ? CandidateService.load(em, caller.companyId(), in.candidateId())
                    : findOrCreate(em, caller.companyId(), data, false);
            ApplicationEntity a = newApplication(em, job, candidate, type, name, labels, actor(caller));
            return view(em, a);
        });
    }

    /**
     * An application through the employee portal: the candidate is the employee, filled in from
     * their profile, with the {@code EMPLOYEE} label and source.
     */
    public ApplicationView applyAsEmployee(EntityManager em, JobEntity job, CandidateIn employee, String userId) {
        CandidateService.Checked data = CandidateService.check(employee, "profile.");
        CandidateEntity candidate = findOrCreate(em, job.getCompanyId(), data, true);
        ApplicationEntity a = newApplication(em, job, candidate, SourceType.EMPLOYEE, "Employee portal",
                Set.of(EMPLOYEE_LABEL), "user:" + userId);
        a.setEmployeeUserId(userId);
        return view(em, a);
    }

    /** What {@link #applyFromIntegration} did: the application, and whether the person had applied before. */
    public record Intake(ApplicationView application, boolean duplicate) {
    }

    /**
     * An application a connector sends (someone who applied on a job board): the candidate is found
     * by email or created; a person who already applied to the job keeps their first application,
     * which is returned as a duplicate.
     *
     * @throws ApiException 400 with every invalid field, 409 when the job takes no applications
     */
    public static Intake applyFromIntegration(EntityManager em, JobEntity job, CandidateIn person, SourceType type,
            String sourceName, String actor) {
        if (job.getStatus() == JobStatus.FILLED || job.getStatus() == JobStatus.CANCELLED) {
            throw ApiException.conflict("job-closed", "Job closed",
                    "the job is " + job.getStatus() + " and takes no new applications");
        }
        CandidateService.Checked data = CandidateService.check(person, "candidate.");
        CandidateEntity candidate = findOrCreate(em, job.getCompanyId(), data, false);
        List<ApplicationEntity> existing = em.createQuery(
                "SELECT a FROM ApplicationEntity a WHERE a.jobId = :jobId AND a.candidateId = :candidateId",
                ApplicationEntity.class).setParameter("jobId", job.getId()).setParameter("candidateId", candidate.getId())
                .getResultList();
        if (!existing.isEmpty()) {
            return new Intake(view(em, existing.get(0)), true);
        }
        ApplicationEntity a = newApplication(em, job, candidate, type, sourceName, Set.of(), actor);
        return new Intake(view(em, a), false);
    }

    /**
     * What {@link #applyFromAgency} did: the application; whether the person had applied to the job
     * before ({@code duplicate}); whether it is the agency's ({@code attributed}), and if not, why.
     */
    public record AgencyIntake(ApplicationView application, ApplicationEntity entity, boolean duplicate,
            boolean attributed, String reason) {
    }

    /**
     * A candidate an agency submits to a job it was assigned: the candidate is found by email or
     * created and applies at once with the source {@code AGENCY} and the agency's name, unless the
     * person had applied to a job of the company on their own before (their own source is kept and
     * the application is not the agency's), or had applied to this job (their application stays).
     *
     * @throws ApiException 400 with every invalid field, 409 when the job takes no applications
     */
    public static AgencyIntake applyFromAgency(EntityManager em, JobEntity job, CandidateIn person, String agencyName,
            String actor) {
        if (job.getStatus() == JobStatus.FILLED || job.getStatus() == JobStatus.CANCELLED) {
            throw ApiException.conflict("job-closed", "Job closed",
                    "the job is " + job.getStatus() + " and takes no new applications");
        }
        CandidateService.Checked data = CandidateService.check(person, "candidate.");
        CandidateEntity candidate = findOrCreate(em, job.getCompanyId(), data, false);
        List<ApplicationEntity> before = em.createQuery("SELECT a FROM ApplicationEntity a WHERE a.companyId = :companyId"
                + " AND a.candidateId = :candidateId ORDER BY a.createdAt, a.id", ApplicationEntity.class)
                .setParameter("companyId", job.getCompanyId()).setParameter("candidateId", candidate.getId())
                .getResultList();
        ApplicationEntity same = before.stream().filter(a -> a.getJobId().equals(job.getId())).findFirst().orElse(null);
        if (same != null) {
            boolean theirs = same.getSourceType() == SourceType.AGENCY && agencyName.equals(same.getSourceName());
            return new AgencyIntake(view(em, same), same, true, theirs, theirs ? null
                    : "the candidate had applied to this job already (source " + same.getSourceType() + ")");
        }
        ApplicationEntity own = before.stream().filter(a -> a.getSourceType() != SourceType.AGENCY).findFirst()
                .orElse(null);
        if (own != null) {
            ApplicationEntity a = newApplication(em, job, candidate, own.getSourceType(), own.getSourceName(), Set.of(),
                    actor);
            return new AgencyIntake(view(em, a), a, false, false, "the candidate had applied to a job of this company"
                    + " on their own before (source " + own.getSourceType() + "), so the application is not attributed"
                    + " to the agency");
        }
        ApplicationEntity a = newApplication(em, job, candidate, SourceType.AGENCY, agencyName, Set.of(), actor);
        return new AgencyIntake(view(em, a), a, false, true, null);
    }

    /** The applications an employee made through the portal. */
    public Page<ApplicationView> employeeApplications(String companyId, String userId, PageRequest page) {
        return db.tx(em -> {
            Map<String, Object> params = Map.of("companyId", companyId, "userId", userId);
            return page(em, " FROM ApplicationEntity a WHERE a.companyId = :companyId AND a.employeeUserId = :userId",
                    params, page);
        });
    }

    public ApplicationView get(Caller caller, String id) {
        return db.tx(em -> view(em, load(em, caller.companyId(), id)));
    }

    public Page<ApplicationView> list(Caller caller, ApplicationFilter filter, PageRequest page) {
        return db.tx(em -> {
            Map<String, Object> params = new LinkedHashMap<>();
            StringBuilder where = new StringBuilder(" FROM ApplicationEntity a WHERE a.companyId = :companyId");
            params.put("companyId", caller.companyId());
            if (filter.jobId() != null) {
                JobService.load(em, caller.companyId(), filter.jobId());
                where.append(" AND a.jobId = :jobId");
                params.put("jobId", filter.jobId());
            }
            if (filter.candidateId() != null) {
                where.append(" AND a.candidateId = :candidateId");
                params.put("candidateId", filter.candidateId());
            }
            if (filter.status() != null) {
                where.append(" AND a.status = :status");
                params.put("status", filter.status());
            }
            if (filter.label() != null && !filter.label().isBlank()) {
                // labels are stored space-separated; match a whole label
                where.append(" AND CONCAT(CONCAT(' ', a.labels), ' ') LIKE :label");
                params.put("label", "% " + filter.label().trim().toUpperCase(Locale.ROOT).replace("%", "") + " %");
            }
            return page(em, where.toString(), params, page);
        });
    }

    public ApplicationView changeStatus(Caller caller, String id, String status, String note) {
        List<FieldError> errors = new ArrayList<>();
        ApplicationStatus target = enumValue(errors, "status", status, ApplicationStatus.class, null);
        if (target == null && errors.isEmpty()) {
            errors.add(new FieldError("status", "is required"));
        }
        String n = Text.multiline(errors, "note", note, 1000);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            ApplicationEntity a = load(em, caller.companyId(), id);
            if (a.getStatus() == target) {
                return view(em, a);
            }
            if (!a.getStatus().canMoveTo(target)) {
                throw ApiException.conflict("invalid-status-change", "Status change not allowed",
                        "an application in status " + a.getStatus() + " can move to "
                                + (a.getStatus().next().isEmpty() ? "nothing (it is final)"
                                        : a.getStatus().next().stream().map(Enum::name).collect(Collectors.joining(", ")))
                                + ", not to " + target);
            }
            long now = System.currentTimeMillis();
            ApplicationStatus from = a.getStatus();
            record(em, a, from, target, now, actor(caller), n);
            a.setStatus(target);
            a.touch(now);
            for (ApplicationWatcher w : watchers) {
                w.applicationStatusChanged(em, a, from, target, now);
            }
            return view(em, a);
        });
    }

    /** Replaces the labels an application carries; the {@code EMPLOYEE} label stays as the host set it. */
    public ApplicationView setLabels(Caller caller, String id, List<String> labels) {
        List<FieldError> errors = new ArrayList<>();
        if (labels == null) {
            errors.add(new FieldError("labels", "is required (an empty list removes every label)"));
        }
        Set<String> wanted = labels(errors, labels);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            ApplicationEntity a = load(em, caller.companyId(), id);
            Set<String> next = new TreeSet<>(wanted);
            if (a.getLabels().contains(EMPLOYEE_LABEL)) {
                next.add(EMPLOYEE_LABEL);
            }
            a.setLabels(next);
            a.touch(System.currentTimeMillis());
            return view(em, a);
        });
    }

    // ------------------------------------------------------------------------------ internals

    private static CandidateEntity findOrCreate(EntityManager em, String companyId, CandidateService.Checked data,
            boolean refresh) {
        CandidateEntity existing = CandidateService.findByEmail(em, companyId, data.email()).orElse(null);
        if (existing != null) {
            if (refresh) {
                CandidateService.apply(existing, data);
                existing.touch(System.currentTimeMillis());
            }
            return existing;
        }
        CandidateEntity c = new CandidateEntity(Ids.newId(), companyId, System.currentTimeMillis());
        CandidateService.apply(c, data);
        em.persist(c);
        return c;
    }

    private static ApplicationEntity newApplication(EntityManager em, JobEntity job, CandidateEntity candidate,
            SourceType type, String sourceName, Set<String> labels, String actor) {
        List<ApplicationEntity> existing = em.createQuery(
                "SELECT a FROM ApplicationEntity a WHERE a.jobId = :jobId AND a.candidateId = :candidateId",
                ApplicationEntity.class).setParameter("jobId", job.getId()).setParameter("candidateId", candidate.getId())
                .getResultList();
        if (!existing.isEmpty()) {
            throw ApiException.conflict("already-applied", "Already applied", "the candidate " + candidate.getEmail()
                    + " has already applied to this job: application " + existing.get(0).getId());
        }
        long now = System.currentTimeMillis();
        ApplicationEntity a = new ApplicationEntity(Ids.newId(), job.getCompanyId(), job.getId(), candidate.getId(), type,
                sourceName, now);
        a.setLabels(labels);
        em.persist(a);
        record(em, a, null, ApplicationStatus.NEW, now, actor, null);
        return a;
    }

    private static void record(EntityManager em, ApplicationEntity a, ApplicationStatus from, ApplicationStatus to,
            long at, String actor, String note) {
        long seq = em.createQuery("SELECT COUNT(e) FROM ApplicationEventEntity e WHERE e.applicationId = :id", Long.class)
                .setParameter("id", a.getId()).getSingleResult();
        em.persist(new ApplicationEventEntity(Ids.newId(), a.getId(), (int) seq, from, to, at, actor, note));
    }

    public static ApplicationEntity load(EntityManager em, String companyId, String id) {
        return load(em, companyId, id, Map.of());
    }

    /**
     * The same, for reading only: not registered in the transaction (no copy kept to find changes
     * at commit), so it must not be changed.
     */
    public static ApplicationEntity loadForReading(EntityManager em, String companyId, String id) {
        return load(em, companyId, id, CacheSettings.READ_ONLY);
    }

    private static ApplicationEntity load(EntityManager em, String companyId, String id, Map<String, Object> hints) {
        ApplicationEntity a = id == null ? null : em.find(ApplicationEntity.class, id, hints);
        if (a == null || !a.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("application", id);
        }
        return a;
    }

    private static Page<ApplicationView> page(EntityManager em, String where, Map<String, Object> params,
            PageRequest page) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a)" + where, Long.class);
        TypedQuery<ApplicationEntity> q = em.createQuery("SELECT a" + where + " ORDER BY a.updatedAt DESC, a.id",
                ApplicationEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            q.setParameter(k, v);
        });
        List<ApplicationView> content = q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
                .stream().map(a -> view(em, a)).toList();
        return new Page<>(count.getSingleResult(), page.offset(), page.limit(), content);
    }

    public static ApplicationView view(EntityManager em, ApplicationEntity a) {
        CandidateEntity c = em.find(CandidateEntity.class, a.getCandidateId());
        List<HistoryEntry> history = em.createNamedQuery("ApplicationEvent.byApplication", ApplicationEventEntity.class)
                .setParameter("applicationId", a.getId()).getResultList().stream()
                .map(e -> new HistoryEntry(e.getFromStatus(), e.getToStatus(), Instant.ofEpochMilli(e.getOccurredAt()),
                        e.getActor(), e.getNote()))
                .toList();
        return new ApplicationView(a.getId(), a.getJobId(),
                new CandidateRef(c.getId(), c.getFirstName(), c.getLastName(), c.getEmail()), a.getStatus(),
                a.getHiringStepId(),
                new SourceView(a.getSourceType(), a.getSourceName()), a.getLabels(), history,
                Instant.ofEpochMilli(a.getCreatedAt()), Instant.ofEpochMilli(a.getUpdatedAt()));
    }

    public static String actor(Caller caller) {
        return caller.userId() != null ? "user:" + caller.userId()
                : (caller.kind() == Caller.Kind.API_KEY ? "api-key:" : "oauth-client:") + caller.credentialId();
    }

    static Set<String> labels(List<FieldError> errors, List<String> raw) {
        Set<String> out = new TreeSet<>();
        if (raw == null) {
            return out;
        }
        if (raw.size() > MAX_LABELS) {
            errors.add(new FieldError("labels", "may have at most " + MAX_LABELS + " labels"));
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            String l = raw.get(i) == null ? "" : raw.get(i).trim().toUpperCase(Locale.ROOT);
            if (!LABEL.matcher(l).matches()) {
                errors.add(new FieldError("labels[" + i + "]", "must be 1 to 40 letters, digits or underscores"));
            } else if (l.equals(EMPLOYEE_LABEL)) {
                errors.add(new FieldError("labels[" + i + "]",
                        "EMPLOYEE is set only on applications made through the employee portal"));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    static <E extends Enum<E>> E enumValue(List<FieldError> errors, String field, String raw, Class<E> type, E fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", "))));
            return fallback;
        }
    }
}
