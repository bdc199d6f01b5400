package org.hiremarket.core.internal.partner;

/** The kind of assessment an assessment vendor sells. */
public enum AssessmentCategory {
    BACKGROUND_CHECK, SKILLS_TEST, BEHAVIOURAL_ASSESSMENT, VIDEO_INTERVIEW
}
