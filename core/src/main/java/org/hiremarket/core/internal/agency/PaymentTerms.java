package org.hiremarket.core.internal.agency;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the customer pays the agency for a hire: a percentage of the hire's first-year salary (the
 * salary the assignment names), or a fixed fee; in one currency.
 */
public record PaymentTerms(Type type, BigDecimal percentage, BigDecimal firstYearSalary, BigDecimal fee,
        String currency) {

    /** How the fee is computed. */
    public enum Type {
        PERCENTAGE, FIXED_FEE
    }

    /** @return what a hire earns the agency, to the cent */
    public BigDecimal revenue() {
        BigDecimal r = type == Type.FIXED_FEE ? fee
                : firstYearSalary.multiply(percentage).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        return r.setScale(2, RoundingMode.HALF_UP);
    }
}
