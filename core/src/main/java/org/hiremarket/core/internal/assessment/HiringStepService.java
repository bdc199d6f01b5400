package org.hiremarket.core.internal.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.assessment.AssessmentViews.PackageView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepAssessmentIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepAssessmentView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepMoveView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepView;
import org.hiremarket.core.internal.candidate.ApplicationEntity;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The ordered hiring steps of a job, and applications moving through them. A step may carry an
 * assessment package of one of the company's assessment connections; an application entering
 * that step gets the package ordered automatically, once (a unique key per application and step
 * makes a second entry, or two racing moves, order nothing more).
 */
@Component(service = HiringStepService.class)
public class HiringStepService {

    static final int MAX_STEPS = 30;

    private final Database db;
    private final AssessmentService assessments;
    private final OrderMailbox mailbox;

    @Activate
    public HiringStepService(@Reference Database db, @Reference AssessmentService assessments,
            @Reference OrderMailbox mailbox) {
        this.db = db;
        this.assessments = assessments;
        this.mailbox = mailbox;
    }

    public List<StepView> list(Caller caller, String jobId) {
        return db.tx(em -> {
            JobService.load(em, caller.companyId(), jobId);
            return steps(em, jobId).stream().map(HiringStepService::view).toList();
        });
    }

    public StepView add(Caller caller, String jobId, StepIn in) {
        if (in == null) {
            throw ApiException.badRequest("a body with the step's name is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = Text.required(errors, "name", in.name(), 100);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        StepAssessmentView assessment = checkAssessment(caller, in.assessment());
        return db.tx(em -> {
            JobService.load(em, caller.companyId(), jobId);
            List<HiringStepEntity> steps = new ArrayList<>(steps(em, jobId));
            if (steps.size() >= MAX_STEPS) {
                throw ApiException.conflict("too-many-steps", "Too many steps",
                        "a job has at most " + MAX_STEPS + " hiring steps");
            }
            int position = position(in.position(), steps.size() + 1);
            long now = System.currentTimeMillis();
            HiringStepEntity s = new HiringStepEntity(Ids.newId(), caller.companyId(), jobId, position, name, now);
            if (assessment != null) {
                s.setAssessment(assessment.connectionId(), assessment.packageId(), assessment.packageName());
            }
            steps.add(position - 1, s);
            em.persist(s);
            renumber(steps, now);
            return view(s);
        });
    }

    /** Changes what is given: {@code name}, {@code position}; an {@code assessment} with no connection id removes it. */
    public StepView update(Caller caller, String jobId, String stepId, StepIn in) {
        if (in == null) {
            throw ApiException.badRequest("a body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = in.name() == null ? null : Text.required(errors, "name", in.name(), 100);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        boolean removeAssessment = in.assessment() != null
                && (in.assessment().connectionId() == null || in.assessment().connectionId().isBlank());
        StepAssessmentView assessment = in.assessment() == null || removeAssessment ? null
                : checkAssessment(caller, in.assessment());
        return db.tx(em -> {
            JobService.load(em, caller.companyId(), jobId);
            List<HiringStepEntity> steps = new ArrayList<>(steps(em, jobId));
            HiringStepEntity s = steps.stream().filter(x -> x.getId().equals(stepId)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("hiring step", stepId));
            long now = System.currentTimeMillis();
            if (name != null) {
                s.setName(name);
            }
            if (removeAssessment) {
                s.setAssessment(null, null, null);
            } else if (assessment != null) {
                s.setAssessment(assessment.connectionId(), assessment.packageId(), assessment.packageName());
            }
            if (in.position() != null) {
                int position = position(in.position(), steps.size());
                steps.remove(s);
                steps.add(position - 1, s);
                renumber(steps, now);
            }
            s.touch(now);
            return view(s);
        });
    }

    public void delete(Caller caller, String jobId, String stepId) {
        db.tx(em -> {
            JobService.load(em, caller.companyId(), jobId);
            List<HiringStepEntity> steps = new ArrayList<>(steps(em, jobId));
            HiringStepEntity s = steps.stream().filter(x -> x.getId().equals(stepId)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("hiring step", stepId));
            long inStep = em.createQuery("SELECT COUNT(a) FROM ApplicationEntity a WHERE a.hiringStepId = :s", Long.class)
                    .setParameter("s", stepId).getSingleResult();
            if (inStep > 0) {
                throw ApiException.conflict("step-in-use", "Step in use", inStep
                        + " application(s) are in this step; move them to another step first");
            }
            steps.remove(s);
            em.remove(s);
            renumber(steps, System.currentTimeMillis());
            return null;
        });
    }

    /**
     * Moves an application into a step of its job. Entering a step with an assessment orders it,
     * once per application and step; when the step's connection is not active the move still
     * happens and the answer says why nothing was ordered.
     */
    public StepMoveView move(Caller caller, String applicationId, String stepId) {
        if (stepId == null || stepId.isBlank()) {
            throw ApiException.validation("stepId", "is required");
        }
        StepMoveView v = db.tx(em -> {
            ApplicationEntity a = ApplicationService.load(em, caller.companyId(), applicationId);
            HiringStepEntity s = em.find(HiringStepEntity.class, stepId);
            if (s == null || !s.getJobId().equals(a.getJobId()) || !s.getCompanyId().equals(caller.companyId())) {
                throw ApiException.validation("stepId", "is not a hiring step of the application's job");
            }
            long now = System.currentTimeMillis();
            if (!stepId.equals(a.getHiringStepId())) {
                a.enterStep(stepId, now);
            }
            AssessmentViews.OrderView order = null;
            String notOrdered = null;
            if (s.hasAssessment()) {
                String autoKey = a.getId() + "/" + s.getId();
                List<AssessmentOrderEntity> existing = em.createQuery(
                        "SELECT o FROM AssessmentOrderEntity o WHERE o.autoKey = :k", AssessmentOrderEntity.class)
                        .setParameter("k", autoKey).getResultList();
                ConnectionEntity c = em.find(ConnectionEntity.class, s.getConnectionId());
                if (!existing.isEmpty()) {
                    order = AssessmentService.view(em, existing.get(0), false);
                } else if (c == null || c.getState() != ConnectionState.ACTIVE) {
                    notOrdered = "the step's assessment was not ordered: connection " + s.getConnectionId() + " is "
                            + (c == null ? "gone" : c.getState()) + "; re-activate it and order the package by hand";
                } else {
                    AssessmentOrderEntity o = AssessmentService.newOrder(em, a, c, s.getPackageId(),
                            s.getPackageName(), ApplicationService.actor(caller));
                    o.step(s.getId(), autoKey);
                    order = AssessmentService.view(em, o, true);
                }
            }
            em.flush();
            return new StepMoveView(ApplicationService.view(em, a), order, notOrdered);
        });
        if (v.assessmentOrder() != null && v.assessmentOrder().status() == OrderStatus.PLACED) {
            db.afterCommit(() -> mailbox.enqueue(v.assessmentOrder().id(), v.assessmentOrder().integrationId()));
        }
        return v;
    }

    // ------------------------------------------------------------------------------ internals

    private StepAssessmentView checkAssessment(Caller caller, StepAssessmentIn in) {
        if (in == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        if (in.connectionId() == null || in.connectionId().isBlank()) {
            errors.add(new FieldError("assessment.connectionId", "is required"));
        }
        if (in.packageId() == null || in.packageId().isBlank()) {
            errors.add(new FieldError("assessment.packageId", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        ConnectionEntity c = db.tx(em -> ConnectionService.load(em, caller.companyId(), in.connectionId().strip()));
        assessments.orderable(c, "attach packages of");
        PackageView p = assessments.requirePackage(c, in.packageId().strip(), "assessment.packageId");
        return new StepAssessmentView(c.getId(), p.id(), p.name());
    }

    private static int position(Integer requested, int max) {
        if (requested == null) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw ApiException.validation("position", "must be between 1 and " + max);
        }
        return requested;
    }

    private static void renumber(List<HiringStepEntity> steps, long now) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).getPosition() != i + 1) {
                steps.get(i).setPosition(i + 1);
                steps.get(i).touch(now);
            }
        }
    }

    static List<HiringStepEntity> steps(EntityManager em, String jobId) {
        return em.createQuery("SELECT s FROM HiringStepEntity s WHERE s.jobId = :jobId ORDER BY s.position, s.createdAt",
                HiringStepEntity.class).setParameter("jobId", jobId).getResultList();
    }

    static StepView view(HiringStepEntity s) {
        return new StepView(s.getId(), s.getJobId(), s.getPosition(), s.getName(),
                s.hasAssessment() ? new StepAssessmentView(s.getConnectionId(), s.getPackageId(), s.getPackageName())
                        : null,
                Instant.ofEpochMilli(s.getCreatedAt()), Instant.ofEpochMilli(s.getUpdatedAt()));
    }
}
