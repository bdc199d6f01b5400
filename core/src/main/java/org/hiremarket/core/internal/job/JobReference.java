package org.hiremarket.core.internal.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published reference lists a job's {@code industry}, {@code function} and
 * {@code experienceLevel} ids come from (served by {@code GET /reference/...}). Ids are stable
 * lower-case slugs; labels are English.
 */
public final class JobReference {

    /** One entry of a reference list. */
    public record Item(String id, String label) {
    }

    public static final Map<String, String> INDUSTRIES = list(
            "accounting", "Accounting",
            "automotive", "Automotive",
            "banking", "Banking",
            "biotechnology", "Biotechnology",
            "construction", "Construction",
            "consulting", "Management Consulting",
            "consumer_goods", "Consumer Goods",
            "education", "Education",
            "energy", "Energy and Utilities",
            "financial_services", "Financial Services",
            "government", "Government Administration",
            "hospitality", "Hospitality",
            "hospital_health_care", "Hospital and Health Care",
            "human_resources", "Human Resources",
            "information_technology_and_services", "Information Technology and Services",
            "insurance", "Insurance",
            "internet", "Internet",
            "legal_services", "Legal Services",
            "logistics", "Logistics and Supply Chain",
            "manufacturing", "Manufacturing",
            "marketing_advertising", "Marketing and Advertising",
            "media", "Media and Publishing",
            "non_profit", "Non-Profit Organization",
            "pharmaceuticals", "Pharmaceuticals",
            "real_estate", "Real Estate",
            "retail", "Retail",
            "computer_software", "Computer Software",
            "staffing_recruiting", "Staffing and Recruiting",
            "telecommunications", "Telecommunications",
            "transportation", "Transportation");

    public static final Map<String, String> FUNCTIONS = list(
            "accounting", "Accounting / Auditing",
            "administrative", "Administrative",
            "analyst", "Analyst",
            "art_creative", "Art / Creative",
            "business_development", "Business Development",
            "consulting", "Consulting",
            "customer_service", "Customer Service",
            "design", "Design",
            "education", "Education",
            "engineering", "Engineering",
            "finance", "Finance",
            "general_business", "General Business",
            "health_care_provider", "Health Care Provider",
            "human_resources", "Human Resources",
            "information_technology", "Information Technology",
            "legal", "Legal",
            "management", "Management",
            "manufacturing", "Manufacturing",
            "marketing", "Marketing",
            "product_management", "Product Management",
            "project_management", "Project Management",
            "purchasing", "Purchasing",
            "quality_assurance", "Quality Assurance",
            "research", "Research",
            "sales", "Sales",
            "science", "Science",
            "strategy_planning", "Strategy / Planning",
            "supply_chain", "Supply Chain",
            "training", "Training",
            "writing_editing", "Writing / Editing");

    public static final Map<String, String> EXPERIENCE_LEVELS = list(
            "internship", "Internship",
            "entry_level", "Entry Level",
            "associate", "Associate",
            "mid_senior_level", "Mid-Senior Level",
            "director", "Director",
            "executive", "Executive",
            "not_applicable", "Not Applicable");

    private JobReference() {
    }

    public static List<Item> items(Map<String, String> list) {
        return list.entrySet().stream().map(e -> new Item(e.getKey(), e.getValue())).toList();
    }

    /** @return the item for an id, empty if the list does not have it */
    public static Optional<Item> find(Map<String, String> list, String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(list.get(id)).map(label -> new Item(id, label));
    }

    private static Map<String, String> list(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
