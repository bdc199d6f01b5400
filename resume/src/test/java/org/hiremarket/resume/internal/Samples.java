package org.hiremarket.resume.internal;

import java.util.List;

/** Resumes in a few common layouts, as lines; the tests and the bench write them into documents. */
public final class Samples {

    private Samples() {
    }

    /** British, classic: name, contact line with separators, positions "Title, Employer" over the dates. */
    public static final List<String> CLASSIC = List.of(
            "Jane Doe",
            "jane.doe@example.com | +44 20 7946 0958 | London, United Kingdom",
            "Summary",
            "Backend engineer who likes boring, reliable systems.",
            "Experience",
            "Senior Software Engineer, Acme Ltd",
            "Jan 2020 \u2013 Present",
            "\u2022 Led the migration of billing to Kubernetes.",
            "\u2022 Cut p99 latency of the order API by 40%.",
            "Software Engineer at Globex Corporation",
            "2016 \u2013 2019",
            "\u2022 Built the payments reconciliation service.",
            "Education",
            "BSc Computer Science",
            "University of Leeds, 2012 \u2013 2015",
            "Skills",
            "Java, Kotlin, PostgreSQL, Kubernetes, Kafka");

    /** American, capitals: "City, ST", national phone, employer | title | dates on one line, bullets for skills. */
    public static final List<String> US = List.of(
            "JOHN SMITH",
            "Austin, TX | (512) 555-0199 | John.Smith@Mail.test",
            "WORK HISTORY",
            "Globex Corporation | Product Manager | 03/2018 to 11/2021",
            "\u2022 Owned the roadmap of the mobile app.",
            "Initech \u2014 Business Analyst \u2014 2015 - 2018",
            "\u2022 Wrote the reporting requirements.",
            "EDUCATION",
            "MBA, University of Texas at Austin, 2015",
            "Bachelor of Arts in Economics \u2014 Rice University \u2014 2011",
            "SKILLS",
            "\u2022 Roadmapping",
            "\u2022 SQL",
            "\u2022 Stakeholder management",
            "\u2022 SQL");

    /** Labelled header fields, ISO month dates above the position, skills under sub-labels. */
    public static final List<String> LABELLED = List.of(
            "Curriculum Vitae",
            "Name: Anna M\u00fcller",
            "Location: Berlin, Germany",
            "Phone: +49 30 1234567",
            "Email: anna.mueller@beispiel.de",
            "Professional Experience:",
            "2019-04 \u2013 now",
            "Data Scientist, Zalando SE",
            "Built demand forecasting models",
            "2016-09 \u2013 2019-03",
            "Research Assistant, Humboldt University of Berlin",
            "Education:",
            "MSc Statistics",
            "Humboldt University of Berlin",
            "2017",
            "Technical Skills:",
            "Languages: Python, R",
            "Tools: Spark, Airflow");

    /** No name line, no sections: only an e-mail address to go on. */
    public static final List<String> MINIMAL = List.of(
            "Curriculum Vitae",
            "maria.garcia@example.org",
            "I am a registered nurse with ten years of experience in intensive care.");
}
