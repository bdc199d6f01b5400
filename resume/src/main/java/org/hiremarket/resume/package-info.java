/**
 * Resume parsing: an uploaded resume (PDF, DOCX, DOC, RTF, ODT or plain text) becomes a
 * {@link org.hiremarket.resume.ParsedResume}, a draft of a candidate submission that a recruiter
 * checks before submitting. The {@link org.hiremarket.resume.ResumeParser} is an OSGi service of
 * the {@code org.hiremarket.resume} bundle, which embeds Apache Tika for type detection and text.
 */
@Export
@Version("1.0.0")
package org.hiremarket.resume;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
