package org.hiremarket.api.assessment;

/**
 * The candidate data an assessment vendor receives (needs the {@code candidates.read} scope).
 *
 * @param firstName first name
 * @param lastName  last name
 * @param email     where the vendor sends the invitation
 */
public record CandidateInfo(String firstName, String lastName, String email) {
}
