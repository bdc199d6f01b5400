package org.hiremarket.core.internal.job;

import java.time.Instant;

import org.hiremarket.core.internal.identity.ReferenceData;

import io.swagger.v3.oas.annotations.media.Schema;

/** The job resources as the API speaks them. */
public final class JobViews {

    private JobViews() {
    }

    /** {@code {"id": "computer_software"}} */
    public record IdRef(@Schema(required = true) String id) {
    }

    /**
     * {@code {"countryCode": "US", "city": "San Francisco", "remote": false}}, with the other location
     * fields SmartRecruiters' job API has: {@code regionCode} (e.g. {@code CA}), {@code region},
     * {@code address}, {@code postalCode}, {@code hybrid}, {@code latitude}, {@code longitude}; the
     * {@code country} a job's answer carries may be sent back and is ignored when it names the same country.
     */
    @Schema(name = "JobLocationIn")
    public record LocationIn(@Schema(required = true) String countryCode, @Schema(required = true) String city, Boolean remote, String regionCode, String region,
            String address, String postalCode, Boolean hybrid, Double latitude, Double longitude, String country) {
        public LocationIn(String countryCode, String city, Boolean remote) {
            this(countryCode, city, remote, null, null, null, null, null, null, null, null);
        }
    }

    /** The ad's text, in the usual sections. */
    public record Sections(String companyDescription, String jobDescription, String qualifications,
            String additionalInformation) {
    }

    /** Body of {@code POST /jobs}. */
    public record CreateJob(@Schema(required = true) String title, String refNumber, @Schema(required = true) LocationIn location, @Schema(required = true) IdRef industry, @Schema(required = true) IdRef function,
            @Schema(required = true) IdRef experienceLevel, String department, Integer headcount, Sections description) {
    }

    /** Body of {@code PATCH /jobs/{id}}: fields left out stay as they are; sections are replaced one by one. */
    public record UpdateJob(String title, String refNumber, LocationIn location, IdRef industry, IdRef function,
            IdRef experienceLevel, String department, Integer headcount, Sections description) {
    }

    /** Body of {@code PUT /jobs/{id}/status}. */
    @Schema(name = "JobStatusChange")
    public record StatusChange(@Schema(required = true, implementation = JobStatus.class) String status) {
    }

    /** Body of {@code PUT /jobs/{id}/ad}. */
    public record Publication(@Schema(required = true, implementation = AdVisibility.class) String visibility) {
    }

    @Schema(name = "JobLocation")
    public record LocationView(String country, String countryCode, String regionCode, String region, String city,
            String address, String postalCode, boolean remote, boolean hybrid, Double latitude, Double longitude) {
    }

    public record AdView(AdVisibility visibility, Instant publishedOn) {
    }

    /** A job as its company's hiring team sees it. */
    public record JobView(@Schema(required = true) String id, @Schema(required = true) String title, String refNumber, @Schema(required = true) JobStatus status, @Schema(required = true) LocationView location,
            JobReference.Item industry, JobReference.Item function, JobReference.Item experienceLevel,
            String department, @Schema(required = true) int headcount, Sections description, AdView jobAd, @Schema(required = true) Instant createdOn,
            @Schema(required = true) Instant updatedOn) {

        static JobView of(JobEntity j) {
            return new JobView(j.getId(), j.getTitle(), j.getRefNumber(), j.getStatus(), JobViews.location(j),
                    item(JobReference.INDUSTRIES, j.getIndustryId()), item(JobReference.FUNCTIONS, j.getFunctionId()),
                    item(JobReference.EXPERIENCE_LEVELS, j.getExperienceLevelId()), j.getDepartment(),
                    j.getHeadcount(), sections(j),
                    j.getAdVisibility() == null ? null
                            : new AdView(j.getAdVisibility(), Instant.ofEpochMilli(j.getAdPublishedAt())),
                    Instant.ofEpochMilli(j.getCreatedAt()), Instant.ofEpochMilli(j.getUpdatedAt()));
        }
    }

    /** A published ad as candidates and employees see it: no internal fields. */
    public record JobAdView(@Schema(required = true) String id, @Schema(required = true) String title, @Schema(required = true) LocationView location, JobReference.Item industry,
            JobReference.Item function, JobReference.Item experienceLevel, String department, Sections description,
            @Schema(required = true) AdVisibility visibility, Instant publishedOn) {

        static JobAdView of(JobEntity j) {
            return new JobAdView(j.getId(), j.getTitle(), JobViews.location(j), item(JobReference.INDUSTRIES, j.getIndustryId()),
                    item(JobReference.FUNCTIONS, j.getFunctionId()),
                    item(JobReference.EXPERIENCE_LEVELS, j.getExperienceLevelId()), j.getDepartment(), sections(j),
                    j.getAdVisibility(), Instant.ofEpochMilli(j.getAdPublishedAt()));
        }
    }

    /**
     * A job as an agency it was sent to sees it: what its ad shows (the same content job boards get),
     * whether or not the ad is published.
     */
    public record AssignedJobView(@Schema(required = true) String id, @Schema(required = true) String title,
            @Schema(required = true) LocationView location, JobReference.Item industry, JobReference.Item function,
            JobReference.Item experienceLevel, String department, Sections description,
            @Schema(required = true) JobStatus status) {

        public static AssignedJobView of(JobEntity j) {
            return new AssignedJobView(j.getId(), j.getTitle(), JobViews.location(j),
                    item(JobReference.INDUSTRIES, j.getIndustryId()), item(JobReference.FUNCTIONS, j.getFunctionId()),
                    item(JobReference.EXPERIENCE_LEVELS, j.getExperienceLevelId()), j.getDepartment(), sections(j),
                    j.getStatus());
        }
    }

    /** What a job's ad shows, to tell whether a change of the job changed its ad. */
    record AdContent(String title, String refNumber, JobLocation location, String industry, String function,
            String experienceLevel, String department, Sections sections) {
        static AdContent of(JobEntity j) {
            return new AdContent(j.getTitle(), j.getRefNumber(), j.getLocation(), j.getIndustryId(), j.getFunctionId(),
                    j.getExperienceLevelId(), j.getDepartment(), JobViews.sections(j));
        }
    }

    static LocationView location(JobEntity j) {
        JobLocation l = j.getLocation();
        return new LocationView(ReferenceData.countryName(l.countryCode()).orElse(l.countryCode()), l.countryCode(),
                l.regionCode(), l.region(), l.city(), l.address(), l.postalCode(), l.remote(), l.hybrid(), l.latitude(),
                l.longitude());
    }

    static Sections sections(JobEntity j) {
        return new Sections(j.getCompanyDescription(), j.getJobDescription(), j.getQualifications(),
                j.getAdditionalInformation());
    }

    static JobReference.Item item(java.util.Map<String, String> list, String id) {
        return JobReference.find(list, id).orElse(new JobReference.Item(id, id));
    }
}
