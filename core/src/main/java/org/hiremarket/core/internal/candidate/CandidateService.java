package org.hiremarket.core.internal.candidate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentIn;
import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentView;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateUpdate;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateView;
import org.hiremarket.core.internal.candidate.CandidateViews.Education;
import org.hiremarket.core.internal.candidate.CandidateViews.Experience;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationIn;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.StoredJson;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.ReferenceData;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The candidates of a company. There is one candidate per email address and company: creating a
 * second one with the same email is refused, and applying with a known email reuses the candidate.
 */
@Component(service = CandidateService.class, configurationPid = StorageConfig.PID)
@Designate(ocd = StorageConfig.class)
public class CandidateService {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{5,40}");
    static final Pattern MONTH = Pattern.compile("(19|20)[0-9]{2}-(0[1-9]|1[0-2])");
    static final int MAX_ENTRIES = 30;
    /** Largest attachment, decoded: its base64 must fit in a 1 MiB request. */
    public static final int MAX_ATTACHMENT_BYTES = 700 * 1024;
    static final Map<String, String> ATTACHMENT_TYPES = Map.of(
            "application/pdf", "PDF",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX",
            "application/msword", "DOC",
            "text/plain", "plain text",
            "image/png", "PNG",
            "image/jpeg", "JPEG");

    private final Database db;
    /** Attachments per candidate, and bytes of attachments per company; 0 or less: no limit. */
    private final int maxAttachmentsPerCandidate;
    private final long maxCompanyBytes;

    @Activate
    public CandidateService(@Reference Database db, StorageConfig config) {
        this(db, config.attachments_per_candidate(), config.storage_per_company_mb() * 1024L * 1024L);
    }

    CandidateService(Database db, int maxAttachmentsPerCandidate, long maxCompanyBytes) {
        this.db = db;
        this.maxAttachmentsPerCandidate = maxAttachmentsPerCandidate;
        this.maxCompanyBytes = maxCompanyBytes;
    }

    /** Checked candidate data, ready to store. */
    public record Checked(String firstName, String lastName, String email, String phone, String countryCode, String city,
            String experience, String education) {
    }

    public CandidateView create(Caller caller, CandidateIn in) {
        Checked c = check(in, "");
        return db.tx(em -> {
            findByEmail(em, caller.companyId(), c.email()).ifPresent(existing -> {
                throw candidateExists(existing);
            });
            CandidateEntity e = new CandidateEntity(Ids.newId(), caller.companyId(), System.currentTimeMillis());
            apply(e, c);
            em.persist(e);
            return view(e);
        });
    }

    public CandidateView get(Caller caller, String id) {
        return db.tx(em -> view(load(em, caller.companyId(), id)));
    }

    public Page<CandidateView> list(Caller caller, String q, String email, PageRequest page) {
        return db.tx(em -> {
            Map<String, Object> params = new LinkedHashMap<>();
            StringBuilder where = new StringBuilder(" FROM CandidateEntity c WHERE c.companyId = :companyId");
            params.put("companyId", caller.companyId());
            if (email != null && !email.isBlank()) {
                where.append(" AND c.emailKey = :email");
                params.put("email", CandidateEntity.emailKey(email));
            }
            if (q != null && !q.isBlank()) {
                where.append(" AND (LOWER(c.firstName) LIKE :q OR LOWER(c.lastName) LIKE :q OR c.emailKey LIKE :q)");
                params.put("q", "%" + q.trim().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(c)" + where, Long.class);
            TypedQuery<CandidateEntity> query = em.createQuery("SELECT c" + where + " ORDER BY c.updatedAt DESC, c.id",
                    CandidateEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                query.setParameter(k, v);
            });
            List<CandidateView> content = query.setFirstResult(page.offset()).setMaxResults(page.limit())
                    .getResultList().stream().map(CandidateService::view).toList();
            return new Page<>(count.getSingleResult(), page.offset(), page.limit(), content);
        });
    }

    public CandidateView update(Caller caller, String id, CandidateUpdate in) {
        return db.tx(em -> {
            CandidateEntity e = load(em, caller.companyId(), id);
            CandidateView current = view(e);
            CandidateIn merged = new CandidateIn(
                    in.firstName() == null ? current.firstName() : in.firstName(),
                    in.lastName() == null ? current.lastName() : in.lastName(),
                    in.email() == null ? current.email() : in.email(),
                    in.phone() == null ? current.phone() : in.phone(),
                    in.location() == null ? (current.location() == null ? null
                            : new LocationIn(current.location().countryCode(), current.location().city()))
                            : in.location(),
                    in.experience() == null ? current.experience() : in.experience(),
                    in.education() == null ? current.education() : in.education());
            Checked c = check(merged, "");
            if (!CandidateEntity.emailKey(c.email()).equals(CandidateEntity.emailKey(e.getEmail()))) {
                findByEmail(em, caller.companyId(), c.email()).ifPresent(other -> {
                    throw candidateExists(other);
                });
            }
            apply(e, c);
            e.touch(System.currentTimeMillis());
            return view(e);
        });
    }

    public AttachmentView addAttachment(Caller caller, String candidateId, AttachmentIn in) {
        List<FieldError> errors = new ArrayList<>();
        String name = Text.required(errors, "name", in.name(), 200);
        if (name.contains("/") || name.contains("\\")) {
            errors.add(new FieldError("name", "must be a file name, not a path"));
        }
        String type = in.contentType() == null ? "" : in.contentType().trim().toLowerCase(Locale.ROOT);
        if (!ATTACHMENT_TYPES.containsKey(type)) {
            errors.add(new FieldError("contentType", "must be one of " + String.join(", ", new java.util.TreeSet<>(
                    ATTACHMENT_TYPES.keySet()))));
        }
        byte[] content = null;
        if (in.content() == null || in.content().isBlank()) {
            errors.add(new FieldError("content", "is required (the file's bytes in base64)"));
        } else {
            try {
                content = Base64.getMimeDecoder().decode(in.content());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("content", "is not valid base64"));
            }
        }
        if (content != null) {
            if (content.length == 0) {
                errors.add(new FieldError("content", "is an empty file"));
            } else if (content.length > MAX_ATTACHMENT_BYTES) {
                errors.add(new FieldError("content", "is larger than " + MAX_ATTACHMENT_BYTES / 1024 + " KiB"));
            } else if (ATTACHMENT_TYPES.containsKey(type) && !FileTypes.looksLike(type, content)) {
                errors.add(new FieldError("content", "is not a " + ATTACHMENT_TYPES.get(type) + " file"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        byte[] bytes = content;
        return db.tx(em -> {
            CandidateEntity c = load(em, caller.companyId(), candidateId);
            checkQuota(em, c, bytes.length);
            AttachmentEntity a = new AttachmentEntity(Ids.newId(), c.getCompanyId(), c.getId(), name, type, bytes,
                    System.currentTimeMillis());
            em.persist(a);
            return AttachmentView.of(a);
        });
    }

    /**
     * A photo of the candidate an agency submitted (already checked by decoding it), stored as an
     * attachment of the candidate within the company's quotas.
     */
    public void attachPhoto(EntityManager em, String candidateId, String mediaType, byte[] bytes) {
        CandidateEntity c = em.find(CandidateEntity.class, candidateId);
        if (c == null) {
            throw ApiException.notFound("candidate", candidateId);
        }
        if (!ATTACHMENT_TYPES.containsKey(mediaType) || !mediaType.startsWith("image/")) {
            throw new ApiException(415, "unsupported-image-type", "Unsupported image type",
                    "a candidate's photo must be a PNG or JPEG image", null);
        }
        checkQuota(em, c, bytes.length);
        em.persist(new AttachmentEntity(Ids.newId(), c.getCompanyId(), c.getId(),
                "photo." + (mediaType.equals("image/png") ? "png" : "jpg"), mediaType, bytes, System.currentTimeMillis()));
    }

    /**
     * Refuses an attachment beyond the candidate's count or the company's storage. Attachments of a
     * company are added one at a time: the company's row is locked (SELECT ... FOR UPDATE) until the
     * transaction ends, so two concurrent attaches cannot both pass the check with the last free slot
     * or the last free bytes; the counts are read after the lock, inside the same transaction.
     */
    private void checkQuota(EntityManager em, CandidateEntity c, int size) {
        if (maxAttachmentsPerCandidate <= 0 && maxCompanyBytes <= 0) {
            return;
        }
        em.find(CompanyEntity.class, c.getCompanyId(), LockModeType.PESSIMISTIC_WRITE);
        if (maxAttachmentsPerCandidate > 0) {
            long count = em.createQuery("SELECT COUNT(a) FROM AttachmentEntity a WHERE a.candidateId = :candidateId",
                    Long.class).setParameter("candidateId", c.getId()).getSingleResult();
            if (count + 1 > maxAttachmentsPerCandidate) {
                throw quotaExceeded("a candidate may have at most " + maxAttachmentsPerCandidate + " attachments"
                        + " (setting attachments.per.candidate) and this one has " + count);
            }
        }
        if (maxCompanyBytes > 0) {
            Number used = em.createQuery("SELECT SUM(a.size) FROM AttachmentEntity a WHERE a.companyId = :companyId",
                    Number.class).setParameter("companyId", c.getCompanyId()).getSingleResult();
            long stored = used == null ? 0 : used.longValue();
            if (stored + size > maxCompanyBytes) {
                throw quotaExceeded("the company may store at most " + maxCompanyBytes / (1024 * 1024) + " MiB of"
                        + " attachments (setting storage.per.company.mb); " + mib(stored) + " MiB are stored and this"
                        + " file has " + mib(size) + " MiB");
            }
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    static ApiException quotaExceeded(String detail) {
        return ApiException.conflict("quota-exceeded", "Quota exceeded", detail);
    }

    public List<AttachmentView> attachments(Caller caller, String candidateId) {
        return db.tx(em -> {
            CandidateEntity c = load(em, caller.companyId(), candidateId);
            return em.createNamedQuery("Attachment.byCandidate", AttachmentEntity.class)
                    .setParameter("candidateId", c.getId()).getResultList().stream().map(AttachmentView::of).toList();
        });
    }

    /** An attachment's metadata and bytes. */
    public record File(AttachmentView meta, byte[] content) {
    }

    public File attachment(Caller caller, String candidateId, String attachmentId) {
        return db.tx(em -> {
            CandidateEntity c = load(em, caller.companyId(), candidateId);
            AttachmentEntity a = attachmentId == null ? null : em.find(AttachmentEntity.class, attachmentId);
            if (a == null || !a.getCandidateId().equals(c.getId())) {
                throw ApiException.notFound("attachment", attachmentId);
            }
            return new File(AttachmentView.of(a), a.getContent());
        });
    }

    // ------------------------------------------------------------------------------ shared with applications

    static Optional<CandidateEntity> findByEmail(EntityManager em, String companyId, String email) {
        return em.createQuery("SELECT c FROM CandidateEntity c WHERE c.companyId = :companyId AND c.emailKey = :key",
                CandidateEntity.class).setParameter("companyId", companyId)
                .setParameter("key", CandidateEntity.emailKey(email)).getResultList().stream().findFirst();
    }

    static CandidateEntity load(EntityManager em, String companyId, String id) {
        CandidateEntity c = id == null ? null : em.find(CandidateEntity.class, id);
        if (c == null || !c.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("candidate", id);
        }
        return c;
    }

    static ApiException candidateExists(CandidateEntity existing) {
        return ApiException.conflict("candidate-exists", "Candidate exists",
                "a candidate with the email " + existing.getEmail() + " already exists: " + existing.getId());
    }

    static void apply(CandidateEntity e, Checked c) {
        e.setName(c.firstName(), c.lastName());
        e.setEmail(c.email());
        e.setPhone(c.phone());
        e.setLocation(c.countryCode(), c.city());
        e.setExperience(c.experience());
        e.setEducation(c.education());
    }

    static CandidateView view(CandidateEntity e) {
        LocationView location = e.getCountryCode() == null && e.getCity() == null ? null
                : new LocationView(e.getCountryCode() == null ? null
                        : ReferenceData.countryName(e.getCountryCode()).orElse(e.getCountryCode()),
                        e.getCountryCode(), e.getCity());
        return new CandidateView(e.getId(), e.getFirstName(), e.getLastName(), e.getEmail(), e.getPhone(), location,
                read(e.getExperience(), new TypeReference<List<Experience>>() { }),
                read(e.getEducation(), new TypeReference<List<Education>>() { }),
                java.time.Instant.ofEpochMilli(e.getCreatedAt()), java.time.Instant.ofEpochMilli(e.getUpdatedAt()));
    }

    /** Validates candidate data; {@code prefix} names the enclosing field in error messages. */
    public static Checked check(CandidateIn in, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw ApiException.validation(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "is required");
        }
        String first = Text.required(errors, prefix + "firstName", in.firstName(), 100);
        String last = Text.required(errors, prefix + "lastName", in.lastName(), 100);
        String email = in.email() == null ? "" : in.email().trim();
        if (email.isEmpty()) {
            errors.add(new FieldError(prefix + "email", "is required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError(prefix + "email", "is not an email address"));
        }
        String phone = Text.optional(errors, prefix + "phone", in.phone(), 40);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new FieldError(prefix + "phone", "is not a phone number (digits, spaces, + ( ) . / -)"));
        }
        String country = null;
        String city = null;
        if (in.location() != null) {
            country = Text.optional(errors, prefix + "location.countryCode", in.location().countryCode(), 2);
            if (country != null && ReferenceData.countryName(country).isEmpty()) {
                errors.add(new FieldError(prefix + "location.countryCode",
                        "must be an ISO 3166-1 alpha-2 country code such as US or DE"));
            }
            city = Text.optional(errors, prefix + "location.city", in.location().city(), 100);
            country = country == null ? null : country.toUpperCase(java.util.Locale.ROOT);
        }
        List<Experience> experience = in.experience() == null ? List.of() : in.experience();
        if (experience.size() > MAX_ENTRIES) {
            errors.add(new FieldError(prefix + "experience", "may have at most " + MAX_ENTRIES + " entries"));
        }
        List<Experience> exp = new ArrayList<>();
        for (int i = 0; i < Math.min(experience.size(), MAX_ENTRIES); i++) {
            Experience x = experience.get(i);
            String f = prefix + "experience[" + i + "].";
            if (x == null) {
                errors.add(new FieldError(f.substring(0, f.length() - 1), "must not be null"));
                continue;
            }
            String start = month(errors, f + "startDate", x.startDate());
            String end = month(errors, f + "endDate", x.endDate());
            order(errors, f + "endDate", start, end);
            exp.add(new Experience(Text.required(errors, f + "title", x.title(), 200),
                    Text.optional(errors, f + "company", x.company(), 200), start, end,
                    Boolean.TRUE.equals(x.current()) ? Boolean.TRUE : null,
                    Text.multiline(errors, f + "description", x.description(), 4000)));
        }
        List<Education> education = in.education() == null ? List.of() : in.education();
        if (education.size() > MAX_ENTRIES) {
            errors.add(new FieldError(prefix + "education", "may have at most " + MAX_ENTRIES + " entries"));
        }
        List<Education> edu = new ArrayList<>();
        for (int i = 0; i < Math.min(education.size(), MAX_ENTRIES); i++) {
            Education x = education.get(i);
            String f = prefix + "education[" + i + "].";
            if (x == null) {
                errors.add(new FieldError(f.substring(0, f.length() - 1), "must not be null"));
                continue;
            }
            String start = month(errors, f + "startDate", x.startDate());
            String end = month(errors, f + "endDate", x.endDate());
            order(errors, f + "endDate", start, end);
            edu.add(new Education(Text.required(errors, f + "institution", x.institution(), 200),
                    Text.optional(errors, f + "degree", x.degree(), 200), Text.optional(errors, f + "major", x.major(), 200),
                    start, end));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Checked(first, last, email, phone, country, city, write(exp), write(edu));
    }

    private static String month(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!MONTH.matcher(v).matches()) {
            errors.add(new FieldError(field, "must be a month as YYYY-MM"));
        }
        return v;
    }

    private static void order(List<FieldError> errors, String field, String start, String end) {
        if (start != null && end != null && MONTH.matcher(start).matches() && MONTH.matcher(end).matches()
                && end.compareTo(start) < 0) {
            errors.add(new FieldError(field, "must not be before startDate"));
        }
    }

    public static String write(List<?> list) {
        if (list.isEmpty()) {
            return null;
        }
        try {
            return StoredJson.mapper().writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write candidate data", e);
        }
    }

    public static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return StoredJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored candidate data is not readable", e);
        }
    }
}
