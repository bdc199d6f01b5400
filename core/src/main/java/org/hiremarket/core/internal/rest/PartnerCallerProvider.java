package org.hiremarket.core.internal.rest;

import org.apache.cxf.jaxrs.ext.ContextProvider;
import org.apache.cxf.message.Message;
import org.hiremarket.core.internal.identity.PartnerCaller;

/** Lets partner resource methods take the authenticated {@code @Context PartnerCaller}. */
final class PartnerCallerProvider implements ContextProvider<PartnerCaller> {

    static final String KEY = PartnerCaller.class.getName();

    @Override
    public PartnerCaller createContext(Message message) {
        Object c = message.get(KEY);
        if (c == null && message.getExchange() != null && message.getExchange().getInMessage() != null) {
            c = message.getExchange().getInMessage().get(KEY);
        }
        return (PartnerCaller) c;
    }
}
