package org.hiremarket.core.internal.rest;

import org.apache.cxf.jaxrs.ext.ContextProvider;
import org.apache.cxf.message.Message;
import org.hiremarket.core.internal.identity.Caller;

/** Lets resource methods take the authenticated {@code @Context Caller}. */
final class CallerProvider implements ContextProvider<Caller> {

    static final String KEY = Caller.class.getName();

    @Override
    public Caller createContext(Message message) {
        Object c = message.get(KEY);
        if (c == null && message.getExchange() != null && message.getExchange().getInMessage() != null) {
            c = message.getExchange().getInMessage().get(KEY);
        }
        return (Caller) c;
    }
}
