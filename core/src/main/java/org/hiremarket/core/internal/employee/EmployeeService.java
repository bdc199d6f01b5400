package org.hiremarket.core.internal.employee;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateService;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.Education;
import org.hiremarket.core.internal.candidate.CandidateViews.Experience;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationIn;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.ReferenceData;
import org.hiremarket.core.internal.identity.UserEntity;
import org.hiremarket.core.internal.identity.UserService;
import org.hiremarket.core.internal.job.AdVisibility;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.JobAdView;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The employee portal: an EMPLOYEE sees the Public and Internal ads of their own company (never
 * Private ones), keeps a profile (contact, experience, education) and applies with it; such an
 * application carries the {@code EMPLOYEE} label.
 */
@Component(service = EmployeeService.class)
public class EmployeeService {

    /** What an employee sees: Public and Internal ads, never Private. */
    public static final Set<AdVisibility> EMPLOYEE_VISIBLE = EnumSet.of(AdVisibility.PUBLIC, AdVisibility.INTERNAL);
    /** What anyone sees. */
    public static final Set<AdVisibility> PUBLIC_VISIBLE = EnumSet.of(AdVisibility.PUBLIC);

    /** Body of {@code PUT /employee/profile}. */
    public record ProfileIn(String phone, LocationIn location, List<Experience> experience, List<Education> education) {
    }

    /** The profile: name and email come from the user account. */
    public record ProfileView(String firstName, String lastName, String email, String phone, LocationView location,
            List<Experience> experience, List<Education> education, Instant updatedOn) {
    }

    private final Database db;
    private final JobService jobs;
    private final ApplicationService applications;

    @Activate
    public EmployeeService(@Reference Database db, @Reference JobService jobs,
            @Reference ApplicationService applications) {
        this.db = db;
        this.jobs = jobs;
        this.applications = applications;
    }

    public Page<JobAdView> jobs(Caller caller, String q, PageRequest page) {
        requireEmployee(caller);
        return jobs.listAds(caller.companyId(), EMPLOYEE_VISIBLE, q, page);
    }

    public JobAdView job(Caller caller, String jobId) {
        requireEmployee(caller);
        return jobs.getAd(caller.companyId(), jobId, EMPLOYEE_VISIBLE);
    }

    public ProfileView profile(Caller caller) {
        requireEmployee(caller);
        return db.tx(em -> {
            UserEntity u = UserService.load(em, caller, caller.userId());
            return view(u, em.find(EmployeeProfileEntity.class, u.getId()));
        });
    }

    public ProfileView updateProfile(Caller caller, ProfileIn in) {
        requireEmployee(caller);
        return db.tx(em -> {
            UserEntity u = UserService.load(em, caller, caller.userId());
            CandidateService.Checked c = CandidateService.check(new CandidateIn(u.getFirstName(), u.getLastName(),
                    u.getEmail(), in.phone(), in.location(), in.experience(), in.education()), "");
            EmployeeProfileEntity p = em.find(EmployeeProfileEntity.class, u.getId());
            if (p == null) {
                p = new EmployeeProfileEntity(u.getId(), u.getCompanyId());
                em.persist(p);
            }
            p.update(c.phone(), c.countryCode(), c.city(), c.experience(), c.education(), System.currentTimeMillis());
            return view(u, p);
        });
    }

    /** Applies to an ad the employee can see, pre-filled from the profile. */
    public ApplicationView apply(Caller caller, String jobId) {
        requireEmployee(caller);
        return db.tx(em -> {
            UserEntity u = UserService.load(em, caller, caller.userId());
            JobEntity job = JobService.loadAd(em, caller.companyId(), jobId, EMPLOYEE_VISIBLE);
            ProfileView p = view(u, em.find(EmployeeProfileEntity.class, u.getId()));
            CandidateIn candidate = new CandidateIn(p.firstName(), p.lastName(), p.email(), p.phone(),
                    p.location() == null ? null : new LocationIn(p.location().countryCode(), p.location().city()),
                    p.experience(), p.education());
            return applications.applyAsEmployee(em, job, candidate, u.getId());
        });
    }

    public Page<ApplicationView> applications(Caller caller, PageRequest page) {
        requireEmployee(caller);
        return applications.employeeApplications(caller.companyId(), caller.userId(), page);
    }

    private static ProfileView view(UserEntity u, EmployeeProfileEntity p) {
        if (p == null) {
            return new ProfileView(u.getFirstName(), u.getLastName(), u.getEmail(), null, null, List.of(), List.of(),
                    null);
        }
        LocationView location = p.getCountryCode() == null && p.getCity() == null ? null
                : new LocationView(p.getCountryCode() == null ? null
                        : ReferenceData.countryName(p.getCountryCode()).orElse(p.getCountryCode()), p.getCountryCode(),
                        p.getCity());
        return new ProfileView(u.getFirstName(), u.getLastName(), u.getEmail(), p.getPhone(), location,
                CandidateService.read(p.getExperience(), new TypeReference<List<Experience>>() { }),
                CandidateService.read(p.getEducation(), new TypeReference<List<Education>>() { }),
                Instant.ofEpochMilli(p.getUpdatedAt()));
    }

    /** The portal is for people with the EMPLOYEE role; other callers get 403. */
    static void requireEmployee(Caller caller) {
        if (caller.kind() != Caller.Kind.USER || caller.userId() == null) {
            // Scope.EMPLOYEE_PORTAL.sessionsOnly(): the OpenAPI document offers sessions only
            throw new ApiException(403, "employee-only", "Employees only",
                    "the employee portal is for people with the EMPLOYEE role, signed in with their own session", null);
        }
    }
}
